-- Facefleet's schema. ${embedding_dim} and the thresholds come from the model pack the database is created for;
-- facefleet_meta records that pack so that a scheduler or worker configured for another one refuses to start.

CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE facefleet_meta (
    id             int         PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    model_pack     text        NOT NULL,
    embedding_dim  int         NOT NULL CHECK (embedding_dim > 0),
    created_at     timestamptz NOT NULL DEFAULT now()
);
INSERT INTO facefleet_meta (model_pack, embedding_dim) VALUES ('${model_pack}', ${embedding_dim});

CREATE TABLE creators (
    id          bigserial   PRIMARY KEY,
    name        text        NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Photos uploaded for a creator, kept in the database so every worker host can read them without shared storage.
CREATE TABLE creator_photos (
    id            bigserial   PRIMARY KEY,
    creator_id    bigint      NOT NULL REFERENCES creators ON DELETE CASCADE,
    file_name     text        NOT NULL,
    content       bytea       NOT NULL,
    status        text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'enrolled', 'no_face')),
    error         text,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX creator_photos_creator ON creator_photos (creator_id);

CREATE TABLE creator_face_embeddings (
    id             bigserial   PRIMARY KEY,
    creator_id     bigint      NOT NULL REFERENCES creators ON DELETE CASCADE,
    embedding      vector(${embedding_dim}) NOT NULL,
    source_type    text        NOT NULL CHECK (source_type IN ('photo', 'confirmed_detection')),
    source_path    text,
    photo_id       bigint      REFERENCES creator_photos ON DELETE CASCADE,
    detection_id   bigint,
    bbox           real[]      CHECK (bbox IS NULL OR array_length(bbox, 1) = 4),
    quality_score  real,
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX creator_face_embeddings_creator ON creator_face_embeddings (creator_id);
CREATE INDEX creator_face_embeddings_hnsw ON creator_face_embeddings USING hnsw (embedding vector_cosine_ops);

CREATE TABLE videos (
    id                bigserial   PRIMARY KEY,
    path              text        NOT NULL UNIQUE,
    size_bytes        bigint      NOT NULL,
    mtime             timestamptz NOT NULL,
    duration_seconds  double precision,
    fps               double precision,
    width             int,
    height            int,
    status            text        NOT NULL DEFAULT 'new'
                      CHECK (status IN ('new', 'queued', 'processing', 'done', 'failed', 'missing')),
    error             text,
    attempts          int         NOT NULL DEFAULT 0,
    -- The run that may write this video's results; a worker whose run was superseded writes nothing.
    run_id            uuid,
    processed_at      timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX videos_status ON videos (status);

CREATE TABLE video_face_detections (
    id                  bigserial   PRIMARY KEY,
    video_id            bigint      NOT NULL REFERENCES videos ON DELETE CASCADE,
    frame_timestamp     double precision NOT NULL CHECK (frame_timestamp >= 0),
    embedding           vector(${embedding_dim}) NOT NULL,
    bbox                real[]      NOT NULL CHECK (array_length(bbox, 1) = 4),
    det_score           real        NOT NULL,
    landmarks           real[]      CHECK (landmarks IS NULL OR array_length(landmarks, 1) = 10),
    matched_creator_id  bigint      REFERENCES creators ON DELETE SET NULL,
    match_confidence    real,
    match_status        text        NOT NULL
                        CHECK (match_status IN ('matched', 'pending', 'unmatched', 'confirmed', 'rejected')),
    created_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX video_face_detections_video ON video_face_detections (video_id);
CREATE INDEX video_face_detections_status ON video_face_detections (match_status);
CREATE INDEX video_face_detections_hnsw ON video_face_detections USING hnsw (embedding vector_cosine_ops);

-- "Not this person": never suggest that creator for that face again.
CREATE TABLE detection_rejections (
    detection_id  bigint NOT NULL REFERENCES video_face_detections ON DELETE CASCADE,
    creator_id    bigint NOT NULL REFERENCES creators ON DELETE CASCADE,
    PRIMARY KEY (detection_id, creator_id)
);

CREATE TABLE video_creators (
    video_id            bigint      NOT NULL REFERENCES videos ON DELETE CASCADE,
    creator_id          bigint      NOT NULL REFERENCES creators ON DELETE CASCADE,
    source              text        NOT NULL CHECK (source IN ('auto', 'manual')),
    confidence          real,
    first_seen_seconds  double precision,
    created_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (video_id, creator_id)
);
CREATE INDEX video_creators_creator ON video_creators (creator_id);

CREATE TABLE face_recognition_config (
    id                  int         PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    match_threshold     real        NOT NULL,
    auto_tag_threshold  real        NOT NULL,
    frames_per_video    int         NOT NULL CHECK (frames_per_video BETWEEN 1 AND 1000),
    min_det_score       real        NOT NULL DEFAULT 0.5 CHECK (min_det_score BETWEEN 0 AND 1),
    min_face_size       int         NOT NULL DEFAULT 20 CHECK (min_face_size >= 0),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CHECK (match_threshold > -1 AND match_threshold <= auto_tag_threshold AND auto_tag_threshold < 1)
);
INSERT INTO face_recognition_config (match_threshold, auto_tag_threshold, frames_per_video)
VALUES (${match_threshold}, ${auto_tag_threshold}, 30);
