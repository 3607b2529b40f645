package io.facefleet.scheduler.support;

import io.facefleet.common.store.CreatorStore;
import io.facefleet.common.store.FaceTrackStore;
import io.facefleet.common.store.MatchStatus;
import io.facefleet.common.store.NewFaceTrack;
import io.facefleet.common.store.NewSighting;
import io.facefleet.common.store.TagStore;
import io.facefleet.common.store.VideoFacts;
import io.facefleet.common.store.VideoLifecycle;
import io.facefleet.common.store.VideoSampling;
import io.facefleet.common.store.VideoStore;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Videos, creators and faces written straight through the common stores, as a worker would leave them. */
public final class FaceData {

    private final JdbcClient jdbc;
    private final VideoStore videos;
    private final CreatorStore creators;
    private final FaceTrackStore faceTracks;
    private final TagStore tags;

    public FaceData(JdbcClient jdbc, VideoStore videos, CreatorStore creators, FaceTrackStore faceTracks,
                    TagStore tags) {
        this.jdbc = jdbc;
        this.videos = videos;
        this.creators = creators;
        this.faceTracks = faceTracks;
        this.tags = tags;
    }

    public void clear() {
        jdbc.sql("DELETE FROM videos").update();
        jdbc.sql("DELETE FROM creators").update();
    }

    public long video(String path) {
        return new VideoLifecycle(videos).found(path, 1000, Instant.parse("2026-01-01T00:00:00Z")).id();
    }

    /** A creator enrolled from photos whose faces embed to these vectors. */
    public long creator(String name, float[]... embeddings) {
        long id = creators.create(name);
        for (float[] embedding : embeddings) {
            creators.addEmbedding(id, embedding, "photo", null, null, null, null, 0.9f);
        }
        return id;
    }

    public static NewFaceTrack face(double seconds, float[] embedding, float size, Long creatorId, Float confidence,
                                    MatchStatus status) {
        return new NewFaceTrack(seconds, embedding, new float[]{10, 20, 10 + size, 20 + size}, 0.9f, null, creatorId,
                confidence, status);
    }

    /**
     * A face track seen every {@code interval} seconds from {@code first} to {@code last}; its best face (whose time
     * it carries) is the first.
     */
    public static NewFaceTrack track(double first, double last, double interval, float[] embedding, Long creatorId,
                                     Float confidence, MatchStatus status) {
        float[] bbox = {10, 20, 110, 120};
        List<NewSighting> sightings = new ArrayList<>();
        for (int i = 0; first + i * interval <= last + 1e-9; i++) {
            sightings.add(new NewSighting(first + i * interval, bbox, 0.9f));
        }
        return new NewFaceTrack(first, embedding, bbox, 0.9f, null, creatorId, confidence, status, null, 1, sightings);
    }

    /** Stores a processed 60 s video's faces and tags it as the worker does; returns the face ids in order. */
    public List<Long> processed(long videoId, NewFaceTrack... faces) {
        return processed(videoId, 60, new VideoSampling(0, 0, 0, null, null), faces);
    }

    /** The same with how the worker sampled the video. */
    public List<Long> processed(long videoId, double durationSeconds, VideoSampling sampling, NewFaceTrack... faces) {
        VideoLifecycle lifecycle = new VideoLifecycle(videos);
        UUID run = lifecycle.processing(videoId).orElseThrow();
        faceTracks.replace(videoId, List.of(faces));
        lifecycle.done(videoId, run, new VideoFacts(durationSeconds, 25, 1280, 720), sampling);
        tags.refreshTags(videoId);
        return jdbc.sql("SELECT id FROM face_tracks WHERE video_id = ? ORDER BY id").param(videoId)
                .query(Long.class).list();
    }
}
