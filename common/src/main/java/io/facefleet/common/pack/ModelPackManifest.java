package io.facefleet.common.pack;

/** The small JSON file that describes a model pack. File names are relative to the pack's base folder. */
public record ModelPackManifest(String name, String description, String licence,
                                DetectorSpec detector, RecognizerSpec recognizer,
                                Thresholds thresholds, DownloadSpec download) {

    public ModelPackManifest {
        require(name != null && !name.isBlank(), "name is missing");
        require(detector != null, "detector is missing");
        require(recognizer != null, "recognizer is missing");
        require(thresholds != null, "thresholds are missing");
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new ModelPackException("Invalid model pack manifest: " + message);
        }
    }
}
