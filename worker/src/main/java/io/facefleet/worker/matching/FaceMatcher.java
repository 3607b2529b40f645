package io.facefleet.worker.matching;

import io.facefleet.common.matching.CreatorGallery;
import io.facefleet.common.store.CreatorMatch;
import io.facefleet.common.store.CreatorStore;
import io.facefleet.common.store.MatchStatus;
import io.facefleet.common.store.NewFaceTrack;
import io.facefleet.common.store.NewSighting;
import io.facefleet.common.store.RecognitionConfig;
import io.facefleet.worker.face.DetectedFace;
import io.facefleet.worker.tracking.FaceSighting;
import io.facefleet.worker.tracking.VideoFaceTrack;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;

/**
 * Matches a face track, by its template, to the creator with the nearest enrolled face (cosine; the
 * {@link CreatorGallery}'s codes pick the candidates, their half-precision embeddings compare them exactly, in memory):
 * matched at or above the auto-tag threshold, pending for review at or above the match threshold, unmatched below.
 * The best candidate is kept even when unmatched, so a later rematch only replaces it with a better one. Each search is
 * timed ({@code facefleet_creator_search_seconds}).
 */
@Component
public class FaceMatcher {

    private final CreatorGallery gallery;
    private final Timer nearestSearch;

    public FaceMatcher(CreatorStore creators, MeterRegistry registry) {
        this.gallery = new CreatorGallery(creators);
        this.nearestSearch = Timer.builder("facefleet.creator.search")
                .description("One search for a face track's nearest enrolled face: the codes, then the exact comparison")
                .serviceLevelObjectives(Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
                        Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
                        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1))
                .register(registry);
    }

    public NewFaceTrack match(VideoFaceTrack track, RecognitionConfig config) {
        Optional<CreatorMatch> best = nearestSearch.record(() -> gallery.nearest(track.embedding()));
        DetectedFace face = track.best().face();
        return new NewFaceTrack(track.best().timestampSeconds(), track.embedding(), box(face), face.score(),
                face.landmarks(),
                best.map(CreatorMatch::creatorId).orElse(null),
                best.map(CreatorMatch::similarity).orElse(null),
                best.map(m -> config.matchRule().statusFor(m.similarity())).orElse(MatchStatus.UNMATCHED),
                track.cropJpeg(), track.embeddedFaces(),
                track.sightings().stream().map(FaceMatcher::sighting).toList());
    }

    private static NewSighting sighting(FaceSighting sighting) {
        return new NewSighting(sighting.timestampSeconds(), box(sighting.face()), sighting.face().score());
    }

    private static float[] box(DetectedFace face) {
        return new float[]{face.x1(), face.y1(), face.x2(), face.y2()};
    }
}
