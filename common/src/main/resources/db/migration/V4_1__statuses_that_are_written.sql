-- A reviewer's "not this person" is kept in detection_rejections and leaves the track pending (next candidate) or
-- unmatched: no track was ever 'rejected', so the status goes. Tags from tracks a reviewer confirmed are 'manual'.
ALTER TABLE video_face_detections DROP CONSTRAINT video_face_detections_match_status_check;
ALTER TABLE video_face_detections ADD CONSTRAINT video_face_detections_match_status_check
    CHECK (match_status IN ('matched', 'pending', 'unmatched', 'confirmed'));
UPDATE video_creators vc SET source = 'manual'
WHERE EXISTS (SELECT 1 FROM video_face_detections t
              WHERE t.video_id = vc.video_id AND t.matched_creator_id = vc.creator_id AND t.match_status = 'confirmed');
