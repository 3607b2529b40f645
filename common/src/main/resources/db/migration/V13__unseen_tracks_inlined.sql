-- V11's function had settings of its own (enable_seqscan = off): PostgreSQL never inlines such a function and plans
-- its body anew at every call, 0.24 ms of the 0.65 ms statement of every nearest-face search at 1M faces
-- (docs/scaling.md, "The unseen rows planned once"). Without settings it is inlined into the statement that calls it,
-- and a prepared statement is planned once: the statement takes 0.40 ms.
-- Two things keep that plan on the index on the writer without the setting:
-- * Each part bounds the writers on both sides, which the planner takes for a sliver of the table with or without
--   statistics. One bound alone, or the xip list alone, it takes for a third of the table, and without statistics it
--   then joined all of face_tracks by hash. The upper bound of the first part is the largest xid8, there only to make
--   a range; every running transaction of a snapshot lies between its xmin and xmax. No bound changes a result.
-- * The bounds are subqueries, unknown to the planner whatever the snapshot: a plan made for one snapshot would
--   estimate as well as the generic plan, so the generic plan is kept. With the bounds in plain sight, each
--   execution was planned again for its own snapshot (1.16 ms a statement).
CREATE OR REPLACE FUNCTION track_embeddings_unseen_by(snapshot pg_snapshot) RETURNS SETOF face_track_embeddings
    LANGUAGE sql STABLE AS $$
    SELECT * FROM face_track_embeddings
    WHERE written_by >= (SELECT pg_snapshot_xmax(snapshot)) AND written_by <= '18446744073709551615'::xid8
    UNION ALL
    SELECT * FROM face_track_embeddings
    WHERE written_by = ANY(ARRAY(SELECT pg_snapshot_xip(snapshot)))
      AND written_by >= (SELECT pg_snapshot_xmin(snapshot)) AND written_by < (SELECT pg_snapshot_xmax(snapshot))
$$;
