package io.facefleet.worker.jobs;

import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.common.store.VideoStatus;
import io.facefleet.worker.WorkerApplication;
import io.facefleet.worker.support.FreshDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Work queued while no worker runs waits in PostgreSQL and is done by the next worker that starts. */
class WorkerRestartTest {

    static final DatabaseSettings DB = FreshDatabase.create("facefleet_test_restart");

    /**
     * Settings as command-line arguments: SpringApplicationBuilder.properties() are defaults, below application.yml,
     * whose datasource (the default database) they would not replace.
     */
    private static ConfigurableApplicationContext worker(boolean runsJobs) {
        Map<String, Object> properties = new HashMap<>(DB.springProperties());
        properties.put("facefleet.model-pack", "dev-512");
        properties.put("server.port", "0");
        properties.put("jobrunr.background-job-server.enabled", runsJobs);
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(WorkerApplication.class, PipelineFixture.class).run(args);
    }

    @Test
    void aRestartedWorkerPicksUpQueuedWork() {
        worker(true).close();

        long video;
        try (ConfigurableApplicationContext stopped = worker(false)) {
            PipelineFixture fixture = stopped.getBean(PipelineFixture.class);
            video = fixture.queueVideo("videos/obama_whcd_hk.mp4");
            assertThat(fixture.noJobsLeft()).isFalse();
        }

        try (ConfigurableApplicationContext restarted = worker(true)) {
            PipelineFixture fixture = restarted.getBean(PipelineFixture.class);
            fixture.awaitVideo(video, VideoStatus.DONE);
            assertThat(fixture.tracksWithStatus(video, "unmatched")).isPositive();
        }
    }
}
