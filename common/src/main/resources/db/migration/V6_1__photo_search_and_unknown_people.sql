-- Search by photo: the photo waits here until a worker has embedded its most prominent face, and the scheduler
-- deletes the row as soon as it has the answer (a face is biometric data: nothing of a search is kept).
CREATE TABLE photo_searches (
    id          bigserial   PRIMARY KEY,
    photo       bytea       NOT NULL,
    status      text        NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'embedded', 'no_face', 'failed')),
    embedding   vector(${embedding_dim}),
    bbox        real[]      CHECK (bbox IS NULL OR array_length(bbox, 1) = 4),
    error       text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CHECK ((status = 'embedded') = (embedding IS NOT NULL))
);

-- Unknown people: face tracks nobody is matched to (unmatched), grouped into one cluster per person, across videos.
-- A track belongs to one cluster at most; it leaves with its row (reprocessing replaces a video's tracks) and stops
-- counting once it is matched to a creator (the read model only counts unmatched members).
CREATE TABLE unknown_people (
    id          bigserial   PRIMARY KEY,
    ignored     boolean     NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE unknown_person_tracks (
    track_id    bigint      PRIMARY KEY REFERENCES face_tracks ON DELETE CASCADE,
    person_id   bigint      NOT NULL REFERENCES unknown_people ON DELETE CASCADE
);
CREATE INDEX unknown_person_tracks_person ON unknown_person_tracks (person_id);
