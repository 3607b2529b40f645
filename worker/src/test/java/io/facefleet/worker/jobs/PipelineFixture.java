package io.facefleet.worker.jobs;

import io.facefleet.common.Fixtures;
import io.facefleet.common.jobs.EnrolCreatorRequest;
import io.facefleet.common.jobs.VideoQueue;
import io.facefleet.common.store.CreatorStore;
import io.facefleet.common.store.Video;
import io.facefleet.common.store.VideoLifecycle;
import io.facefleet.common.store.VideoStatus;
import io.facefleet.common.store.VideoStore;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/** What the scheduler would do, done directly against the stores and JobRunr, plus waits on real outcomes. */
@Component
public class PipelineFixture {

    public static final Fixtures FIXTURES = Fixtures.locate();

    private final VideoStore videos;
    private final VideoLifecycle lifecycle;
    private final VideoQueue videoQueue;
    private final CreatorStore creators;
    private final JobRequestScheduler jobs;
    private final JdbcClient jdbc;

    public PipelineFixture(VideoStore videos, CreatorStore creators, JobRequestScheduler jobs, JdbcClient jdbc) {
        this.videos = videos;
        this.lifecycle = new VideoLifecycle(videos);
        this.videoQueue = new VideoQueue(jobs, lifecycle);
        this.creators = creators;
        this.jobs = jobs;
        this.jdbc = jdbc;
    }

    public long enrol(String name, String... photos) {
        long id = creators.create(name);
        for (String photo : photos) {
            Path file = FIXTURES.facedata(photo);
            creators.addPhoto(id, file.getFileName().toString(), read(file));
        }
        jobs.enqueue(new EnrolCreatorRequest(id));
        return id;
    }

    public long queueVideo(Path file) {
        try {
            Video video = lifecycle.found(file.toString(), Files.size(file), Files.getLastModifiedTime(file).toInstant());
            videoQueue.enqueue(video);
            return video.id();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long queueVideo(String facedataPath) {
        return queueVideo(FIXTURES.facedata(facedataPath));
    }

    public Video awaitVideo(long id, VideoStatus status) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .until(() -> videos.find(id).orElseThrow().status() == status);
        return videos.find(id).orElseThrow();
    }

    /** Enrolled, and every rematch it caused has run. */
    public void awaitEnrolled(long creatorId) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() ->
                creators.embeddingCount(creatorId) > 0 && noJobsLeft());
    }

    public boolean noJobsLeft() {
        return jdbc.sql("SELECT count(*) FROM jobrunr_jobs WHERE state IN ('SCHEDULED', 'ENQUEUED', 'PROCESSING', 'AWAITING')")
                .query(Integer.class).single() == 0;
    }

    public List<String> tagsOf(long videoId) {
        return jdbc.sql("""
                        SELECT c.name FROM video_creators vc JOIN creators c ON c.id = vc.creator_id
                        WHERE vc.video_id = ? ORDER BY c.name""")
                .param(videoId).query(String.class).list();
    }

    public int tracksWithStatus(long videoId, String status) {
        return jdbc.sql("SELECT count(*) FROM face_tracks WHERE video_id = ? AND match_status = ?")
                .params(videoId, status).query(Integer.class).single();
    }

    /** Faces sampled, the tracks they form (one review entry each) and the tracks waiting for review. */
    public void printTracks(String name, long videoId) {
        jdbc.sql("""
                        SELECT count(*) AS tracks, coalesce(sum(sightings), 0) AS faces,
                          count(*) FILTER (WHERE match_status = 'pending') AS pending
                        FROM face_tracks WHERE video_id = ?""")
                .param(videoId)
                .query((rs, n) -> {
                    System.out.printf("%s: %d faces in %d tracks, %d tracks waiting for review%n", name,
                            rs.getInt("faces"), rs.getInt("tracks"), rs.getInt("pending"));
                    return null;
                }).list();
    }

    public float bestSimilarity(long videoId, long creatorId) {
        return jdbc.sql("""
                        SELECT coalesce(max(1 - (t.embedding <=> e.embedding)), -1) FROM face_tracks d
                        JOIN face_track_embeddings t ON t.track_id = d.id
                        CROSS JOIN creator_face_embeddings e WHERE d.video_id = ? AND e.creator_id = ?""")
                .params(videoId, creatorId).query(Float.class).single();
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
