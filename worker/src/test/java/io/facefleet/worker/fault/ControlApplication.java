package io.facefleet.worker.fault;

import io.facefleet.common.db.FacefleetDatabaseConfiguration;
import io.facefleet.worker.jobs.PipelineFixture;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The test's own view of the fleet, in the test JVM: the schema (Flyway), the stores and a JobRunr client that
 * enqueues jobs, as the scheduler has. It loads no models and runs no jobs; the workers under test are processes.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({FacefleetDatabaseConfiguration.class, PipelineFixture.class})
class ControlApplication {
}
