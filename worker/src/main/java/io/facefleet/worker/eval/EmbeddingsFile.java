package io.facefleet.worker.eval;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Embeddings kept between runs of a benchmark, so that trying several settings does not embed the images again:
 * per image its path (relative to a root) and its floats. For one pack: the file's name should say which.
 */
public final class EmbeddingsFile {

    private EmbeddingsFile() {
    }

    public static Map<String, float[]> read(Path file) {
        Map<String, float[]> embeddings = new LinkedHashMap<>();
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            while (true) {
                String name;
                try {
                    name = in.readUTF();
                } catch (EOFException end) {
                    return embeddings;
                }
                float[] values = new float[in.readInt()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = in.readFloat();
                }
                embeddings.put(name, values);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the embeddings in " + file, e);
        }
    }

    public static void write(Path file, Map<String, float[]> embeddings) {
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file)))) {
            for (Map.Entry<String, float[]> e : embeddings.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().length);
                for (float v : e.getValue()) {
                    out.writeFloat(v);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the embeddings to " + file, e);
        }
    }
}
