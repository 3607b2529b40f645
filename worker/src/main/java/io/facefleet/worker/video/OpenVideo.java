package io.facefleet.worker.video;

import io.facefleet.common.LogText;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIndexEntry;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_guess_frame_rate;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entries_count;
import static org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entry;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_seek_file;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;

/**
 * A video file opened with FFmpeg: the demuxer, its best video stream and a decoder for it. Times are seconds from
 * the stream's start.
 */
final class OpenVideo implements AutoCloseable {

    /** FFmpeg's FF_THREAD_FRAME (not among the preset's constants): decode consecutive frames on several threads. */
    private static final int FF_THREAD_FRAME = 1;

    /** 8192 x 8192: every real video fits (8K UHD is 7680 x 4320); a header claiming more is a bomb or garbage. */
    static final long MAX_FRAME_PIXELS = 8192L * 8192;

    final AVFormatContext format;
    final AVStream stream;
    final int streamIndex;
    final AVCodecContext decoder;
    private final long startTimestamp;
    private final long timeBaseNum;
    private final long timeBaseDen;
    private final VideoProbe probe;
    private final double videoSeconds;

    private OpenVideo(AVFormatContext format, int streamIndex, AVCodecContext decoder, Path file) {
        this.format = format;
        this.streamIndex = streamIndex;
        this.stream = format.streams(streamIndex);
        this.decoder = decoder;
        long start = stream.start_time();
        this.startTimestamp = start == AV_NOPTS_VALUE ? 0 : start;
        this.timeBaseNum = stream.time_base().num();
        this.timeBaseDen = stream.time_base().den();
        if (format.duration() <= 0 && stream.duration() <= 0) {
            throw new UnreadableVideoException(LogText.escaped(file.getFileName()) + " has no known duration");
        }
        double formatSeconds = format.duration() > 0 ? format.duration() / (double) AV_TIME_BASE : 0;
        this.videoSeconds = stream.duration() > 0 && stream.duration() != AV_NOPTS_VALUE
                ? stream.duration() * (double) timeBaseNum / timeBaseDen : formatSeconds;
        AVRational rate = av_guess_frame_rate(format, stream, null);
        AVCodecParameters parameters = stream.codecpar();
        this.probe = new VideoProbe(formatSeconds > 0 ? formatSeconds : videoSeconds,
                rate.num() > 0 && rate.den() > 0 ? av_q2d(rate) : 0, parameters.width(), parameters.height());
    }

    /** Opens {@code file} and its decoder, which decodes the frames {@code mode} names on {@code threads} threads. */
    static OpenVideo open(Path file, int threads, DecodeMode mode) {
        AVFormatContext format = new AVFormatContext(null);
        String url = "file:" + file.toAbsolutePath();
        int error = avformat_open_input(format, new BytePointer(url, StandardCharsets.UTF_8), null, null);
        if (error < 0) {
            throw new UnreadableVideoException(LogText.escaped(file.getFileName()) + " is not a readable video: "
                    + FrameSampler.reason(error));
        }
        AVCodecContext decoder = null;
        try {
            error = avformat_find_stream_info(format, (PointerPointer<?>) null);
            if (error < 0) {
                throw new UnreadableVideoException(LogText.escaped(file.getFileName()) + " is not a readable video: "
                        + FrameSampler.reason(error));
            }
            int streamIndex = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
            if (streamIndex < 0) {
                throw new UnreadableVideoException(LogText.escaped(file.getFileName()) + " has no video stream");
            }
            AVCodecParameters parameters = format.streams(streamIndex).codecpar();
            AVCodec codec = avcodec_find_decoder(parameters.codec_id());
            if ((long) parameters.width() * parameters.height() > MAX_FRAME_PIXELS) {
                throw new UnreadableVideoException(LogText.escaped(file.getFileName()) + " has frames of "
                        + parameters.width() + "x" + parameters.height() + " pixels, over the " + MAX_FRAME_PIXELS
                        + " a video frame may have");
            }
            if (codec == null || parameters.width() <= 0 || parameters.height() <= 0) {
                throw new UnreadableVideoException(LogText.escaped(file.getFileName()) + " has no video stream FFmpeg can decode ("
                        + avcodec_get_name(parameters.codec_id()).getString() + ")");
            }
            decoder = avcodec_alloc_context3(codec);
            avcodec_parameters_to_context(decoder, parameters);
            decoder.pkt_timebase(format.streams(streamIndex).time_base());
            decoder.thread_count(Math.max(1, threads));
            if (threads > 1) {
                decoder.thread_type(FF_THREAD_FRAME);
            }
            decoder.skip_frame(mode.discard());
            error = avcodec_open2(decoder, codec, (AVDictionary) null);
            if (error < 0) {
                throw new UnreadableVideoException(LogText.escaped(file.getFileName()) + " is not a readable video: "
                        + FrameSampler.reason(error));
            }
            return new OpenVideo(format, streamIndex, decoder, file);
        } catch (RuntimeException e) {
            if (decoder != null) {
                avcodec_free_context(decoder);
            }
            avformat_close_input(format);
            throw e;
        }
    }

    VideoProbe probe() {
        return probe;
    }

    /** The video stream's own duration where the container gives it, else the file's. */
    double videoSeconds() {
        return videoSeconds;
    }

    double frameSeconds() {
        return probe.fps() > 0 ? 1 / probe.fps() : 0.04;
    }

    double seconds(long timestamp) {
        return (timestamp - startTimestamp) * (double) timeBaseNum / timeBaseDen;
    }

    double durationSeconds(long duration) {
        return duration * (double) timeBaseNum / timeBaseDen;
    }

    /** The keyframes in the demuxer's index; null where it has none (then they are learned while reading). */
    Keyframes indexedKeyframes() {
        int entries = avformat_index_get_entries_count(stream);
        int keys = 0;
        double[] seconds = new double[entries];
        long[] timestamps = new long[entries];
        for (int i = 0; i < entries; i++) {
            AVIndexEntry entry = avformat_index_get_entry(stream, i);
            if (entry != null && (entry.flags() & AVIndexEntry.AVINDEX_KEYFRAME) != 0
                    && (keys == 0 || entry.timestamp() > timestamps[keys - 1])) {
                timestamps[keys] = entry.timestamp();
                seconds[keys] = seconds(entry.timestamp());
                keys++;
            }
        }
        if (keys == 0) {
            return null;
        }
        return Keyframes.indexed(Arrays.copyOf(seconds, keys), Arrays.copyOf(timestamps, keys));
    }

    void decode(DecodeMode mode) {
        decoder.skip_frame(mode.discard());
    }

    /** Moves the demuxer to the keyframe at or before {@code timestamp}; false where FFmpeg could not. */
    boolean seekBackTo(long timestamp) {
        return av_seek_frame(format, streamIndex, timestamp, AVSEEK_FLAG_BACKWARD) >= 0;
    }

    boolean seekToStart() {
        return avformat_seek_file(format, streamIndex, Long.MIN_VALUE, startTimestamp, startTimestamp, 0) >= 0;
    }

    @Override
    public void close() {
        avcodec_free_context(decoder);
        avformat_close_input(format);
    }
}
