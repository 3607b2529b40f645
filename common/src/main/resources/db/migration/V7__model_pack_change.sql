-- Changing the model pack under a live library (docs/model-pack-change.md). A change re-embeds every face track
-- and every creator face with the new pack into the staging tables below, beside the active pack's vectors, which
-- matching keeps using; the switch then replaces the embedding columns with the staged vectors in one transaction.
-- Staged vectors are halfvec without a dimension (the new pack's may differ) and unindexed: nothing searches them.
CREATE TABLE pack_changes (
    id                  bigserial   PRIMARY KEY,
    model_pack          text        NOT NULL,
    -- what the workers load: a built-in pack's name, or the folder of a pack of one's own
    load_as             text        NOT NULL,
    embedding_dim       int         NOT NULL CHECK (embedding_dim > 0),
    from_pack           text        NOT NULL,
    -- the new pack's manifest's thresholds, for the switch: the scheduler may not hold the pack's folder
    match_threshold     real        NOT NULL,
    auto_tag_threshold  real        NOT NULL,
    status              text        NOT NULL DEFAULT 'embedding' CHECK (status IN ('embedding', 'switched', 'abandoned')),
    started_at          timestamptz NOT NULL DEFAULT now(),
    ended_at            timestamptz
);
-- One change at a time.
CREATE UNIQUE INDEX pack_changes_one_open ON pack_changes ((true)) WHERE status = 'embedding';

-- Each staged vector names its change: a job of an abandoned change that ends late leaves rows no other change counts.
-- A face track's template under the new pack. A null embedding: the new pack's detector found the face at none of
-- the track's sightings (the switch deletes such tracks; the status counts them).
CREATE TABLE face_track_reembeddings (
    track_id        bigint  PRIMARY KEY REFERENCES face_tracks ON DELETE CASCADE,
    change_id       bigint  NOT NULL REFERENCES pack_changes ON DELETE CASCADE,
    embedding       halfvec,
    embedded_faces  int     CHECK (embedded_faces >= 1)
);

CREATE TABLE creator_face_reembeddings (
    embedding_id  bigint  PRIMARY KEY REFERENCES creator_face_embeddings ON DELETE CASCADE,
    change_id     bigint  NOT NULL REFERENCES pack_changes ON DELETE CASCADE,
    embedding     halfvec NOT NULL
);
