package io.facefleet.common.db;

import io.facefleet.common.health.DatabaseHealthIndicator;
import io.facefleet.common.matching.CreatorRematch;
import io.facefleet.common.matching.TrackGallery;
import io.facefleet.common.pack.ModelPackException;
import io.facefleet.common.pack.ModelPacks;
import io.facefleet.common.store.FaceTrackStore;
import io.facefleet.common.store.TagStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The schema both the scheduler and the workers start from: Flyway migrations in {@code db/migration} (the
 * embedding dimension and default thresholds filled in from the model pack), and the stores over it.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan("io.facefleet.common.store")
public class FacefleetDatabaseConfiguration {

    @Bean
    ModelPackChoice modelPackChoice(DataSource dataSource, @Value("${facefleet.model-pack:auto}") String configured) {
        return ModelPackChoice.decide(JdbcClient.create(dataSource), configured, ModelPacks.standard());
    }

    @Bean
    FlywayConfigurationCustomizer modelPackPlaceholders(ModelPackChoice choice) {
        var thresholds = choice.manifest().thresholds();
        return flyway -> flyway.placeholders(Map.of(
                "model_pack", choice.packName(),
                "embedding_dim", Integer.toString(choice.embeddingDim()),
                "match_threshold", String.format(Locale.ROOT, "%.4f", thresholds.match()),
                "auto_tag_threshold", String.format(Locale.ROOT, "%.4f", thresholds.autoTag())));
    }

    /** Two processes may create a new database at the same moment with different packs: check after migrating. */
    @Bean
    @DependsOn("flywayInitializer")
    RecordedPack recordedPack(DataSource dataSource, ModelPackChoice choice) {
        RecordedPack recorded = RecordedPack.read(JdbcClient.create(dataSource))
                .orElseThrow(() -> new IllegalStateException("facefleet_meta is missing after migration"));
        if (!recorded.name().equals(choice.packName())) {
            throw new ModelPackException("This database was created for model pack " + recorded.name()
                    + ", not " + choice.packName());
        }
        return recorded;
    }

    /** One per process: the codes of every face track's template, which its searches for nearest tracks share. */
    @Bean
    TrackGallery trackGallery(FaceTrackStore faceTracks, ObjectProvider<Clock> clock) {
        return new TrackGallery(faceTracks, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    CreatorRematch creatorRematch(FaceTrackStore faceTracks, TrackGallery trackGallery, TagStore tags) {
        return new CreatorRematch(faceTracks, trackGallery, tags);
    }

    /** The {@code database} part of readiness (and of the worker's GET /health). */
    @Bean
    DatabaseHealthIndicator databaseHealthIndicator(DataSource dataSource) {
        return new DatabaseHealthIndicator(dataSource, Duration.ofSeconds(2));
    }
}
