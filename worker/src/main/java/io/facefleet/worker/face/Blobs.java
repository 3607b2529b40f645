package io.facefleet.worker.face;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import io.facefleet.common.pack.ChannelOrder;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

import java.nio.FloatBuffer;
import java.util.List;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_dnn.blobFromImages;

/** Turns BGR images into the NCHW float tensor a model expects: {@code (v - mean) / std} in its channel order. */
final class Blobs {

    private Blobs() {
    }

    /** Blob of same-sized images, as an NCHW float Mat; the caller closes it after the tensor made from it. */
    static Mat nchw(List<Mat> images, int width, int height, float mean, float std, ChannelOrder order) {
        try (MatVector vector = new MatVector(images.toArray(Mat[]::new));
             Size size = new Size(width, height);
             Scalar meanScalar = new Scalar(mean, mean, mean, 0)) {
            return blobFromImages(vector, 1.0 / std, size, meanScalar, order == ChannelOrder.RGB, false, CV_32F);
        }
    }

    /** A tensor that reads the blob's memory directly: close the tensor before the blob. */
    static OnnxTensor tensor(Mat blob, long... shape) {
        long count = 1;
        for (long dim : shape) {
            count *= dim;
        }
        FloatBuffer data = new FloatPointer(blob.data()).capacity(count).asBuffer();
        try {
            return OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), data, shape);
        } catch (OrtException e) {
            throw new IllegalStateException("Cannot make an input tensor: " + e.getMessage(), e);
        }
    }
}
