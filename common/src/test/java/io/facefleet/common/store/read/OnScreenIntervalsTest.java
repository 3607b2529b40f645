package io.facefleet.common.store.read;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OnScreenIntervalsTest {

    private final OnScreenIntervals sampledEvery2s = new OnScreenIntervals(2.0, 60.0);

    @Test
    void aTrackStandsForHalfAnIntervalEitherSideOfItsSightings() {
        assertThat(sampledEvery2s.of(track(1, 12, 20))).isEqualTo(new OnScreenInterval(11, 21, 1, "matched"));
        assertThat(sampledEvery2s.of(track(2, 30, 30))).isEqualTo(new OnScreenInterval(29, 31, 2, "matched"));
    }

    @Test
    void isClippedToTheVideo() {
        assertThat(sampledEvery2s.of(track(1, 0, 4))).isEqualTo(new OnScreenInterval(0, 5, 1, "matched"));
        assertThat(sampledEvery2s.of(track(2, 58, 59.5))).isEqualTo(new OnScreenInterval(57, 60, 2, "matched"));
    }

    @Test
    void withoutAnIntervalOrDurationATrackSpansItsSightingsUnbounded() {
        OnScreenIntervals unknown = new OnScreenIntervals(null, null);
        assertThat(unknown.of(track(1, 3, 7))).isEqualTo(new OnScreenInterval(3, 7, 1, "matched"));
        assertThat(new OnScreenIntervals(0.0, null).of(track(1, 1000, 1000)))
                .isEqualTo(new OnScreenInterval(1000, 1000, 1, "matched"));
    }

    @Test
    void roundsToTheMillisecond() {
        assertThat(new OnScreenIntervals(0.4, 400.0).of(track(1, 301.2, 305.8)))
                .isEqualTo(new OnScreenInterval(301.0, 306.0, 1, "matched"));
    }

    @Test
    void mergesOverlappingAndTouchingTracksKeepingTheLongest() {
        List<OnScreenInterval> merged = sampledEvery2s.merged(List.of(
                track(3, 40, 40),                            // 39–41, alone
                new TrackSpan(2, 14, 24, "confirmed"),       // 13–25, the longest of the first three
                track(1, 10, 14),                            // 9–15
                track(4, 26, 28),                            // 25–29, touches 13–25
                track(5, 0, 0)));                            // 0–1, clipped
        assertThat(merged).containsExactly(
                new OnScreenInterval(0, 1, 5, "matched"),
                new OnScreenInterval(9, 29, 2, "confirmed"),
                new OnScreenInterval(39, 41, 3, "matched"));
        assertThat(OnScreenIntervals.totalSeconds(merged)).isEqualTo(23.0);
    }

    @Test
    void aTrackInsideAnotherAddsNothing() {
        List<OnScreenInterval> merged = sampledEvery2s.merged(List.of(track(1, 10, 30), track(2, 12, 14)));
        assertThat(merged).containsExactly(new OnScreenInterval(9, 31, 1, "matched"));
        assertThat(sampledEvery2s.merged(List.of())).isEmpty();
        assertThat(OnScreenIntervals.totalSeconds(List.of())).isZero();
    }

    private static TrackSpan track(long id, double first, double last) {
        return new TrackSpan(id, first, last, "matched");
    }
}
