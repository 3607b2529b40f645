package io.facefleet.worker.video;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVOutputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

/**
 * Files that pose as videos or lie in their headers, made in a few milliseconds without an encoder: Motion JPEG in
 * Matroska whose frames are one small JPEG from ImageIO, written with FFmpeg's muxer, then patched where a header is
 * to lie; YUV4MPEG headers; a zip. Each is a few kilobytes.
 */
public final class HostileVideos {

    private static final int FPS = 25;

    private HostileVideos() {
    }

    /** A real video FFmpeg reads: {@code frames} frames of 64x64 at 25 fps in each of {@code streams} streams. */
    public static Path mjpegMatroska(Path file, int streams, int frames) {
        return mjpegMatroska(file, streams, frames, 64, 64);
    }

    /**
     * A Matroska video whose header gives a frame size of {@code width} x {@code height}, as do its JPEGs (as far as
     * their 16 bits go).
     */
    public static Path frameSizeBomb(Path file, int width, int height) {
        return mjpegMatroska(file, 1, 3, width, height);
    }

    /** A Matroska video of one second whose header claims {@code seconds}. */
    public static Path claimingDuration(Path file, double seconds) {
        mjpegMatroska(file, 1, FPS, 64, 64);
        try {
            byte[] bytes = Files.readAllBytes(file);
            // Segment Info's Duration: element ID 0x4489, size 8, a big-endian double in milliseconds.
            int at = indexOf(bytes, new byte[]{0x44, (byte) 0x89, (byte) 0x88});
            if (at < 0) {
                throw new IllegalStateException("FFmpeg's Matroska muxer wrote no 8-byte Duration to patch");
            }
            ByteBuffer.wrap(bytes, at + 3, 8).order(ByteOrder.BIG_ENDIAN).putDouble(seconds * 1000);
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A YUV4MPEG2 header claiming frames of {@code width} x {@code height}, then the start of one frame. */
    public static Path yuv4mpegClaiming(Path file, int width, int height) {
        String header = "YUV4MPEG2 W" + width + " H" + height + " F25:1 Ip A1:1 C420jpeg\nFRAME\n";
        byte[] head = header.getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[head.length + 4096];
        System.arraycopy(head, 0, bytes, 0, head.length);
        return write(file, bytes);
    }

    /** A zip archive holding one text file. */
    public static Path zip(Path file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write("not a video\n".repeat(100).getBytes(StandardCharsets.US_ASCII));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return write(file, out.toByteArray());
    }

    private static Path mjpegMatroska(Path file, int streams, int frames, int width, int height) {
        byte[] jpeg = jpeg(width, height);
        AVFormatContext out = new AVFormatContext(null);
        check(avformat_alloc_output_context2(out, (AVOutputFormat) null, "matroska", file.toString()), "open muxer");
        try {
            out.max_streams(Math.max(streams, out.max_streams())); // FFmpeg's muxers stop at 1,000 by default
            AVRational frameTime = av_make_q(1, FPS);
            for (int s = 0; s < streams; s++) {
                AVStream stream = avformat_new_stream(out, null);
                AVCodecParameters parameters = stream.codecpar();
                parameters.codec_type(AVMEDIA_TYPE_VIDEO);
                parameters.codec_id(AV_CODEC_ID_MJPEG);
                parameters.format(AV_PIX_FMT_YUVJ420P);
                parameters.width(width);
                parameters.height(height);
                stream.time_base(frameTime);
            }
            AVIOContext io = new AVIOContext(null);
            check(avio_open(io, file.toString(), AVIO_FLAG_WRITE), "create " + file);
            out.pb(io);
            check(avformat_write_header(out, (AVDictionary) null), "write header");
            for (int f = 0; f < frames; f++) {
                for (int s = 0; s < streams; s++) {
                    AVPacket packet = av_packet_alloc();
                    check(av_new_packet(packet, jpeg.length), "allocate packet");
                    packet.data().put(jpeg);
                    packet.stream_index(s);
                    packet.pts(f);
                    packet.dts(f);
                    packet.duration(1);
                    packet.flags(AV_PKT_FLAG_KEY);
                    av_packet_rescale_ts(packet, frameTime, out.streams(s).time_base());
                    check(av_interleaved_write_frame(out, packet), "write frame");
                    av_packet_free(packet);
                }
            }
            check(av_write_trailer(out), "write trailer");
            avio_closep(out.pb());
        } finally {
            avformat_free_context(out);
        }
        return file;
    }

    /**
     * A baseline JPEG of 16x16 black, its frame header (SOF0) then set to {@code width} x {@code height}: beyond 16x16
     * the pixel data is far too short for that size, as in a bomb that only needs its header to be believed.
     */
    private static byte[] jpeg(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_3BYTE_BGR);
            ImageIO.write(image, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] bytes = out.toByteArray();
        int sof = indexOf(bytes, new byte[]{(byte) 0xFF, (byte) 0xC0});
        ByteBuffer.wrap(bytes, sof + 5, 4).order(ByteOrder.BIG_ENDIAN).putShort((short) Math.min(height, 0xFFFF))
                .putShort((short) Math.min(width, 0xFFFF));
        return bytes;
    }

    private static int indexOf(byte[] bytes, byte[] pattern) {
        for (int i = 0; i + pattern.length <= bytes.length; i++) {
            boolean match = true;
            for (int j = 0; j < pattern.length && match; j++) {
                match = bytes[i + j] == pattern[j];
            }
            if (match) {
                return i;
            }
        }
        return -1;
    }

    private static Path write(Path file, byte[] bytes) {
        try {
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void check(int error, String what) {
        if (error < 0) {
            throw new IllegalStateException("FFmpeg could not " + what + ": error " + error);
        }
    }
}
