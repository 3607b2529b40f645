package io.facefleet.worker.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads LFW's standard "View 2" pairs.txt: a header {@code folds pairsPerHalf}, then per fold that many
 * same-person lines ({@code name i j}) followed by as many different-person lines ({@code nameA i nameB j}).
 */
public final class LfwPairs {

    /** The folds of the standard protocol. */
    public static final int FOLDS = 10;

    private LfwPairs() {
    }

    public static List<LfwPair> read(Path lfwFolder) {
        Path images = lfwFolder.resolve("images");
        List<String> lines;
        try {
            lines = Files.readAllLines(lfwFolder.resolve("pairs.txt"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read LFW pairs in " + lfwFolder, e);
        }
        String[] header = lines.getFirst().trim().split("\\s+");
        int pairsPerHalf = Integer.parseInt(header[1]);
        List<LfwPair> pairs = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).trim().split("\\s+");
            int fold = (i - 1) / (2 * pairsPerHalf);
            if (f.length == 3) {
                pairs.add(new LfwPair(image(images, f[0], f[1]), image(images, f[0], f[2]), true, fold));
            } else if (f.length == 4) {
                pairs.add(new LfwPair(image(images, f[0], f[1]), image(images, f[2], f[3]), false, fold));
            } else if (!lines.get(i).isBlank()) {
                throw new IllegalArgumentException("pairs.txt line " + (i + 1) + " is malformed: " + lines.get(i));
            }
        }
        return pairs;
    }

    private static Path image(Path images, String name, String number) {
        return images.resolve(name).resolve("%s_%04d.jpg".formatted(name, Integer.parseInt(number)));
    }
}
