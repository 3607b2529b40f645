-- Small JPEG crops of faces for the dashboard (the face box enlarged by 30 %, longest side at most 160 px), written
-- by the worker in the same transaction as the face rows. Null for rows stored before this migration.
ALTER TABLE video_face_detections ADD COLUMN crop_jpeg bytea;
ALTER TABLE creator_face_embeddings ADD COLUMN crop_jpeg bytea;
