package io.facefleet.worker.fault;

import io.facefleet.common.db.DatabaseSettings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A worker started with facefleet.exit-with-pid (as the demo starts its worker) ends when that process is killed. */
class WorkerEndsWithItsParentIT {

    @Test
    void aWorkerWhoseParentIsKilledEndsOnItsOwn() throws IOException {
        Process parent = new ProcessBuilder("sleep", "600").start();
        try (FaultCluster cluster = FaultCluster.create("facefleet_it_parent", DatabaseSettings.fromEnvironment(),
                6379)) {
            WorkerProcess worker = cluster.startWorker("orphan-check", 1,
                    List.of("--facefleet.exit-with-pid=" + parent.pid()));
            assertThat(worker.isAlive()).isTrue();

            parent.destroyForcibly();

            await().atMost(Duration.ofSeconds(30)).until(() -> !worker.isAlive());
        } finally {
            parent.destroyForcibly();
        }
    }
}
