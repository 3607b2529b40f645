package io.facefleet.scheduler;

import io.facefleet.common.db.FacefleetDatabaseConfiguration;
import io.facefleet.common.jobs.ClusteringQueue;
import io.facefleet.common.jobs.ReembedQueue;
import io.facefleet.common.jobs.RematchQueue;
import io.facefleet.common.jobs.VideoQueue;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;

/**
 * The scheduler: watches the video library, queues work for the workers through JobRunr and serves the REST API.
 * It runs no jobs and loads no models.
 */
@SpringBootApplication
@EnableScheduling
@ConfigurationPropertiesScan
@Import({FacefleetDatabaseConfiguration.class, VideoQueue.class, RematchQueue.class, ClusteringQueue.class, ReembedQueue.class})
public class SchedulerApplication {

    public static void main(String[] args) {
        start(args);
    }

    public static ConfigurableApplicationContext start(String... args) {
        return SpringApplication.run(SchedulerApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
