package io.facefleet.worker.video;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SamplingPlanTest {

    @Test
    void aShortClipGetsTheMinimumSpreadEvenly() {
        SamplingPlan plan = SamplingPlan.of(4.2, SamplingSettings.DEFAULTS);

        assertThat(plan.size()).isEqualTo(8);
        assertThat(plan.intervalSeconds()).isCloseTo(0.525, within(1e-9));
        assertThat(plan.target(0)).isCloseTo(0.2625, within(1e-9));
        assertThat(plan.target(7)).isCloseTo(4.2 - 0.2625, within(1e-9));
    }

    @Test
    void tenMinutesGetAFrameInTheMiddleOfEveryInterval() {
        SamplingPlan plan = SamplingPlan.of(600, SamplingSettings.DEFAULTS);

        assertThat(plan.size()).isEqualTo(300);
        assertThat(plan.intervalSeconds()).isEqualTo(2.0);
        assertThat(plan.target(0)).isEqualTo(1.0);
        assertThat(plan.target(299)).isEqualTo(599.0);
    }

    @Test
    void threeHoursWidenTheIntervalToStayAtTheMaximum() {
        SamplingPlan plan = SamplingPlan.of(3 * 3600, SamplingSettings.DEFAULTS);

        assertThat(plan.size()).isEqualTo(3600);
        assertThat(plan.intervalSeconds()).isEqualTo(3.0);
        assertThat(plan.target(1) - plan.target(0)).isCloseTo(3.0, within(1e-9));
    }

    @Test
    void theOldFixedCountSpreadsExactlyThatMany() {
        assertThat(SamplingPlan.of(600, SamplingSettings.evenly(30)).size()).isEqualTo(30);
        assertThat(SamplingPlan.of(4.2, SamplingSettings.evenly(30)).size()).isEqualTo(30);
    }

    @Test
    void settingsThatMakeNoSenseAreRefusedWithTheirReason() {
        assertThatThrownBy(() -> new SamplingSettings(0, 8, 3600)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("interval must be a positive number of seconds");
        assertThatThrownBy(() -> new SamplingSettings(Double.NaN, 8, 3600))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SamplingSettings(2, 0, 3600)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("At least one frame");
        assertThatThrownBy(() -> new SamplingSettings(2, 10, 9)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The most frames per video (9) must not be fewer than the fewest (10)");
    }
}
