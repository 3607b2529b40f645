package io.facefleet.worker.cli;

import ai.onnxruntime.OrtProvider;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;

class WorkerSizingTest {

    @Test
    void aGpuHostRunsAJobPerTwoCoresBecauseJobsMostlyDecodeFrames() {
        assertThat(WorkerSizing.forHardware(EnumSet.of(OrtProvider.CPU, OrtProvider.CUDA), 32))
                .isEqualTo(new WorkerSizing(16, 2));
        assertThat(WorkerSizing.forHardware(EnumSet.of(OrtProvider.CPU, OrtProvider.MI_GRAPH_X), 2))
                .as("at least two jobs share a GPU").isEqualTo(new WorkerSizing(2, 2));
    }

    @Test
    void aCpuHostSharesItsCoresBetweenJobsAndModelThreads() {
        assertThat(WorkerSizing.forHardware(EnumSet.of(OrtProvider.CPU), 2)).isEqualTo(new WorkerSizing(1, 2));
        assertThat(WorkerSizing.forHardware(EnumSet.of(OrtProvider.CPU), 16)).isEqualTo(new WorkerSizing(4, 4));
    }
}
