package io.facefleet.scheduler.demo;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One row per video: its file, status, face tracks (all, and those waiting for review), and the creators it is tagged
 * with: confidence, seconds on screen and where the first stretch on screen starts (half a sampling interval before
 * the creator's first sighting, as the timeline has it).
 */
public final class DemoReport {

    record Row(String path, String status, String error, String creators, int pending, int tracks) {
    }

    private final JdbcClient jdbc;

    public DemoReport(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void print(PrintStream out) {
        List<Row> rows = jdbc.sql("""
                        SELECT v.path, v.status, v.error,
                          coalesce((SELECT string_agg(CASE WHEN vc.on_screen_seconds IS NULL
                                      THEN format('%s (%s)', c.name, coalesce(to_char(vc.confidence, 'FM0.00'), vc.source))
                                      ELSE format('%s (%s, %s s on screen from %s s)', c.name,
                                        to_char(vc.confidence, 'FM0.00'), to_char(vc.on_screen_seconds, 'FM9990.0'),
                                        to_char(greatest(0, vc.first_seen_seconds
                                          - coalesce(v.sample_interval_seconds, 0) / 2), 'FM9990.0')) END,
                                      ', ' ORDER BY vc.first_seen_seconds NULLS LAST, c.name)
                                    FROM video_creators vc JOIN creators c ON c.id = vc.creator_id
                                    WHERE vc.video_id = v.id), '-') AS creators,
                          (SELECT count(*) FROM video_face_detections d
                            WHERE d.video_id = v.id AND d.match_status = 'pending') AS pending,
                          (SELECT count(*) FROM video_face_detections d WHERE d.video_id = v.id) AS tracks
                        FROM videos v ORDER BY v.path""")
                .query((rs, n) -> new Row(rs.getString("path"), rs.getString("status"), rs.getString("error"),
                        rs.getString("creators"), rs.getInt("pending"), rs.getInt("tracks")))
                .list();
        int nameWidth = Math.max(5, rows.stream().mapToInt(r -> Path.of(r.path()).getFileName().toString().length())
                .max().orElse(5));
        String format = "%-" + nameWidth + "s  %-7s  %6s  %7s  %s%n";
        out.println();
        out.printf(Locale.ROOT, format, "video", "status", "tracks", "pending", "creators (confidence, on screen)");
        for (Row r : rows) {
            out.printf(Locale.ROOT, format, Path.of(r.path()).getFileName(), r.status(), r.tracks(), r.pending(),
                    r.error() == null ? r.creators() : r.creators() + "  [" + r.error() + "]");
        }
        int creators = jdbc.sql("SELECT count(*) FROM creators").query(Integer.class).single();
        int enrolled = jdbc.sql("SELECT count(DISTINCT creator_id) FROM creator_face_embeddings").query(Integer.class).single();
        int pending = rows.stream().mapToInt(Row::pending).sum();
        out.printf(Locale.ROOT, "%n%d videos, %d of %d creators enrolled, %d face tracks pending review%n", rows.size(),
                enrolled, creators, pending);
        jdbc.sql("SELECT c.name, p.file_name, p.error FROM creator_photos p JOIN creators c ON c.id = p.creator_id"
                        + " WHERE p.status = 'no_face' ORDER BY c.name")
                .query((rs, n) -> "  not enrolled: " + rs.getString(1) + " (" + rs.getString(3) + ")").list()
                .forEach(out::println);
    }
}
