package io.facefleet.worker.eval;

import java.nio.file.Path;

/** A photo of a named person with the embedding of its most prominent face. */
public record LabelledPhoto(String person, Path file, float[] embedding) {
}
