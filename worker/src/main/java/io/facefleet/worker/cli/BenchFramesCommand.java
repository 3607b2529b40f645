package io.facefleet.worker.cli;

import io.facefleet.worker.video.FrameSampler;
import io.facefleet.worker.video.SamplingReport;
import io.facefleet.worker.video.SamplingSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What sampling frames costs, against FFmpeg's own command line decoding the same file in full and keyframes only,
 * all on one thread unless {@code --threads} says otherwise (FFmpeg's runs always on one).
 */
@Command(name = "bench-frames", mixinStandardHelpOptions = true,
        description = "CPU seconds of the frame sampler on each video, against 'ffmpeg -threads 1' decoding it in"
                + " full and keyframes only (CPU seconds of the child: user + sys).")
final class BenchFramesCommand implements Callable<Integer> {

    /** bash's {@code times}: the second line holds the children's user and system time, e.g. "0m12.345s 0m0.210s". */
    private static final Pattern CHILD_TIMES = Pattern.compile("(\\d+)m([\\d.]+)s (\\d+)m([\\d.]+)s\\s*$");

    @Parameters(paramLabel = "VIDEO", arity = "1..*")
    List<Path> videos;

    @Option(names = "--interval", defaultValue = "2.0", description = "seconds between sampled frames (${DEFAULT-VALUE})")
    double interval;

    @Option(names = "--min-frames", defaultValue = "8", description = "fewest frames per video (${DEFAULT-VALUE})")
    int minFrames;

    @Option(names = "--max-frames", defaultValue = "3600", description = "most frames per video (${DEFAULT-VALUE})")
    int maxFrames;

    @Option(names = "--threads", defaultValue = "1", description = "the sampler's decoder threads (${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--ffmpeg", defaultValue = "ffmpeg", description = "FFmpeg's command line tool (${DEFAULT-VALUE})")
    String ffmpeg;

    @Override
    public Integer call() throws IOException, InterruptedException {
        SamplingSettings settings = new SamplingSettings(interval, minFrames, maxFrames);
        if (threads > 1) {
            System.out.println("(--threads " + threads + ": the sampler's CPU seconds leave out FFmpeg's decoding"
                    + " threads, so the ratios understate its cost)");
        }
        FrameSampler sampler = new FrameSampler(threads);
        // Loads FFmpeg's and OpenCV's libraries and warms the JIT up, so the first video's figures are like the rest.
        sampler.sample(videos.get(0), SamplingSettings.evenly(1), frame -> frame.close());
        System.out.println("| video | mode | keyframe every s | frames decoded | frames sampled | sampler CPU s"
                + " | sampler wall s | ffmpeg full decode CPU s | ffmpeg keyframes-only CPU s | sampler / full"
                + " | sampler / keyframes-only |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (Path video : videos) {
            SamplingReport report = sampler.sample(video, settings, frame -> frame.close());
            double full = ffmpegCpuSeconds(video, false);
            double keyframes = ffmpegCpuSeconds(video, true);
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %d | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |%n",
                    video.getFileName(), report.mode(), report.keyframeIntervalSeconds() == null ? "?"
                            : String.format(Locale.ROOT, "%.2f", report.keyframeIntervalSeconds()),
                    report.framesDecoded(), report.framesSampled(), report.cpuSeconds(), report.wallSeconds(), full,
                    keyframes, report.cpuSeconds() / full, report.cpuSeconds() / keyframes);
            if (report.partial()) {
                System.out.println("  (partial: " + report.partialReason() + ")");
            }
        }
        return 0;
    }

    /** CPU seconds (user + sys) of {@code ffmpeg -threads 1 [-skip_frame nokey] -i VIDEO -f null -}. */
    private double ffmpegCpuSeconds(Path video, boolean keyframesOnly) throws IOException, InterruptedException {
        String command = "\"$0\" -nostdin -v error -threads 1 " + (keyframesOnly ? "-skip_frame nokey " : "")
                + "-i \"$1\" -f null - && times";
        Process process = new ProcessBuilder("bash", "-c", command, ffmpeg, video.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(ffmpeg + " failed on " + video + " (exit code " + process.exitValue()
                    + ")");
        }
        Matcher times = CHILD_TIMES.matcher(out.strip());
        if (!times.find()) {
            throw new IllegalStateException("Cannot read the CPU time of " + ffmpeg + " from: " + out);
        }
        return Integer.parseInt(times.group(1)) * 60 + Double.parseDouble(times.group(2))
                + Integer.parseInt(times.group(3)) * 60 + Double.parseDouble(times.group(4));
    }
}
