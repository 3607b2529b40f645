package io.facefleet.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** The worker's HTTP server: the face API over one {@link io.facefleet.worker.face.FaceEngine}. */
@SpringBootApplication
public class WorkerApplication {

    /** Starts the worker and returns once it is serving; the CLI's {@code facefleet worker} calls this. */
    public static ConfigurableApplicationContext start(String... args) {
        return SpringApplication.run(WorkerApplication.class, args);
    }

    public static void main(String[] args) {
        start(args);
    }
}
