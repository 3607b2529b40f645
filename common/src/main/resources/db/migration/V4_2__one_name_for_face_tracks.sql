-- One word for one thing: a row of the old video_face_detections has been a face track since V3, and the code, the
-- API (track_id, /api/tracks) and the dashboard call it so; the tables and columns now do too.
ALTER TABLE video_face_detections RENAME TO face_tracks;
ALTER SEQUENCE video_face_detections_id_seq RENAME TO face_tracks_id_seq;
ALTER INDEX video_face_detections_pkey RENAME TO face_tracks_pkey;
ALTER INDEX video_face_detections_video RENAME TO face_tracks_video;
ALTER INDEX video_face_detections_status RENAME TO face_tracks_status;
ALTER INDEX video_face_detections_hnsw RENAME TO face_tracks_hnsw;
ALTER TABLE face_tracks RENAME CONSTRAINT video_face_detections_match_status_check TO face_tracks_match_status_check;

ALTER TABLE detection_rejections RENAME TO track_rejections;
ALTER TABLE track_rejections RENAME COLUMN detection_id TO track_id;
ALTER TABLE video_face_sightings RENAME COLUMN detection_id TO track_id;
ALTER TABLE creator_face_embeddings RENAME COLUMN detection_id TO track_id;

ALTER TABLE creator_face_embeddings DROP CONSTRAINT creator_face_embeddings_source_type_check;
UPDATE creator_face_embeddings SET source_type = 'confirmed_track' WHERE source_type = 'confirmed_detection';
ALTER TABLE creator_face_embeddings ADD CONSTRAINT creator_face_embeddings_source_type_check
    CHECK (source_type IN ('photo', 'confirmed_track'));
