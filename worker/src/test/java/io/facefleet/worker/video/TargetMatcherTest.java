package io.facefleet.worker.video;

import org.junit.jupiter.api.Test;

import static io.facefleet.worker.video.TargetMatcher.TAKE_CURRENT;
import static io.facefleet.worker.video.TargetMatcher.TAKE_PREVIOUS;
import static org.assertj.core.api.Assertions.assertThat;

class TargetMatcherTest {

    /** Targets 1, 3, 5, 7, 9 (a 10 s video, a frame every 2 s). */
    private final TargetMatcher matcher = new TargetMatcher(SamplingPlan.of(10, new SamplingSettings(2, 1, 100)));

    @Test
    void eachTargetGetsTheNearerOfTheFramesAroundIt() {
        assertThat(matcher.offer(0.0)).isZero();
        assertThat(matcher.offer(0.9)).isZero();
        assertThat(matcher.offer(1.3)).as("0.9 is nearer 1 than 1.3").isEqualTo(TAKE_PREVIOUS);
        assertThat(matcher.offer(2.9)).isZero();
        assertThat(matcher.offer(3.05)).as("3.05 is nearer 3").isEqualTo(TAKE_CURRENT);
        assertThat(matcher.nextTarget()).isEqualTo(5.0);
    }

    @Test
    void aTieGoesToTheEarlierFrameSoThatKeyframesOnTheIntervalAreAllUsed() {
        assertThat(matcher.offer(0.0)).isZero();
        assertThat(matcher.offer(2.0)).isEqualTo(TAKE_PREVIOUS);
        assertThat(matcher.offer(4.0)).isEqualTo(TAKE_PREVIOUS);
        assertThat(matcher.offer(6.0)).isEqualTo(TAKE_PREVIOUS);
        assertThat(matcher.offer(8.0)).isEqualTo(TAKE_PREVIOUS);
        assertThat(matcher.takeLastFrame()).as("8.0 for target 9").isTrue();
        assertThat(matcher.done()).isTrue();
    }

    @Test
    void noFrameServesTwoTargets() {
        assertThat(matcher.offer(0.5)).isZero();
        assertThat(matcher.offer(6.0)).as("0.5 for 1, 6.0 for 5; 3 has no frame of its own")
                .isEqualTo(TAKE_PREVIOUS | TAKE_CURRENT);
        assertThat(matcher.missed()).isEqualTo(1);
        assertThat(matcher.nextTarget()).isEqualTo(7.0);
        assertThat(matcher.takeLastFrame()).as("6.0 is taken already").isFalse();
    }

    @Test
    void theLastFrameServesNoTargetMoreThanHalfAnIntervalAfterIt() {
        matcher.offer(0.9);
        assertThat(matcher.offer(1.1)).isEqualTo(TAKE_PREVIOUS);
        assertThat(matcher.takeLastFrame()).as("1.1 is 1.9 s before target 3: the file was cut").isFalse();
    }

    @Test
    void afterASeekTheFrameBeforeItIsForgotten() {
        matcher.offer(0.5);
        matcher.forgetPrevious();
        assertThat(matcher.offer(1.2)).as("only 1.2 is left for target 1").isEqualTo(TAKE_CURRENT);
    }
}
