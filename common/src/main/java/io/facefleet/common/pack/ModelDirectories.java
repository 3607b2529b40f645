package io.facefleet.common.pack;

import io.facefleet.common.Fixtures;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where model files are looked for, in order: the user's models folder ({@code FACEFLEET_MODELS}, default
 * {@code ~/.facefleet/models}; downloads go there) and then the fixtures' {@code models/}.
 */
public record ModelDirectories(List<Path> searchPath) {

    public static ModelDirectories standard() {
        String configured = System.getenv("FACEFLEET_MODELS");
        Path user = configured == null || configured.isBlank()
                ? Path.of(System.getProperty("user.home"), ".facefleet", "models")
                : Path.of(configured);
        return new ModelDirectories(List.of(user.toAbsolutePath().normalize(), Fixtures.locate().models()));
    }

    /** The folder that downloads are written into. */
    public Path downloadTarget() {
        return searchPath.getFirst();
    }

    public Optional<Path> find(String relativeFile) {
        return searchPath.stream().map(dir -> dir.resolve(relativeFile)).filter(Files::isRegularFile).findFirst();
    }
}
