package io.facefleet.common.db;

import io.facefleet.common.pack.ModelPackException;
import io.facefleet.common.pack.ModelPackManifest;
import io.facefleet.common.pack.ModelPacks;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Optional;

/**
 * Which model pack this process works with. The database records the pack it was created for and that record
 * wins: {@code auto} adopts it, an explicit pack that differs is refused (embeddings of two packs cannot be
 * compared; a change of pack goes through facefleet reembed, docs/model-pack-change.md). A new database is created for the configured pack ({@code auto}: buffalo_l where downloaded, else
 * dev-512).
 *
 * @param configured   what {@code facefleet.model-pack} says: a name, a folder, or auto
 * @param packName     the pack's name, as recorded in the database
 * @param manifest     its manifest (file names, dimension, recommended thresholds)
 */
public record ModelPackChoice(String configured, String packName, ModelPackManifest manifest) {

    public static ModelPackChoice decide(JdbcClient jdbc, String configured, ModelPacks packs) {
        Optional<RecordedPack> recorded = RecordedPack.read(jdbc);
        if (recorded.isPresent()) {
            String name = recorded.get().name();
            if (ModelPacks.isAuto(configured)) {
                return new ModelPackChoice(configured, name, packs.manifest(name));
            }
            ModelPackManifest manifest = packs.manifest(configured);
            if (!manifest.name().equals(name) || manifest.recognizer().embeddingDim() != recorded.get().embeddingDim()) {
                throw new ModelPackException("This database uses model pack " + name + " ("
                        + recorded.get().embeddingDim() + "-d) but facefleet.model-pack is " + configured + " ("
                        + manifest.recognizer().embeddingDim() + "-d). Embeddings of different packs cannot be"
                        + " compared: use " + name + " (or auto; after facefleet reembed --switch, auto follows the new"
                        + " pack), or a new database");
            }
            return new ModelPackChoice(configured, name, manifest);
        }
        ModelPackManifest manifest = packs.manifest(configured);
        return new ModelPackChoice(configured, manifest.name(), manifest);
    }

    /** The value for places that load the models: the configured folder, else the pack's name. */
    public String loadableName() {
        return ModelPacks.isAuto(configured) ? packName : configured;
    }

    public int embeddingDim() {
        return manifest.recognizer().embeddingDim();
    }
}
