package io.facefleet.worker;

import io.facefleet.common.db.FacefleetDatabaseConfiguration;
import io.facefleet.common.jobs.ClusteringQueue;
import io.facefleet.common.jobs.ReembedQueue;
import io.facefleet.common.jobs.RematchQueue;
import io.facefleet.common.people.UnknownPeopleClustering;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.time.Clock;

/**
 * A worker: a JobRunr background job server that processes videos, enrols creators and rematches faces, and the
 * face HTTP API, both over one {@link io.facefleet.worker.face.FaceEngine}.
 */
@SpringBootApplication
@Import({FacefleetDatabaseConfiguration.class, RematchQueue.class, ClusteringQueue.class, ReembedQueue.class,
        UnknownPeopleClustering.class})
public class WorkerApplication {

    /** Starts the worker and returns once it is serving; the CLI's {@code facefleet worker} calls this. */
    public static ConfigurableApplicationContext start(String... args) {
        return SpringApplication.run(WorkerApplication.class, args);
    }

    public static void main(String[] args) {
        start(args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
