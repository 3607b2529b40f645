package io.facefleet.common.pack;

/**
 * An SCRFD-style detector: the file, its hash, the letterbox size and how pixels become input values
 * ({@code (v - mean) / std}, planes in {@code channelOrder}).
 */
public record DetectorSpec(String file, String sha256, int inputWidth, int inputHeight,
                           float mean, float std, ChannelOrder channelOrder) {

    public DetectorSpec {
        ModelPackManifest.require(file != null && !file.isBlank(), "detector.file is missing");
        ModelPackManifest.require(inputWidth > 0 && inputHeight > 0 && inputWidth % 32 == 0 && inputHeight % 32 == 0,
                "detector input size must be positive multiples of 32, got " + inputWidth + "x" + inputHeight);
        ModelPackManifest.require(std > 0, "detector.std must be positive");
        ModelPackManifest.require(channelOrder != null, "detector.channelOrder is missing (RGB or BGR)");
    }
}
