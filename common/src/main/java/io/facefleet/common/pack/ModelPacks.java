package io.facefleet.common.pack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Finds model packs: a built-in name ({@code buffalo_l}, {@code dev-512}, …) whose files are looked up in the
 * {@link ModelDirectories}, or a folder holding a {@code pack.json} whose files are relative to that folder.
 */
public final class ModelPacks {

    public static final String MANIFEST_FILE = "pack.json";
    private static final String BUILT_IN = "/io/facefleet/packs/";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private static final Logger log = LoggerFactory.getLogger(ModelPacks.class);
    public static final String AUTO = "auto";
    public static final String PRODUCTION_DEFAULT = "buffalo_l";
    public static final String DEVELOPMENT_DEFAULT = "dev-512";

    private final ModelDirectories directories;

    public ModelPacks(ModelDirectories directories) {
        this.directories = directories;
    }

    public static ModelPacks standard() {
        return new ModelPacks(ModelDirectories.standard());
    }

    public ModelDirectories directories() {
        return directories;
    }

    public static List<String> builtInNames() {
        try (InputStream in = ModelPacks.class.getResourceAsStream(BUILT_IN + "index.json")) {
            return Arrays.asList(JSON.readValue(in, String[].class));
        } catch (IOException e) {
            throw new IllegalStateException("The built-in pack index is missing from the jar", e);
        }
    }

    /** The manifest of a built-in pack, without looking for its files. */
    public static ModelPackManifest builtInManifest(String name) {
        try (InputStream in = ModelPacks.class.getResourceAsStream(BUILT_IN + name + ".json")) {
            if (in == null) {
                throw new ModelPackException("Unknown model pack '" + name + "'. Built-in packs: "
                        + String.join(", ", builtInNames()) + "; or give a folder that holds a " + MANIFEST_FILE);
            }
            return parse(in, name);
        } catch (IOException e) {
            throw new ModelPackException("Cannot read the manifest of pack " + name, e);
        }
    }

    /**
     * Resolves a pack by name or folder and checks that every file exists and has the expected hash.
     * {@value #AUTO} (or blank) means the production default {@value #PRODUCTION_DEFAULT} where it has been
     * downloaded, else {@value #DEVELOPMENT_DEFAULT}, whose files are in the fixtures.
     */
    public ModelPack load(String nameOrFolder) {
        if (isAuto(nameOrFolder)) {
            return load(resolveAuto());
        }
        Path folder = Path.of(nameOrFolder);
        if (Files.isDirectory(folder)) {
            return fromFolder(folder).verified();
        }
        ModelPackManifest manifest = builtInManifest(nameOrFolder);
        return new ModelPack(manifest,
                locate(manifest, manifest.detector().file(), "detector"),
                locate(manifest, manifest.recognizer().file(), "recognizer")).verified();
    }

    public static boolean isAuto(String nameOrFolder) {
        return nameOrFolder == null || nameOrFolder.isBlank() || nameOrFolder.equals(AUTO);
    }

    /** What {@value #AUTO} means on this host. */
    public String resolveAuto() {
        if (isAvailable(PRODUCTION_DEFAULT)) {
            return PRODUCTION_DEFAULT;
        }
        log.warn("Model pack {} (the production default) is not downloaded, so {} is used. Fetch it with:"
                + " facefleet models download {}", PRODUCTION_DEFAULT, DEVELOPMENT_DEFAULT, PRODUCTION_DEFAULT);
        return DEVELOPMENT_DEFAULT;
    }

    /** The manifest of a pack by name, folder or {@value #AUTO}, without checking its model files. */
    public ModelPackManifest manifest(String nameOrFolder) {
        if (isAuto(nameOrFolder)) {
            return builtInManifest(resolveAuto());
        }
        Path folder = Path.of(nameOrFolder);
        return Files.isDirectory(folder) ? readManifest(folder) : builtInManifest(nameOrFolder);
    }

    /** Whether every file of a built-in pack is on disk (hashes not checked). */
    public boolean isAvailable(String name) {
        ModelPackManifest manifest = builtInManifest(name);
        return directories.find(manifest.detector().file()).isPresent()
                && directories.find(manifest.recognizer().file()).isPresent();
    }

    private static ModelPackManifest readManifest(Path folder) {
        Path manifestFile = folder.resolve(MANIFEST_FILE);
        if (!Files.isRegularFile(manifestFile)) {
            throw new ModelPackException("Model pack folder " + folder + " has no " + MANIFEST_FILE);
        }
        try (InputStream in = Files.newInputStream(manifestFile)) {
            return parse(in, manifestFile.toString());
        } catch (IOException e) {
            throw new ModelPackException("Cannot read " + manifestFile + ": " + e.getMessage(), e);
        }
    }

    private ModelPack fromFolder(Path folder) {
        ModelPackManifest manifest = readManifest(folder);
        return new ModelPack(manifest,
                existing(folder.resolve(manifest.detector().file()), manifest, "detector"),
                existing(folder.resolve(manifest.recognizer().file()), manifest, "recognizer"));
    }

    private Path locate(ModelPackManifest manifest, String file, String role) {
        return directories.find(file).orElseThrow(() -> new ModelPackException(
                "The " + role + " of model pack " + manifest.name() + " (" + file + ") was not found in "
                        + directories.searchPath() + hint(manifest)));
    }

    private static Path existing(Path file, ModelPackManifest manifest, String role) {
        if (!Files.isRegularFile(file)) {
            throw new ModelPackException("The " + role + " of model pack " + manifest.name() + " was not found: " + file);
        }
        return file;
    }

    private static String hint(ModelPackManifest manifest) {
        return manifest.download() == null ? ""
                : ". Fetch it with: facefleet models download " + manifest.name();
    }

    private static ModelPackManifest parse(InputStream in, String source) {
        try {
            return JSON.readValue(in, ModelPackManifest.class);
        } catch (JacksonException e) {
            Throwable cause = e.getCause() instanceof ModelPackException ? e.getCause() : e;
            throw new ModelPackException("Invalid model pack manifest " + source + ": " + cause.getMessage(), e);
        }
    }
}
