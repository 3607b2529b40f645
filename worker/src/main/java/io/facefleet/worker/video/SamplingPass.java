package io.facefleet.worker.video;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_move_ref;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

/**
 * One forward pass over an open video: reads its packets, decodes only the frames {@link DecodeMode} names, skips
 * (seeks over) stretches without a target, and hands each target's nearest decoded frame to the consumer as BGR.
 */
final class SamplingPass implements AutoCloseable {

    /** AVERROR(EAGAIN) on Linux. */
    private static final int AGAIN = -11;
    /** A keyframe gap counts as within the interval up to this many frame durations more (timestamps jitter). */
    private static final double GAP_SLACK_FRAMES = 1.5;
    /**
     * The first and last gaps (from the start, to the end) may be this many frame durations longer: MP4's index
     * gives decoding times, ahead of the presentation times by the B-frame delay.
     */
    private static final double EDGE_SLACK_FRAMES = 4;
    /** How far a keyframe's presentation time may lie before its index time and still be the one sought to. */
    private static final double SEEK_LANDING_SLACK_SECONDS = 0.5;
    /** Keyframe gaps seen before a video without an index may switch to keyframes only. */
    private static final int GAPS_TO_TRUST = 3;

    private final OpenVideo video;
    private final SamplingPlan plan;
    private final TargetMatcher matcher;
    private final Keyframes keyframes;
    private final Consumer<SampledFrame> frames;
    private final ConsumerClock consumerClock;
    private final AVPacket packet = av_packet_alloc();
    private final AVFrame current = av_frame_alloc();
    private final AVFrame previous = av_frame_alloc();
    private final BgrConverter converter = new BgrConverter();
    private final Map<DecodeMode, Double> secondsByMode = new EnumMap<>(DecodeMode.class);

    private DecodeMode mode;
    private double modeSince;
    private double previousSeconds;
    /** How far the decoder has got: the end of the last packet read, or the keyframe last sought to. */
    private double readUpTo;
    /** The end of the last packet actually read: where a truncated file ends. */
    private double lastPacketEnd;
    /** Keyframes-only decoding sends a keyframe only if a target lies within this distance of it. */
    private double keyframeReach;
    /** After a seek: packets before the keyframe sought to are not decoded (a demuxer may land a keyframe early). */
    private double skipBefore = Double.NEGATIVE_INFINITY;
    private int framesDecoded;
    private int framesSampled;
    private int seeks;
    private int lastError;
    private String partialReason;

    SamplingPass(OpenVideo video, SamplingPlan plan, Consumer<SampledFrame> frames, ConsumerClock consumerClock) {
        this.video = video;
        this.plan = plan;
        this.matcher = new TargetMatcher(plan);
        this.frames = frames;
        this.consumerClock = consumerClock;
        Keyframes indexed = video.indexedKeyframes();
        this.keyframes = indexed != null ? indexed : Keyframes.learning();
        if (keyframes.indexed()) {
            double maxGap = keyframes.maxGapSeconds();
            boolean fits = fitsInterval(maxGap) && keyframes.edgeGapSeconds(video.videoSeconds())
                    <= plan.intervalSeconds() + EDGE_SLACK_FRAMES * video.frameSeconds();
            switchTo(fits ? DecodeMode.KEYFRAMES : DecodeMode.REFERENCE_FRAMES, 0, maxGap);
        } else {
            switchTo(DecodeMode.REFERENCE_FRAMES, 0, 0);
        }
    }

    /** Reads the video up to its last target or its end. */
    void run() {
        readPackets();
        if (framesDecoded == 0 && mode != DecodeMode.ALL_FRAMES && partialReason == null && video.seekToStart()) {
            // Nothing decoded (keyframes not marked as such, say): decode everything, from the start.
            avcodec_flush_buffers(video.decoder);
            switchTo(DecodeMode.ALL_FRAMES, 0, 0);
            readUpTo = 0;
            readPackets();
        }
        if (matcher.takeLastFrame()) {
            take(previous, previousSeconds);
        }
        secondsByMode.merge(mode, Math.max(0, lastPacketEnd - modeSince), Double::sum);
    }

    private void readPackets() {
        while (!matcher.done()) {
            seekOverStretchWithoutTarget();
            int error = av_read_frame(video.format, packet);
            if (error < 0) {
                endOfInput(error);
                break;
            }
            try {
                if (packet.stream_index() == video.streamIndex) {
                    onPacket();
                }
            } finally {
                av_packet_unref(packet);
            }
        }
        drainDecoder();
    }

    private void onPacket() {
        long timestamp = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
        double at = timestamp != AV_NOPTS_VALUE ? video.seconds(timestamp) : readUpTo;
        double end = at + (packet.duration() > 0 ? video.durationSeconds(packet.duration()) : video.frameSeconds());
        readUpTo = Math.max(readUpTo, end);
        lastPacketEnd = Math.max(lastPacketEnd, end);
        boolean key = (packet.flags() & AV_PKT_FLAG_KEY) != 0;
        if (key && !keyframes.indexed()) {
            keyframes.learn(at, timestamp);
            adaptToLearnedKeyframes(at);
        }
        if (at < skipBefore && !(key && at >= skipBefore - SEEK_LANDING_SLACK_SECONDS)) {
            return;
        }
        skipBefore = Double.NEGATIVE_INFINITY;
        if (mode == DecodeMode.KEYFRAMES && (!key || !nearATarget(at))) {
            return;
        }
        int error = avcodec_send_packet(video.decoder, packet);
        if (error < 0 && error != AGAIN) {
            lastError = error; // a damaged packet: FFmpeg's decoder goes on with the next, and so do we
        }
        receiveFrames();
    }

