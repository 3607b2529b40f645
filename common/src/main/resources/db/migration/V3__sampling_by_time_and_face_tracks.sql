-- Long videos: frames are sampled by time, not by count, and the faces of consecutive sampled frames are linked
-- into face tracks. A row of video_face_detections is now one face track: the unit that is matched, reviewed,
-- rematched and indexed. Its embedding is the track's template (the mean of its best few faces' embeddings), its
-- bbox, det_score, frame_timestamp and crop those of its best face; every sampled face of the track keeps its
-- time and box in video_face_sightings (the timeline needs them).

ALTER TABLE face_recognition_config
    ADD COLUMN sample_interval_seconds real NOT NULL DEFAULT 2.0
        CHECK (sample_interval_seconds >= 0.1 AND sample_interval_seconds <= 3600),
    ADD COLUMN min_frames_per_video int NOT NULL DEFAULT 8 CHECK (min_frames_per_video BETWEEN 1 AND 1000),
    ADD COLUMN max_frames_per_video int NOT NULL DEFAULT 3600 CHECK (max_frames_per_video BETWEEN 1 AND 100000),
    ADD CHECK (min_frames_per_video <= max_frames_per_video);
-- The old default of 30 frames becomes the new default floor; a count someone chose stays the floor for short clips.
UPDATE face_recognition_config
SET min_frames_per_video = CASE WHEN frames_per_video = 30 THEN 8 ELSE frames_per_video END;
ALTER TABLE face_recognition_config DROP COLUMN frames_per_video;

-- What the last run of a video sampled, and whether it read the whole file.
ALTER TABLE videos
    ADD COLUMN sample_interval_seconds   double precision,
    ADD COLUMN frames_sampled            int,
    ADD COLUMN frames_decoded            int,
    ADD COLUMN keyframe_interval_seconds double precision,
    ADD COLUMN partial_reason            text;

ALTER TABLE video_face_detections
    ADD COLUMN first_seen_seconds double precision,
    ADD COLUMN last_seen_seconds  double precision,
    ADD COLUMN sightings          int NOT NULL DEFAULT 1 CHECK (sightings >= 1),
    ADD COLUMN embedded_faces     int NOT NULL DEFAULT 1 CHECK (embedded_faces >= 1);
UPDATE video_face_detections SET first_seen_seconds = frame_timestamp, last_seen_seconds = frame_timestamp;
ALTER TABLE video_face_detections
    ALTER COLUMN first_seen_seconds SET NOT NULL,
    ALTER COLUMN last_seen_seconds SET NOT NULL,
    ADD CHECK (first_seen_seconds <= frame_timestamp AND frame_timestamp <= last_seen_seconds);

CREATE TABLE video_face_sightings (
    detection_id     bigint           NOT NULL REFERENCES video_face_detections ON DELETE CASCADE,
    frame_timestamp  double precision NOT NULL CHECK (frame_timestamp >= 0),
    bbox             real[]           NOT NULL CHECK (array_length(bbox, 1) = 4),
    det_score        real             NOT NULL,
    PRIMARY KEY (detection_id, frame_timestamp)
);
INSERT INTO video_face_sightings (detection_id, frame_timestamp, bbox, det_score)
SELECT id, frame_timestamp, bbox, det_score FROM video_face_detections;

-- How long each tagged creator is on screen (the union of their tracks' intervals).
ALTER TABLE video_creators ADD COLUMN on_screen_seconds double precision;
