package io.facefleet.common.pack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A manifest whose model files have been found on disk. */
public record ModelPack(ModelPackManifest manifest, Path detectorFile, Path recognizerFile) {

    public String name() {
        return manifest.name();
    }

    public int embeddingDim() {
        return manifest.recognizer().embeddingDim();
    }

    /** Checks each file against the manifest's sha256, naming the file that differs. */
    public ModelPack verified() {
        verify(detectorFile, manifest.detector().sha256());
        verify(recognizerFile, manifest.recognizer().sha256());
        return this;
    }

    private static void verify(Path file, String expected) {
        if (expected == null || expected.isBlank()) {
            return;
        }
        String actual = sha256(file);
        if (!actual.equalsIgnoreCase(expected)) {
            throw new ModelPackException("Model file " + file + " has sha256 " + actual + " but the pack expects "
                    + expected + ": the file is corrupt or a different model");
        }
    }

    public static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            MessageDigest digest = ((DigestInputStream) in).getMessageDigest();
            in.transferTo(OutputStreamSink.INSTANCE);
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new ModelPackException("Cannot read model file " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
