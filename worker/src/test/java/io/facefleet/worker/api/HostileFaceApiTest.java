package io.facefleet.worker.api;

import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.worker.support.FreshDatabase;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * The face API under hostile uploads and overload: formats it does not take, pixel bombs, a crowd of 200 faces,
 * and 40 requests at once against a bulkhead of 1 running and 2 waiting.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"facefleet.model-pack=dev-512", "facefleet.face-api.max-concurrent=1",
                "facefleet.face-api.max-waiting=2", "facefleet.face-api.retry-after-seconds=2"})
class HostileFaceApiTest {

    static final DatabaseSettings DB = FreshDatabase.create("facefleet_test_hostile_api");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        FreshDatabase.register(DB, registry);
    }

    @LocalServerPort
    int port;

    @Test
    void gifAndTiffAreRefusedAsUnsupportedInsteadOfAnsweringNoFaces() throws IOException {
        for (String format : List.of("gif", "tiff")) {
            ResponseEntity<JsonNode> response = new FaceApi(port).upload("/detect", encoded(format), "x." + format);

            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
            assertThat(response.getBody().get("detail").asString())
                    .isEqualTo(format.toUpperCase() + " images are not supported: send a JPEG, PNG, WebP or BMP file");
        }
    }

    @Test
    void aPngClaiming100000SquareIsRefusedBeforeDecoding() {
        ResponseEntity<JsonNode> response = new FaceApi(port).upload("/extract-embedding", pngClaiming(100_000),
                "bomb.png");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
        assertThat(response.getBody().get("detail").asString()).contains("100000x100000 = 10000000000 pixels");
    }

    @Test
    void aPhotoOf200FacesIsAnsweredWithThemAll() throws IOException {
        byte[] crowd = crowdOf(15, 14);

        ResponseEntity<JsonNode> response = new FaceApi(port).upload("/detect", crowd, "crowd.jpg");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody().get("faces").size()).isBetween(190, 210);
    }

    @Test
    void underOverloadTheApiShedsLoadWith503AndRetryAfter() throws Exception {
        byte[] photo = FaceApi.fixture("photos/Barack_Obama/fr_obama.jpg");
        long rssBefore = residentMegabytes();
        List<Future<ResponseEntity<JsonNode>>> answers = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(40)) {
            for (int i = 0; i < 40; i++) {
                answers.add(clients.submit(() -> new FaceApi(port).upload("/detect", photo, "obama.jpg")));
            }
        }
        int ok = 0;
        int shed = 0;
        for (Future<ResponseEntity<JsonNode>> answer : answers) {
            ResponseEntity<JsonNode> response = answer.get();
            if (response.getStatusCode() == HttpStatus.OK) {
                ok++;
                assertThat(response.getBody().get("faces").size()).isEqualTo(1);
            } else {
                shed++;
                assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("2");
                assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
                assertThat(response.getBody().get("detail").asString()).startsWith("The face API is busy");
            }
        }
        long rssGrowth = residentMegabytes() - rssBefore;
        System.out.printf("40 parallel /detect: %d answered, %d shed with 503; RSS grew %d MB%n", ok, shed, rssGrowth);
        assertThat(ok).isGreaterThanOrEqualTo(3);
        assertThat(shed).isPositive();
        assertThat(ok + shed).isEqualTo(40);
        assertThat(rssGrowth).as("MB of resident memory").isLessThan(600);
        assertThat(new FaceApi(port).uploadFixture("/detect", "photos/Barack_Obama/fr_obama.jpg").getStatusCode())
                .as("serves again once the crowd is gone").isEqualTo(HttpStatus.OK);
    }

    /** Obama's face cut from his photo, 56 px square, tiled columns x rows on a grey page. */
    private static byte[] crowdOf(int columns, int rows) {
        byte[] jpeg = FaceApi.fixture("photos/Barack_Obama/fr_obama.jpg");
        int cell = 72;
        try (BytePointer data = new BytePointer(jpeg); Mat buffer = new Mat(1, jpeg.length, org.bytedeco.opencv.global.opencv_core.CV_8UC1, data);
             Mat photo = imdecode(buffer, 1);
             Mat page = new Mat(rows * cell, columns * cell, CV_8UC3, new org.bytedeco.opencv.opencv_core.Scalar(128, 128, 128, 0))) {
            int side = Math.min(photo.cols(), photo.rows()) * 2 / 3;
            Rect square = new Rect((photo.cols() - side) / 2, Math.max(0, (photo.rows() - side) / 3), side, side);
            try (Mat crop = new Mat(photo, square); Mat small = new Mat()) {
                resize(crop, small, new Size(cell - 8, cell - 8), 0, 0, INTER_AREA);
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < columns; c++) {
                        try (Mat target = new Mat(page, new Rect(c * cell + 4, r * cell + 4, cell - 8, cell - 8))) {
                            small.copyTo(target);
                        }
                    }
                }
            }
            try (BytePointer out = new BytePointer()) {
                imencode(".jpg", page, out);
                byte[] bytes = new byte[(int) out.limit()];
                out.get(bytes);
                return bytes;
            }
        }
    }

    private static byte[] encoded(String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB), format, out)).isTrue();
        return out.toByteArray();
    }

    /** A whole, tiny PNG whose header claims side x side pixels. */
    static byte[] pngClaiming(int side) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(side).putInt(side).put((byte) 8).put((byte) 2).array());
        chunk(out, "IDAT", new byte[]{0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] name = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(name);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static long residentMegabytes() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024).findFirst().orElseThrow();
    }
}
