package io.facefleet.worker.face;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The video pipeline aligns faces itself and embeds only a few of them: the same embeddings as analyze gives. */
class AlignedEmbeddingTest {

    private static final ImageDecoder DECODER = new ImageDecoder(EngineSettings.DEFAULT_MAX_IMAGE_PIXELS);

    @Test
    void alignedFacesEmbedAsAnalyzeEmbedsThem() {
        FaceEngine engine = TestEngines.dev512();
        try (Mat image = DECODER.decode(TestEngines.FIXTURES.facedata("groups/fr_two_people.jpg"))) {
            List<Face> analysed = engine.analyze(image);
            assertThat(analysed).hasSize(2);
            List<Mat> aligned = new ArrayList<>();
            try {
                for (Face face : analysed) {
                    aligned.add(engine.align(image, face.detection()));
                }
                assertThat(aligned).allSatisfy(face -> {
                    assertThat(face.cols()).isEqualTo(112);
                    assertThat(face.rows()).isEqualTo(112);
                });
                StageTimings timings = new StageTimings();
                List<float[]> embeddings = engine.embedAligned(aligned, timings);

                assertThat(embeddings).hasSize(2);
                for (int i = 0; i < embeddings.size(); i++) {
                    assertThat(embeddings.get(i)).hasSize(engine.pack().embeddingDim());
                    assertThat(Embeddings.cosine(embeddings.get(i), embeddings.get(i))).isCloseTo(1f,
                            org.assertj.core.data.Offset.offset(1e-4f));
                    assertThat(Embeddings.cosine(embeddings.get(i), analysed.get(i).embedding())).isGreaterThan(0.9999f);
                }
                assertThat(timings.totalMillis(Stage.RECOGNIZER_MODEL)).isPositive();
            } finally {
                aligned.forEach(Mat::close);
            }
        }
    }

    @Test
    void noFacesGiveNoEmbeddings() {
        assertThat(TestEngines.dev512().embedAligned(List.of(), StageTimings.NONE)).isEmpty();
    }
}
