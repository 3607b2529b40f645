package io.facefleet.worker.jobs;

import io.facefleet.common.store.RecognitionConfig;
import io.facefleet.worker.face.DetectedFace;
import io.facefleet.worker.face.TestEngines;
import io.facefleet.worker.tracking.FaceSighting;
import io.facefleet.worker.tracking.VideoFaceTrack;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VideoFaceFinderTest {

    private static final Path PEDESTRIANS = TestEngines.FIXTURES.facedata("videos/fp_video.mp4");
    private static final Path OBAMA = TestEngines.FIXTURES.facedata("videos/obama_whcd_hk.mp4");

    private final VideoFaceFinder finder = new VideoFaceFinder(TestEngines.dev512());

    @Test
    void facesNarrowerThanTheMinimumAreLeftOutAndTheOthersAreUnchanged() {
        List<FaceSighting> all = sightings(find(PEDESTRIANS, config(0, 8)));
        List<Float> widths = all.stream().map(s -> s.face().width()).sorted().toList();
        int minimum = Math.round(widths.get(widths.size() / 2));

        List<FaceSighting> wide = sightings(find(PEDESTRIANS, config(minimum, 8)));

        List<FaceSighting> expected = all.stream().filter(s -> s.face().width() >= minimum).toList();
        assertThat(all).as("faces of the pedestrians in 8 frames").hasSizeGreaterThan(10);
        assertThat(wide).hasSize(expected.size()).hasSizeLessThan(all.size());
        for (int i = 0; i < wide.size(); i++) {
            assertThat(wide.get(i).timestampSeconds()).isEqualTo(expected.get(i).timestampSeconds());
            assertThat(box(wide.get(i).face())).isEqualTo(box(expected.get(i).face()));
        }
    }

    @Test
    void aSpeakerFilmedThroughoutIsOneTrackEmbeddedAtMostThreeTimes() {
        VideoFaceFinder.Result result = find(OBAMA, config(0, 20));
        VideoFaceTrack longest = result.tracks().stream()
                .max(Comparator.comparingInt(t -> t.sightings().size())).orElseThrow();
        System.out.printf("obama_whcd_hk at 20 frames: %d faces in %d tracks, %d recognizer runs; longest track %d"
                        + " sightings, %.2f-%.2f s, %d faces in its template%n", result.facesSeen(),
                result.tracks().size(), result.recognizerRuns(), longest.sightings().size(), longest.firstSeconds(),
                longest.lastSeconds(), longest.embeddedFaces());
        assertThat(result.framesSampled()).isEqualTo(20);
        assertThat(longest.sightings()).as("Obama is on screen in every frame").hasSizeGreaterThanOrEqualTo(18);
        assertThat(longest.embeddedFaces()).isBetween(1, 3);
        assertThat(result.recognizerRuns()).isLessThanOrEqualTo(4 * result.tracks().size());
        assertThat(result.facesSeen()).isGreaterThanOrEqualTo(5 * result.tracks().size());
        assertThat(longest.cropJpeg()).isNotEmpty();
        assertThat(longest.best().quality()).isEqualTo(longest.sightings().stream()
                .map(FaceSighting::quality).max(Float::compare).orElseThrow());
    }

    private VideoFaceFinder.Result find(Path video, RecognitionConfig config) {
        return finder.find(video, config, frames -> { });
    }

    private static List<FaceSighting> sightings(VideoFaceFinder.Result result) {
        return result.tracks().stream().flatMap(t -> t.sightings().stream())
                .sorted(Comparator.comparingDouble(FaceSighting::timestampSeconds)
                        .thenComparingDouble(s -> s.face().x1()))
                .toList();
    }

    /** Sampling a fixed number of frames: the clips are shorter than that many intervals. */
    private static RecognitionConfig config(int minFaceSize, int frames) {
        return new RecognitionConfig(0.3f, 0.55f, 2.0f, frames, frames, 0.5f, minFaceSize);
    }

    private static List<Float> box(DetectedFace face) {
        return List.of(face.x1(), face.y1(), face.x2(), face.y2(), face.score());
    }
}
