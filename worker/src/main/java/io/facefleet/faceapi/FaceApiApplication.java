package io.facefleet.faceapi;

import io.facefleet.worker.api.ApiExceptionHandler;
import io.facefleet.worker.api.FaceApiAdmissionConfiguration;
import io.facefleet.worker.api.FaceApiSecurity;
import io.facefleet.worker.api.FaceController;
import io.facefleet.worker.api.HealthController;
import io.facefleet.worker.health.ModelsHealthIndicator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * The face HTTP API alone (POST /detect, POST /extract-embedding, GET /health): no database, no Redis, no jobs —
 * for whoever only wants faces found and embedded. The worker serves the same API beside its jobs.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
        "org.jobrunr.spring.autoconfigure.JobRunrAutoConfiguration",
        "org.jobrunr.spring.autoconfigure.storage.JobRunrSqlStorageAutoConfiguration",
        "org.jobrunr.spring.autoconfigure.metrics.JobRunrMetricsAutoConfiguration"})
@Import({StandaloneEngineConfiguration.class, FaceController.class, HealthController.class, ModelsHealthIndicator.class,
        ApiExceptionHandler.class, FaceApiAdmissionConfiguration.class, FaceApiSecurity.class})
public class FaceApiApplication {

    public static ConfigurableApplicationContext start(String... args) {
        SpringApplication application = new SpringApplication(FaceApiApplication.class);
        application.setDefaultProperties(java.util.Map.of("spring.application.name", "facefleet-face-api"));
        // application-face-api.yml: readiness is the models alone.
        application.setAdditionalProfiles("face-api");
        return application.run(args);
    }
}
