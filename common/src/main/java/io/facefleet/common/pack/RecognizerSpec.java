package io.facefleet.common.pack;

/** An ArcFace-style recognizer: aligned square face in, embedding of {@code embeddingDim} floats out. */
public record RecognizerSpec(String file, String sha256, int inputSize, float mean, float std,
                             ChannelOrder channelOrder, int embeddingDim) {

    public RecognizerSpec {
        ModelPackManifest.require(file != null && !file.isBlank(), "recognizer.file is missing");
        ModelPackManifest.require(inputSize == 112, "recognizer.inputSize must be 112 (the ArcFace template), got " + inputSize);
        ModelPackManifest.require(std > 0, "recognizer.std must be positive");
        ModelPackManifest.require(channelOrder != null, "recognizer.channelOrder is missing (RGB or BGR)");
        ModelPackManifest.require(embeddingDim > 0 && embeddingDim <= 2000,
                "recognizer.embeddingDim must be between 1 and 2000 (pgvector's HNSW limit), got " + embeddingDim);
    }
}
