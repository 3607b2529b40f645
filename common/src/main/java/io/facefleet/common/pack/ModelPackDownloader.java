package io.facefleet.common.pack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Fetches a built-in pack's official archive, unpacks the detector and recognizer into the models folder and
 * checks their sha256 before they are moved into place, so a failed download never leaves a half-written pack.
 */
public final class ModelPackDownloader {

    private final ModelDirectories directories;
    private final HttpClient http;

    public ModelPackDownloader(ModelDirectories directories) {
        this.directories = directories;
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20))
                .build();
    }

    /** Downloads the pack unless its files are already there; returns the folder it lives in. */
    public Path download(String packName, Consumer<String> progress) {
        ModelPackManifest manifest = ModelPacks.builtInManifest(packName);
        if (manifest.download() == null) {
            throw new ModelPackException("Pack " + packName + " has no official download; its files come from "
                    + "the fixtures folder (models/)");
        }
        Path target = directories.downloadTarget();
        if (new ModelPacks(directories).isAvailable(packName)) {
            new ModelPacks(directories).load(packName);
            progress.accept("Pack " + packName + " is already installed and verified");
            return target.resolve(manifest.download().folder());
        }
        Path archive = fetch(manifest.download().url(), target, progress);
        try {
            Map<String, String> wanted = Map.of(
                    fileName(manifest.detector().file()), manifest.detector().sha256(),
                    fileName(manifest.recognizer().file()), manifest.recognizer().sha256());
            Path folder = target.resolve(manifest.download().folder());
            unpack(archive, wanted, folder, progress);
            return folder;
        } finally {
            deleteQuietly(archive);
        }
    }

    private Path fetch(String url, Path target, Consumer<String> progress) {
        try {
            Files.createDirectories(target);
        } catch (IOException e) {
            throw new ModelPackException("Cannot create the models folder " + target + ": " + e.getMessage()
                    + ". Set FACEFLEET_MODELS to a writable folder", e);
        }
        progress.accept("Downloading " + url);
        Path archive;
        try {
            archive = Files.createTempFile(target, "download-", ".zip");
        } catch (IOException e) {
            throw new ModelPackException("Cannot write to the models folder " + target + ": " + e.getMessage()
                    + ". Set FACEFLEET_MODELS to a writable folder", e);
        }
        try {
            HttpResponse<Path> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofFile(archive));
            if (response.statusCode() != 200) {
                deleteQuietly(archive);
                throw new ModelPackException("Download of " + url + " failed: HTTP " + response.statusCode());
            }
            progress.accept("Downloaded " + Files.size(archive) / (1024 * 1024) + " MiB");
            return archive;
        } catch (IOException e) {
            deleteQuietly(archive);
            throw new ModelPackException("Cannot download " + url + " (" + describe(e) + "). Without network access,"
                    + " download the archive elsewhere and unpack it into " + target, e);
        } catch (InterruptedException e) {
            deleteQuietly(archive);
            Thread.currentThread().interrupt();
            throw new ModelPackException("Download of " + url + " was interrupted", e);
        }
    }

    private static void unpack(Path archive, Map<String, String> wanted, Path folder,
                               Consumer<String> progress) {
        int found = 0;
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
            Files.createDirectories(folder);
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                String name = fileName(entry.getName());
                if (entry.isDirectory() || !wanted.containsKey(name)) {
                    continue;
                }
                Path partial = folder.resolve(name + ".part");
                Files.copy(zip, partial, StandardCopyOption.REPLACE_EXISTING);
                String actual = ModelPack.sha256(partial);
                if (!actual.equalsIgnoreCase(wanted.get(name))) {
                    deleteQuietly(partial);
                    throw new ModelPackException(name + " in " + archive.getFileName() + " has sha256 " + actual
                            + ", expected " + wanted.get(name) + "; nothing was installed");
                }
                Files.move(partial, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
                progress.accept("Verified " + folder.resolve(name) + " (sha256 " + actual + ")");
                found++;
            }
        } catch (IOException e) {
            throw new ModelPackException("Cannot unpack " + archive + ": " + e.getMessage(), e);
        }
        if (found != wanted.size()) {
            throw new ModelPackException("The archive lacks some of " + wanted.keySet() + "; found " + found);
        }
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String describe(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName() + ", is the network reachable?";
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temp file left behind is harmless
        }
    }
}
