-- The nearest face tracks are found among binary codes of every track's template that a process holds in memory
-- (TrackGallery; docs/scaling.md, "Nearest faces scan binary codes"). Tracks are written all the time, so the process
-- must know exactly which rows its codes lack: each row records the transaction that wrote it, and the codes the
-- snapshot they were read in. A search compares exactly every row whose writer that snapshot did not see
-- (pg_visible_in_snapshot), so a track committed a moment ago, or written by the searching transaction itself, is
-- found. Rows written before this migration have no writer: every snapshot sees them.
ALTER TABLE face_track_embeddings ADD COLUMN written_by xid8;
ALTER TABLE face_track_embeddings ALTER COLUMN written_by SET DEFAULT pg_current_xact_id();
CREATE INDEX face_track_embeddings_written_by ON face_track_embeddings (written_by);

-- The rows a snapshot did not see: those of transactions that began after it (xmax and later) or were running then
-- (its xip list). Not "xmin and later": a transaction left open for an hour would make every search walk an hour's
-- rows (49 ms for 125,000, where this takes 0.3). Always through the index on the writer: a plan made without
-- statistics of the writers (a new column) scanned the whole table for them (47 ms at 125,000 tracks); a function
-- with its own settings is planned on its own, with a sequential scan ruled out.
CREATE FUNCTION track_embeddings_unseen_by(snapshot pg_snapshot) RETURNS SETOF face_track_embeddings
    LANGUAGE sql STABLE SET enable_seqscan = off AS $$
    SELECT * FROM face_track_embeddings WHERE written_by >= pg_snapshot_xmax(snapshot)
    UNION ALL
    SELECT * FROM face_track_embeddings WHERE written_by = ANY(ARRAY(SELECT pg_snapshot_xip(snapshot)))
$$;
