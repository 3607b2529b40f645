package io.facefleet.worker.health;

import io.facefleet.common.pack.ModelPacks;
import io.facefleet.worker.face.FaceEngine;
import io.facefleet.worker.face.TestEngines;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/** The models check follows the real engine: UP while its sessions are open, DOWN once they are closed. */
class ModelsHealthIndicatorTest {

    @Test
    void upWhileTheModelsAreLoadedAndDownOnceTheyAreClosed() {
        FaceEngine engine = FaceEngine.open(ModelPacks.standard().load("dev-128"), TestEngines.settings());
        ModelsHealthIndicator models = new ModelsHealthIndicator(engine);
        assertThat(models.health().getStatus()).isEqualTo(Status.UP);

        engine.close();

        Health closed = models.health();
        assertThat(closed.getStatus()).isEqualTo(Status.DOWN);
        assertThat(closed.getDetails()).containsEntry("reason", "the models of pack dev-128 are closed");
    }
}
