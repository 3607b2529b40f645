package io.facefleet.worker.video;

import io.facefleet.common.LogText;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FrameGrabber;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Samples a video's frames by time in one forward pass with FFmpeg, decoding as few frames as the keyframes allow:
 * keyframes only where one comes at least every interval, else keyframes and P-frames (no B-frames), seeking over
 * stretches without a target. See {@link SamplingPlan} for which times are sampled.
 */
public final class FrameSampler {

    private static final Pattern ERROR_CODE = Pattern.compile("error (-\\d+)");

    static {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }

    private final int decoderThreads;

    /** Decodes on one thread: sampling runs beside other work (face models, other videos) on the same cores. */
    public FrameSampler() {
        this(1);
    }

    /** @param decoderThreads FFmpeg frame threads per video; more than 1 only where the host has idle cores */
    public FrameSampler(int decoderThreads) {
        if (decoderThreads < 1) {
            throw new IllegalArgumentException("Decoder threads must be at least 1, not " + decoderThreads);
        }
        this.decoderThreads = decoderThreads;
    }

    /**
     * Hands the frame nearest each of the plan's times to {@code frames}, in order, as it is decoded (the receiver
     * closes it). A video damaged part-way keeps the frames before the damage: see
     * {@link SamplingReport#partialReason()}.
     *
     * @throws UnreadableVideoException where FFmpeg cannot open the file, it has no video, or no frame decodes
     */
    public SamplingReport sample(Path file, SamplingSettings settings, Consumer<SampledFrame> frames) {
        return sample(file, videoSeconds -> SamplingPlan.of(videoSeconds, settings), frames);
    }

    /** The frames nearest the plan's times (the times a video was sampled at before, say). */
    public SamplingReport sample(Path file, SamplingPlan plan, Consumer<SampledFrame> frames) {
        return sample(file, videoSeconds -> plan, frames);
    }

    private SamplingReport sample(Path file, java.util.function.DoubleFunction<SamplingPlan> planner,
                                  Consumer<SampledFrame> frames) {
        if (!Files.isRegularFile(file)) {
            throw new UnreadableVideoException("The file " + file + " does not exist");
        }
        ConsumerClock clock = new ConsumerClock();
        try (OpenVideo video = OpenVideo.open(file, decoderThreads, DecodeMode.REFERENCE_FRAMES)) {
            SamplingPlan plan = planner.apply(video.videoSeconds());
            try (SamplingPass pass = new SamplingPass(video, plan, frames, clock)) {
                pass.run();
                if (pass.framesSampled() == 0) {
                    throw new UnreadableVideoException("No frame of " + LogText.escaped(file.getFileName()) + " could be decoded: "
                            + noFrameReason(pass));
                }
                return new SamplingReport(video.probe(), plan.intervalSeconds(), pass.framesDecoded(),
                        pass.framesSampled(), pass.keyframeIntervalSeconds(), pass.mode(), clock.samplerCpuSeconds(),
                        clock.samplerWallSeconds(), pass.partialReason());
            }
        }
    }

    private static String noFrameReason(SamplingPass pass) {
        if (pass.partialReason() != null) {
            return pass.partialReason();
        }
        if (pass.lastError() != 0) {
            return reason(pass.lastError());
        }
        return "the file is damaged or truncated";
    }

    /** FFmpeg's own words for one of its error codes, e.g. "Invalid data found when processing input". */
    static String reason(int error) {
        byte[] text = new byte[256];
        if (avutil.av_strerror(error, text, text.length) != 0) {
            return "FFmpeg error " + error;
        }
        int end = 0;
        while (end < text.length && text[end] != 0) {
            end++;
        }
        return new String(text, 0, end, StandardCharsets.UTF_8);
    }

    /**
     * FFmpeg's own words for the error JavaCV reports ("Invalid data found when processing input" for its code
     * -1094995529), else JavaCV's message without its hints to programmers.
     */
    static String reason(FrameGrabber.Exception e) {
        String message = String.valueOf(e.getMessage());
        Matcher code = ERROR_CODE.matcher(message);
        if (code.find()) {
            return reason(Integer.parseInt(code.group(1)));
        }
        for (String hint : List.of(" (Has setFormat", " (For more details")) {
            int at = message.indexOf(hint);
            if (at >= 0) {
                message = message.substring(0, at);
            }
        }
        return message;
    }
}
