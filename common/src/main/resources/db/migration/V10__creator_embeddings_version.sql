-- Matching finds a face's creator among binary codes of the enrolled faces that each worker holds in memory
-- (CreatorGallery; docs/scaling.md, "Matching scans binary codes"). A worker knows its codes are stale when this
-- version has moved: every statement that writes creator_face_embeddings bumps it in its own transaction, so the new
-- version becomes visible together with the rows. A statement that wrote no row leaves it alone.
CREATE TABLE creator_embeddings_version (version bigint NOT NULL);
INSERT INTO creator_embeddings_version VALUES (0);

CREATE FUNCTION creator_embeddings_written() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM written) THEN
        UPDATE creator_embeddings_version SET version = version + 1;
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION creator_embeddings_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE creator_embeddings_version SET version = version + 1;
    RETURN NULL;
END $$;

CREATE TRIGGER creator_embeddings_inserted AFTER INSERT ON creator_face_embeddings
    REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION creator_embeddings_written();
CREATE TRIGGER creator_embeddings_updated AFTER UPDATE ON creator_face_embeddings
    REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION creator_embeddings_written();
CREATE TRIGGER creator_embeddings_deleted AFTER DELETE ON creator_face_embeddings
    REFERENCING OLD TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION creator_embeddings_written();
CREATE TRIGGER creator_embeddings_truncated AFTER TRUNCATE ON creator_face_embeddings
    FOR EACH STATEMENT EXECUTE FUNCTION creator_embeddings_truncated();
