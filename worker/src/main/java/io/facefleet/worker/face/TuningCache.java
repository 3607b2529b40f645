package io.facefleet.worker.face;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The optimisation levels measured on this host, in a small JSON file, so that later starts load one session per
 * model instead of measuring again. An unreadable file is ignored (and replaced on the next measurement). Several
 * workers may start at once: each writes a whole new file and moves it into place, so a reader never sees half a
 * file; where two measure at the same time, the last one's file wins and the other entry is measured again later.
 */
final class TuningCache {

    private static final Logger log = LoggerFactory.getLogger(TuningCache.class);
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** One model's measurement; {@code model} is the file name, for whoever reads the file. */
    record Entry(TuningKey key, String model, OptLevel level, Map<OptLevel, Double> millisPerRun) {
    }

    record Contents(List<Entry> entries) {
    }

    private final Path file;

    TuningCache(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    Optional<Entry> lookup(TuningKey key) {
        return read().stream().filter(entry -> entry.key().equals(key)).findFirst();
    }

    /** Adds or replaces the entry for its key; a cache that cannot be written only costs a measurement next time. */
    void store(Entry entry) {
        List<Entry> entries = new ArrayList<>(read());
        entries.removeIf(existing -> existing.key().equals(entry.key()));
        entries.add(entry);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName() + ".", ".tmp");
            try {
                JSON.writeValue(temporary.toFile(), new Contents(entries));
                moveIntoPlace(temporary);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException | JacksonException e) {
            log.warn("Cannot write the engine tuning cache {}: {}; the next start measures again", file, e.getMessage());
        }
    }

    private void moveIntoPlace(Path temporary) throws IOException {
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private List<Entry> read() {
        try {
            Contents contents = JSON.readValue(Files.readString(file), Contents.class);
            if (contents == null || contents.entries() == null
                    || contents.entries().stream().anyMatch(TuningCache::incomplete)) {
                throw new IllegalArgumentException("entries are missing fields");
            }
            return contents.entries();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException | JacksonException | IllegalArgumentException e) {
            log.warn("Ignoring the engine tuning cache {}, which cannot be read ({}); it is rewritten after the next"
                    + " measurement", file, e.getMessage());
            return List.of();
        }
    }

    private static boolean incomplete(Entry entry) {
        return entry == null || entry.key() == null || entry.level() == null || entry.millisPerRun() == null;
    }
}
