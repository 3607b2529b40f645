package io.facefleet.worker.api;

import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.common.pack.ModelPackException;
import io.facefleet.worker.support.FreshDatabase;
import io.facefleet.worker.WorkerApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A worker whose model pack or database cannot be used refuses to start and says why, without a stack trace. */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTest {

    @Test
    void unknownModelPackStopsStartUpWithThePacksMessage(CapturedOutput output) {
        DatabaseSettings db = FreshDatabase.create("facefleet_test_startup");
        assertThatThrownBy(() -> WorkerApplication.start("--facefleet.model-pack=no-such-pack", "--server.port=0",
                "--spring.datasource.url=" + db.jdbcUrl(), "--jobrunr.background-job-server.enabled=false").close())
                .hasRootCauseInstanceOf(ModelPackException.class)
                .rootCause().hasMessageContaining("Unknown model pack 'no-such-pack'");

        assertThat(output).contains("APPLICATION FAILED TO START",
                "Unknown model pack 'no-such-pack'", "Set facefleet.model-pack to a built-in pack (");
    }

    @Test
    void aMissingDatabaseIsNamedWithTheCommandThatFixesIt(CapturedOutput output) {
        DatabaseSettings nowhere = DatabaseSettings.fromEnvironment().withDatabase("facefleet_test_never_created");
        assertThatThrownBy(() -> WorkerApplication.start("--server.port=0",
                "--spring.datasource.url=" + nowhere.jdbcUrl(), "--jobrunr.background-job-server.enabled=false").close())
                .hasRootCauseInstanceOf(org.postgresql.util.PSQLException.class);

        assertThat(output).contains("APPLICATION FAILED TO START",
                "PostgreSQL cannot be used at " + nowhere.jdbcUrl()
                        + ": FATAL: database \"facefleet_test_never_created\" does not exist",
                "Run './facefleet services up'");
    }
}
