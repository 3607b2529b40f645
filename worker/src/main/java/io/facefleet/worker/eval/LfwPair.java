package io.facefleet.worker.eval;

import java.nio.file.Path;

/** One line of LFW's pairs.txt: two images, whether they show the same person, and the fold it belongs to. */
public record LfwPair(Path first, Path second, boolean samePerson, int fold) {
}
