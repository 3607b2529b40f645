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
import java.util.Locale;

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
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entries_count;
import static org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entry;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_seek_file;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
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
    /** A week: longer than any recording a library holds; a header claiming more lies. */
    static final double MAX_SECONDS = 7 * 24 * 3600;
    /** A film with every dub and subtitle has a few dozen streams; each costs FFmpeg a parser while probing. */
    static final int MAX_STREAMS = 100;
    /**
     * FFmpeg itself refuses a file with more than {@code max_streams} streams, but as "Cannot allocate memory": let
     * it open that many, for the file to be refused with its count instead.
     */
    private static final int STREAMS_TO_COUNT = 10_000;

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
            throw unreadable(file, "has no known duration");
        }
        double formatSeconds = format.duration() > 0 ? format.duration() / (double) AV_TIME_BASE : 0;
        this.videoSeconds = stream.duration() > 0 && stream.duration() != AV_NOPTS_VALUE
                ? stream.duration() * (double) timeBaseNum / timeBaseDen : formatSeconds;
        if (Math.max(formatSeconds, videoSeconds) > MAX_SECONDS) {
            throw unreadable(file, String.format(Locale.ROOT, "claims to last %.0f s, more than the %.0f s (a week) a"
                    + " video may last", Math.max(formatSeconds, videoSeconds), MAX_SECONDS));
        }
        AVRational rate = av_guess_frame_rate(format, stream, null);
        AVCodecParameters parameters = stream.codecpar();
        this.probe = new VideoProbe(formatSeconds > 0 ? formatSeconds : videoSeconds,
                rate.num() > 0 && rate.den() > 0 ? av_q2d(rate) : 0, parameters.width(), parameters.height());
    }

    /** Opens {@code file} and its decoder, which decodes the frames {@code mode} names on {@code threads} threads. */
    static OpenVideo open(Path file, int threads, DecodeMode mode) {
        AVFormatContext format = avformat_alloc_context();
        format.max_streams(STREAMS_TO_COUNT);
        String url = "file:" + file.toAbsolutePath();
        int error = avformat_open_input(format, new BytePointer(url, StandardCharsets.UTF_8), null, null);
        if (error < 0) { // FFmpeg has freed the context
            throw unreadable(file, "is not a readable video: " + FrameSampler.reason(error));
        }
        AVCodecContext decoder = null;
        try {
            checkHeader(file, format); // before FFmpeg decodes anything to learn more
            error = findStreamInfo(format);
            if (error < 0) {
                throw unreadable(file, "is not a readable video: " + FrameSampler.reason(error));
            }
            checkHeader(file, format);
            int streamIndex = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
            if (streamIndex < 0) {
                throw unreadable(file, "has no video stream");
            }
            AVCodecParameters parameters = format.streams(streamIndex).codecpar();
            AVCodec codec = avcodec_find_decoder(parameters.codec_id());
            if (codec == null || parameters.width() <= 0 || parameters.height() <= 0) {
                throw unreadable(file, "has no video stream FFmpeg can decode ("
                        + avcodec_get_name(parameters.codec_id()).getString() + ")");
            }
            decoder = avcodec_alloc_context3(codec);
            avcodec_parameters_to_context(decoder, parameters);
            decoder.pkt_timebase(format.streams(streamIndex).time_base());
            decoder.max_pixels(MAX_FRAME_PIXELS); // a frame further on cannot grow past the limit either
            decoder.thread_count(Math.max(1, threads));
            if (threads > 1) {
                decoder.thread_type(FF_THREAD_FRAME);
            }
            decoder.skip_frame(mode.discard());
            error = avcodec_open2(decoder, codec, (AVDictionary) null);
            if (error < 0) {
                throw unreadable(file, "is not a readable video: " + FrameSampler.reason(error));
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

    /** What the container (and, once probed, the streams) claim: too many streams, or frames too large. */
    private static void checkHeader(Path file, AVFormatContext format) {
        if (format.nb_streams() > MAX_STREAMS) {
            throw unreadable(file, "has " + format.nb_streams() + " streams, more than the " + MAX_STREAMS
                    + " a video may have");
        }
        for (int i = 0; i < format.nb_streams(); i++) {
            AVCodecParameters parameters = format.streams(i).codecpar();
            if (parameters.codec_type() == AVMEDIA_TYPE_VIDEO
                    && (long) parameters.width() * parameters.height() > MAX_FRAME_PIXELS) {
                throw unreadable(file, "has frames of " + parameters.width() + "x" + parameters.height()
                        + " pixels, more than the 8192x8192 a video frame may have");
            }
        }
    }

    /** FFmpeg's probing decodes a few frames of each stream: with the same limit on their size as the decoder's. */
    private static int findStreamInfo(AVFormatContext format) {
        int streams = format.nb_streams();
        PointerPointer<AVDictionary> options = new PointerPointer<>(streams);
        try {
            for (int i = 0; i < streams; i++) {
                AVDictionary limits = new AVDictionary(null);
                av_dict_set(limits, "max_pixels", Long.toString(MAX_FRAME_PIXELS), 0);
                options.put(i, limits);
            }
            return avformat_find_stream_info(format, options);
        } finally {
            for (int i = 0; i < streams; i++) {
                av_dict_free(new AVDictionary(options.get(i))); // what FFmpeg did not use
            }
            options.close();
        }
    }

    private static UnreadableVideoException unreadable(Path file, String reason) {
        return new UnreadableVideoException(LogText.escaped(file.getFileName()) + " " + reason);
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
