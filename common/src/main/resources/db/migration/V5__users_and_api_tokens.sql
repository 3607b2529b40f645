-- Who may use the scheduler: people sign in to the dashboard with a name and password (users), programs send a
-- bearer token (api_tokens). Only hashes are stored: bcrypt for passwords, SHA-256 for tokens (256 random bits
-- need no slow hash). Roles: admin (everything), reviewer (review and read), viewer (read), worker (the face API).
CREATE TABLE users (
    id            bigserial PRIMARY KEY,
    name          text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
    password_hash text NOT NULL,
    role          text NOT NULL CHECK (role IN ('admin', 'reviewer', 'viewer', 'worker')),
    created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE api_tokens (
    id         bigserial PRIMARY KEY,
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    role       text NOT NULL CHECK (role IN ('admin', 'reviewer', 'viewer', 'worker')),
    token_hash bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
);