    /** Where a video has no index: keyframes only once a few gaps were all within the interval, until one isn't. */
    private void adaptToLearnedKeyframes(double at) {
        int gaps = keyframes.count() - 1;
        if (gaps < GAPS_TO_TRUST) {
            return;
        }
        double maxGap = keyframes.maxGapSeconds();
        double lastGap = keyframes.seconds(gaps) - keyframes.seconds(gaps - 1);
        if (mode == DecodeMode.REFERENCE_FRAMES && fitsInterval(maxGap)) {
            switchTo(DecodeMode.KEYFRAMES, at, maxGap);
        } else if (mode == DecodeMode.KEYFRAMES && !fitsInterval(lastGap)) {
            switchTo(DecodeMode.REFERENCE_FRAMES, at, maxGap);
        } else if (mode == DecodeMode.KEYFRAMES) {
            keyframeReach = reach(maxGap);
        }
    }

    private boolean fitsInterval(double gapSeconds) {
        return gapSeconds > 0 && gapSeconds <= plan.intervalSeconds() + GAP_SLACK_FRAMES * video.frameSeconds();
    }

    private double reach(double maxGapSeconds) {
        return maxGapSeconds / 2 + GAP_SLACK_FRAMES * video.frameSeconds();
    }

    /** A keyframe can be a target's nearest only if it lies within half the longest gap of that target. */
    private boolean nearATarget(double at) {
        return matcher.nextTarget() - at <= keyframeReach;
    }

    private void switchTo(DecodeMode next, double at, double maxGap) {
        if (mode != null) {
            secondsByMode.merge(mode, Math.max(0, at - modeSince), Double::sum);
        }
        mode = next;
        modeSince = at;
        keyframeReach = reach(maxGap);
        video.decode(next);
    }

    /**
     * Decoding P-frames up to the keyframe before the next target would only serve to reach it: where the index
     * says that keyframe lies ahead, seek to it instead.
     */
    private void seekOverStretchWithoutTarget() {
        if (!keyframes.indexed() || mode == DecodeMode.KEYFRAMES || matcher.done()) {
            return;
        }
        int key = keyframes.before(matcher.nextTarget() + video.frameSeconds() / 2);
        if (key < 0 || keyframes.seconds(key) <= readUpTo + 2 * video.frameSeconds()) {
            return;
        }
        drainDecoder();
        avcodec_flush_buffers(video.decoder);
        matcher.forgetPrevious();
        av_frame_unref(previous);
        // MP4's index holds decoding times but its demuxer seeks by presentation time: aim between this keyframe
        // and the next so that either lands on it.
        long aim = key + 1 < keyframes.count()
                ? keyframes.timestamp(key) + (keyframes.timestamp(key + 1) - keyframes.timestamp(key)) / 2
                : keyframes.timestamp(key);
        if (video.seekBackTo(aim)) {
            seeks++;
            readUpTo = keyframes.seconds(key);
            skipBefore = keyframes.seconds(key) - video.frameSeconds() / 2;
        }
    }

    private void endOfInput(int error) {
        double end = video.videoSeconds();
        if (error != AVERROR_EOF) {
            partialReason = String.format(Locale.ROOT, "FFmpeg stopped reading at %.1f s of %.1f s: %s",
                    lastPacketEnd, end, FrameSampler.reason(error));
        } else if (lastPacketEnd < end - Math.max(1.0, 3 * video.frameSeconds())) {
            partialReason = String.format(Locale.ROOT, "the file ends at %.1f s of its %.1f s", lastPacketEnd, end);
        }
    }

    /** Hands the decoder the end of input and takes every frame it still holds; it accepts packets again after. */
    private void drainDecoder() {
        avcodec_send_packet(video.decoder, (AVPacket) null);
        receiveFrames();
        avcodec_flush_buffers(video.decoder);
    }

    private void receiveFrames() {
        while (true) {
            int error = avcodec_receive_frame(video.decoder, current);
            if (error == AGAIN || error == AVERROR_EOF) {
                return;
            }
            if (error < 0) {
                lastError = error;
                return;
            }
            onFrame();
        }
    }

    private void onFrame() {
        framesDecoded++;
        long timestamp = current.best_effort_timestamp() != AV_NOPTS_VALUE ? current.best_effort_timestamp()
                : current.pts();
        double at = timestamp != AV_NOPTS_VALUE ? video.seconds(timestamp) : previousSeconds + video.frameSeconds();
        int take = matcher.offer(at);
        if ((take & TargetMatcher.TAKE_PREVIOUS) != 0) {
            take(previous, previousSeconds);
        }
        if ((take & TargetMatcher.TAKE_CURRENT) != 0) {
            take(current, at);
        }
        av_frame_unref(previous);
        av_frame_move_ref(previous, current);
        previousSeconds = at;
    }

    private void take(AVFrame frame, double at) {
        SampledFrame sampled = new SampledFrame(at, converter.convert(frame));
        framesSampled++;
        consumerClock.time(() -> frames.accept(sampled));
    }

    DecodeMode mode() {
        return secondsByMode.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElse(mode);
    }

    int framesDecoded() {
        return framesDecoded;
    }

    int framesSampled() {
        return framesSampled;
    }

    /** Seeks over stretches without a target. */
    int seeks() {
        return seeks;
    }

    Double keyframeIntervalSeconds() {
        return keyframes.meanGapSeconds();
    }

    String partialReason() {
        return partialReason;
    }

    /** FFmpeg's last decoding error, 0 if none. */
    int lastError() {
        return lastError;
    }

    @Override
    public void close() {
        av_packet_free(packet);
        av_frame_free(current);
        av_frame_free(previous);
        converter.close();
    }
}
