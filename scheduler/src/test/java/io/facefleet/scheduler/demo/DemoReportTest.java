package io.facefleet.scheduler.demo;

import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.common.store.CreatorStore;
import io.facefleet.common.store.FaceTrackStore;
import io.facefleet.common.store.MatchStatus;
import io.facefleet.common.store.TagStore;
import io.facefleet.common.store.VideoSampling;
import io.facefleet.common.store.VideoStore;
import io.facefleet.common.store.read.CreatorQueries;
import io.facefleet.common.store.read.VideoQueries;
import io.facefleet.scheduler.support.FaceData;
import io.facefleet.scheduler.support.SchedulerTest;
import io.facefleet.scheduler.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static io.facefleet.scheduler.support.FaceData.track;
import static io.facefleet.scheduler.support.TestVectors.axis;
import static io.facefleet.scheduler.support.TestVectors.near;
import static org.assertj.core.api.Assertions.assertThat;

@SchedulerTest
class DemoReportTest {

    @TempDir
    static Path library;
    private static DatabaseSettings database;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        database = TestDatabase.create("ff_scheduler_demo_report", registry, () -> library, false);
    }

    @AfterAll
    static void dropDatabase() {
        TestDatabase.drop(database);
    }

    @Autowired
    JdbcClient jdbc;
    @Autowired
    VideoStore videos;
    @Autowired
    CreatorStore creators;
    @Autowired
    FaceTrackStore faceTracks;
    @Autowired
    TagStore tags;
    @Autowired
    VideoQueries videoQueries;
    @Autowired
    CreatorQueries creatorQueries;

    @Test
    void countsTracksAndTellsHowLongEachCreatorIsOnScreenFromWhen() {
        FaceData data = new FaceData(jdbc, videos, creators, faceTracks, tags);
        data.clear();
        long obama = data.creator("Barack Obama", axis(0));
        long video = data.video("/videos/obama.mp4");
        data.video("/videos/queued.mp4");
        // On screen 9–21 s (two overlapping tracks) and 39–41 s, sampled every 2 s.
        data.processed(video, 60, new VideoSampling(2.0, 30, 1500, 4.0, null),
                track(10, 14, 2, near(0, 0.8, 1, 0.1, 2), obama, 0.8f, MatchStatus.MATCHED),
                track(14, 20, 2, near(0, 0.86, 1, 0.1, 3), obama, 0.86f, MatchStatus.CONFIRMED),
                track(40, 40, 2, near(0, 0.7, 1, 0.1, 4), obama, 0.7f, MatchStatus.MATCHED),
                track(30, 32, 2, near(0, 0.4, 1, 0.1, 5), obama, 0.4f, MatchStatus.PENDING));

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        new DemoReport(videoQueries, creatorQueries, creators).print(new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(printed.toString(StandardCharsets.UTF_8).lines()).contains(
                "video       status   tracks  pending  creators (confidence, on screen)",
                "obama.mp4   done          4        1  Barack Obama (0.86, 14.0 s on screen from 9.0 s)",
                "queued.mp4  new           0        0  -",
                "2 videos, 1 of 1 creators enrolled, 1 face tracks pending review");
    }
}
