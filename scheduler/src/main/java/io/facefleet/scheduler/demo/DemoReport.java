package io.facefleet.scheduler.demo;

import io.facefleet.common.store.CreatorStore;
import io.facefleet.common.store.read.CreatorQueries;
import io.facefleet.common.store.read.CreatorSummary;
import io.facefleet.common.store.read.VideoQueries;
import io.facefleet.common.store.read.VideoSummary;
import io.facefleet.common.store.read.VideoTag;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One row per video: its file, status, face tracks (all, and those waiting for review), and the creators it is tagged
 * with: confidence, seconds on screen and where the first stretch on screen starts (half a sampling interval before
 * the creator's first sighting, as the timeline has it).
 */
public final class DemoReport {

    private final VideoQueries videos;
    private final CreatorQueries creatorQueries;
    private final CreatorStore creators;

    public DemoReport(VideoQueries videos, CreatorQueries creatorQueries, CreatorStore creators) {
        this.videos = videos;
        this.creatorQueries = creatorQueries;
        this.creators = creators;
    }

    public void print(PrintStream out) {
        List<VideoSummary> rows = videos.all();
        int nameWidth = Math.max(5, rows.stream().mapToInt(r -> fileName(r).length()).max().orElse(5));
        String format = "%-" + nameWidth + "s  %-7s  %6s  %7s  %s%n";
        out.println();
        out.printf(Locale.ROOT, format, "video", "status", "tracks", "pending", "creators (confidence, on screen)");
        for (VideoSummary r : rows) {
            String tagged = r.tags().isEmpty() ? "-"
                    : r.tags().stream().map(tag -> describe(tag, r)).collect(Collectors.joining(", "));
            out.printf(Locale.ROOT, format, fileName(r), r.status(), r.trackCount(), r.pendingTrackCount(),
                    r.error() == null ? tagged : tagged + "  [" + r.error() + "]");
        }
        List<CreatorSummary> all = creatorQueries.all();
        long enrolled = all.stream().filter(c -> c.embeddingCount() > 0).count();
        int pending = rows.stream().mapToInt(VideoSummary::pendingTrackCount).sum();
        out.printf(Locale.ROOT, "%n%d videos, %d of %d creators enrolled, %d face tracks pending review%n", rows.size(),
                enrolled, all.size(), pending);
        for (CreatorSummary creator : all) {
            creators.photos(creator.id()).stream().filter(p -> p.status().equals("no_face"))
                    .forEach(p -> out.println("  not enrolled: " + creator.name() + " (" + p.error() + ")"));
        }
    }

    private static String fileName(VideoSummary video) {
        return Path.of(video.path()).getFileName().toString();
    }

    private static String describe(VideoTag tag, VideoSummary video) {
        if (tag.onScreenSeconds() == null) {
            return tag.name() + " (" + (tag.confidence() == null ? tag.source()
                    : String.format(Locale.ROOT, "%.2f", tag.confidence())) + ")";
        }
        double half = video.sampleIntervalSeconds() == null ? 0 : video.sampleIntervalSeconds() / 2;
        double from = Math.max(0, (tag.firstSeenSeconds() == null ? 0 : tag.firstSeenSeconds()) - half);
        return String.format(Locale.ROOT, "%s (%.2f, %.1f s on screen from %.1f s)", tag.name(), tag.confidence(),
                tag.onScreenSeconds(), from);
    }
}
