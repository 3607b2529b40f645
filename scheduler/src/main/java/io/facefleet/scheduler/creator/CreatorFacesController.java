package io.facefleet.scheduler.creator;

import io.facefleet.common.image.ImageFormat;
import io.facefleet.scheduler.api.ApiException;
import io.facefleet.scheduler.api.Images;
import io.facefleet.scheduler.db.SqlValues;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** What the dashboard shows of creators beyond the list: their enrolled faces, photos and moments in videos. */
@RestController
@RequestMapping("/api/creators")
class CreatorFacesController {

    static final int MAX_PER_CREATOR = 20;

    private static final String FACE_COLUMNS = """
            e.id, e.creator_id, e.source_type, e.source_path, e.photo_id, e.detection_id, e.quality_score,
            e.crop_jpeg IS NOT NULL AS has_crop, e.created_at""";

    private static final RowMapper<CreatorFace> FACE = (rs, n) -> new CreatorFace(rs.getLong("id"),
            rs.getLong("creator_id"), rs.getString("source_type"), rs.getString("source_path"),
            SqlValues.nullableLong(rs, "photo_id"), SqlValues.nullableLong(rs, "detection_id"),
            SqlValues.nullableFloat(rs, "quality_score"), rs.getBoolean("has_crop"), SqlValues.instant(rs, "created_at"));

    private final JdbcClient jdbc;
    private final CreatorQueries queries;

    CreatorFacesController(JdbcClient jdbc, CreatorQueries queries) {
        this.jdbc = jdbc;
        this.queries = queries;
    }

    /** Every creator's first few enrolled faces with a crop (photos before confirmed faces), for a grid. */
    @GetMapping("/faces")
    List<CreatorFace> referenceFaces(@RequestParam(name = "per_creator", defaultValue = "3") int perCreator) {
        if (perCreator < 1 || perCreator > MAX_PER_CREATOR) {
            throw ApiException.badRequest("'per_creator' must be between 1 and " + MAX_PER_CREATOR);
        }
        return jdbc.sql("SELECT * FROM (SELECT " + FACE_COLUMNS + """
                        , row_number() OVER (PARTITION BY e.creator_id
                            ORDER BY e.source_type = 'photo' DESC, e.id) AS position
                          FROM creator_face_embeddings e WHERE e.crop_jpeg IS NOT NULL) e
                        WHERE position <= ? ORDER BY creator_id, position""")
                .param(perCreator).query(FACE).list();
    }

    /** The creator's enrolled faces, oldest first. */
    @GetMapping("/{id}/faces")
    List<CreatorFace> faces(@PathVariable long id) {
        queries.summary(id); // 404 for an unknown creator
        return jdbc.sql("SELECT " + FACE_COLUMNS + " FROM creator_face_embeddings e WHERE e.creator_id = ? ORDER BY e.id")
                .param(id).query(FACE).list();
    }

    @GetMapping(path = "/{id}/faces/{faceId}/crop.jpg", produces = "image/jpeg")
    ResponseEntity<byte[]> faceCrop(@PathVariable long id, @PathVariable long faceId) {
        return jdbc.sql("""
                        SELECT crop_jpeg FROM creator_face_embeddings
                        WHERE id = ? AND creator_id = ? AND crop_jpeg IS NOT NULL""")
                .params(faceId, id).query(byte[].class).optional()
                .map(Images::crop)
                .orElseThrow(() -> ApiException.notFound("Creator " + id + " has no face " + faceId + " with a crop"));
    }

    /** An uploaded photo as it was sent, so that one without a face can be seen. */
    @GetMapping("/{id}/photos/{photoId}/image")
    ResponseEntity<byte[]> photo(@PathVariable long id, @PathVariable long photoId) {
        byte[] content = jdbc.sql("SELECT content FROM creator_photos WHERE id = ? AND creator_id = ?")
                .params(photoId, id).query(byte[].class).optional()
                .orElseThrow(() -> ApiException.notFound("Creator " + id + " has no photo " + photoId));
        MediaType type = switch (ImageFormat.of(content).orElse(ImageFormat.JPEG)) {
            case JPEG -> MediaType.IMAGE_JPEG;
            case PNG -> MediaType.IMAGE_PNG;
            case WEBP -> MediaType.parseMediaType("image/webp");
            case BMP -> MediaType.parseMediaType("image/bmp");
        };
        return ResponseEntity.ok().contentType(type).cacheControl(CacheControl.noCache()).body(content);
    }

    /** Where the creator is seen: every face track matched, confirmed or pending as them, by video and time. */
    @GetMapping("/{id}/moments")
    List<CreatorMoment> moments(@PathVariable long id) {
        queries.summary(id);
        return queries.moments(id);
    }
}
