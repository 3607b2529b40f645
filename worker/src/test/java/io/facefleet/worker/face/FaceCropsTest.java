package io.facefleet.worker.face;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

/** The dashboard's face crops: the box enlarged by 30 %, cut to the image, at most 160 px, JPEG. */
class FaceCropsTest {

    private static DetectedFace box(float x1, float y1, float x2, float y2) {
        return new DetectedFace(x1, y1, x2, y2, 0.9f, new float[10]);
    }

    private static int[] decodedSize(byte[] jpeg) {
        try (BytePointer data = new BytePointer(jpeg); Mat buffer = new Mat(1, jpeg.length, CV_8UC1, data);
             Mat image = imdecode(buffer, IMREAD_COLOR)) {
            return new int[]{image.cols(), image.rows()};
        }
    }

    @Test
    void aLargeFaceIsEnlargedAndScaledDownToAtMost160Pixels() {
        try (Mat image = new Mat(1080, 1920, CV_8UC3, Scalar.all(128))) {
            byte[] jpeg = FaceCrops.jpeg(image, box(800, 300, 1000, 600)); // 200 x 300, enlarged to 260 x 390

            assertThat(jpeg).startsWith(0xFF, 0xD8, 0xFF);
            int[] size = decodedSize(jpeg);
            assertThat(size[1]).isEqualTo(FaceCrops.MAX_SIDE);
            assertThat(size[0]).isBetween(105, 108); // 160 * 260 / 390
        }
    }

    @Test
    void aSmallFaceKeepsItsSizeAndAFaceAtTheEdgeIsCutToTheImage() {
        try (Mat image = new Mat(360, 640, CV_8UC3, Scalar.all(128))) {
            assertThat(decodedSize(FaceCrops.jpeg(image, box(100, 100, 140, 150)))).containsExactly(52, 66);
            assertThat(decodedSize(FaceCrops.jpeg(image, box(-20, 300, 40, 380)))).containsExactly(49, 72);
            assertThat(FaceCrops.jpeg(image, box(700, 400, 760, 470))).isNull();
        }
    }
}
