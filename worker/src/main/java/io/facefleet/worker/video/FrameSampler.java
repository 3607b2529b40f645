package io.facefleet.worker.video;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Samples frames evenly across a video with FFmpeg: frame i of n is taken at the middle of the i-th n-th of the
 * duration, reached by seeking, so a long video is never decoded in full.
 */
public final class FrameSampler {

    private static final Pattern ERROR_CODE = Pattern.compile("error (-\\d+)");

    static {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }

    /** Stand-in until the time-based sampler lands: seeks to each target time. */
    public SamplingReport sample(Path file, SamplingSettings settings, Consumer<SampledFrame> frames) {
        long started = System.nanoTime();
        int[] count = {0};
        VideoProbe probe = sample(file, -1, settings, frame -> {
            count[0]++;
            frames.accept(frame);
        });
        double interval = probe.durationSeconds() / Math.max(1, settings.targets(probe.durationSeconds()).length);
        return new SamplingReport(probe, interval, count[0], count[0], null, "SEEK", 0,
                (System.nanoTime() - started) / 1e9, null);
    }

    /** Reads the header and hands each sampled frame to {@code frames}, in order; returns what the header said. */
    public VideoProbe sample(Path file, int count, Consumer<SampledFrame> frames) {
        return sample(file, count, null, frames);
    }

    private VideoProbe sample(Path file, int fixedCount, SamplingSettings settings, Consumer<SampledFrame> frames) {
        if (!Files.isRegularFile(file)) {
            throw new UnreadableVideoException("The file " + file + " does not exist");
        }
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
             OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
            start(grabber, file);
            VideoProbe probe = probe(grabber, file);
            long durationMicros = grabber.getLengthInTime();
            int count = settings == null ? fixedCount : settings.targets(durationMicros / 1e6).length;
            int taken = 0;
            for (int i = 0; i < count; i++) {
                long target = (long) (durationMicros * (i + 0.5) / count);
                grabber.setVideoTimestamp(target);
                Frame frame = grabber.grabImage();
                if (frame == null || frame.image == null) {
                    continue;
                }
                Mat image = converter.convert(frame).clone();
                frames.accept(new SampledFrame(grabber.getTimestamp() / 1e6, image));
                taken++;
            }
            if (taken == 0) {
                throw new UnreadableVideoException("No frame of " + file.getFileName() + " could be decoded: the file is"
                        + " damaged or truncated");
            }
            return probe;
        } catch (FrameGrabber.Exception e) {
            throw new UnreadableVideoException("FFmpeg cannot read " + file.getFileName() + ": " + reason(e), e);
        }
    }

    /**
     * FFmpeg's own words for the error JavaCV reports ("Invalid data found when processing input" for its code
     * -1094995529), else JavaCV's message without its hints to programmers.
     */
    static String reason(FrameGrabber.Exception e) {
        String message = String.valueOf(e.getMessage());
        Matcher code = ERROR_CODE.matcher(message);
        byte[] text = new byte[256];
        if (code.find() && avutil.av_strerror(Integer.parseInt(code.group(1)), text, text.length) == 0) {
            int end = 0;
            while (end < text.length && text[end] != 0) {
                end++;
            }
            return new String(text, 0, end, StandardCharsets.UTF_8);
        }
        for (String hint : List.of(" (Has setFormat", " (For more details")) {
            int at = message.indexOf(hint);
            if (at >= 0) {
                message = message.substring(0, at);
            }
        }
        return message;
    }

    private static void start(FFmpegFrameGrabber grabber, Path file) {
        try {
            grabber.start();
        } catch (FrameGrabber.Exception e) {
            throw new UnreadableVideoException(file.getFileName() + " is not a readable video: " + reason(e), e);
        }
    }

    private static VideoProbe probe(FFmpegFrameGrabber grabber, Path file) {
        if (grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
            throw new UnreadableVideoException(file.getFileName() + " has no video stream");
        }
        if (grabber.getLengthInTime() <= 0) {
            throw new UnreadableVideoException(file.getFileName() + " has no known duration");
        }
        return new VideoProbe(grabber.getLengthInTime() / 1e6, grabber.getVideoFrameRate(), grabber.getImageWidth(),
                grabber.getImageHeight());
    }
}
