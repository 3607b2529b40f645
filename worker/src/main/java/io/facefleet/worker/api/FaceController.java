package io.facefleet.worker.api;

import io.facefleet.worker.face.Face;
import io.facefleet.worker.face.FaceEngine;
import io.facefleet.worker.face.ImageDecoder;
import io.facefleet.worker.face.StageTimings;
import org.bytedeco.opencv.opencv_core.Mat;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.util.List;

/** The face API: detect and embed faces in an uploaded image. */
@RestController
public class FaceController {

    static final String FILE_PART = "file";

    private final FaceEngine engine;
    private final ImageDecoder decoder;

    public FaceController(FaceEngine engine, ImageDecoder decoder) {
        this.engine = engine;
        this.decoder = decoder;
    }

    @PostMapping(path = "/detect", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public DetectResponse detect(@RequestParam(FILE_PART) MultipartFile file) throws IOException {
        long start = System.nanoTime();
        List<Face> faces;
        try (Mat image = decoder.decode(file.getBytes())) {
            faces = engine.analyze(image);
        }
        return new DetectResponse(faces.stream().map(FaceJson::of).toList(), millisSince(start));
    }

    @PostMapping(path = "/extract-embedding", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ExtractEmbeddingResponse extractEmbedding(@RequestParam(FILE_PART) MultipartFile file) throws IOException {
        long start = System.nanoTime();
        Face face;
        try (Mat image = decoder.decode(file.getBytes())) {
            face = engine.mostProminent(image, StageTimings.NONE).orElseThrow(NoFaceFoundException::new);
        }
        return new ExtractEmbeddingResponse(FaceJson.of(face), millisSince(start));
    }

    /** Decoding included: it is part of what the caller waits for. Rounded to a tenth of a millisecond. */
    private static double millisSince(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 100_000.0) / 10.0;
    }
}
