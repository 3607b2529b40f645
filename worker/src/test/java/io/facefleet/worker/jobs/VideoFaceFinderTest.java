package io.facefleet.worker.jobs;

import io.facefleet.common.store.RecognitionConfig;
import io.facefleet.worker.face.DetectedFace;
import io.facefleet.worker.face.TestEngines;
import io.facefleet.worker.matching.VideoFace;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VideoFaceFinderTest {

    private static final Path PEDESTRIANS = TestEngines.FIXTURES.facedata("videos/fp_video.mp4");

    private final VideoFaceFinder finder = new VideoFaceFinder(TestEngines.dev512());

    @Test
    void facesNarrowerThanTheMinimumAreLeftOutAndTheOthersAreUnchanged() {
        List<VideoFace> all = find(config(0)).faces();
        List<Float> widths = all.stream().map(f -> f.face().detection().width()).sorted().toList();
        int minimum = Math.round(widths.get(widths.size() / 2));

        List<VideoFace> wide = find(config(minimum)).faces();

        List<VideoFace> expected = all.stream().filter(f -> f.face().detection().width() >= minimum).toList();
        assertThat(all).as("faces of the pedestrians in 8 frames").hasSizeGreaterThan(10);
        assertThat(wide).hasSize(expected.size()).hasSizeLessThan(all.size());
        for (int i = 0; i < wide.size(); i++) {
            VideoFace found = wide.get(i);
            VideoFace same = expected.get(i);
            assertThat(found.timestampSeconds()).isEqualTo(same.timestampSeconds());
            assertThat(box(found.face().detection())).isEqualTo(box(same.face().detection()));
            assertThat(found.face().cosineSimilarity(same.face())).isGreaterThan(0.999f);
            assertThat(found.cropJpeg()).isNotEmpty();
        }
    }

    private VideoFaceFinder.Result find(RecognitionConfig config) {
        return finder.find(PEDESTRIANS, config, frames -> { });
    }

    private static RecognitionConfig config(int minFaceSize) {
        return new RecognitionConfig(0.3f, 0.55f, 8, 0.5f, minFaceSize);
    }

    private static List<Float> box(DetectedFace face) {
        return List.of(face.x1(), face.y1(), face.x2(), face.y2(), face.score());
    }
}
