package io.facefleet.scheduler.hostile;

import io.facefleet.scheduler.support.SchedulerApi;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.zip.CRC32;

/** Image files that lie, made here byte by byte (nothing binary is committed). */
final class HostileFiles {

    private HostileFiles() {
    }

    static byte[] obamaJpeg() {
        try {
            return Files.readAllBytes(SchedulerApi.FIXTURES.facedata("photos/Barack_Obama/fr_obama.jpg"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] truncatedJpeg() {
        byte[] jpeg = obamaJpeg();
        return Arrays.copyOf(jpeg, jpeg.length / 2);
    }

    /** A real JPEG whose frame header (SOF), found by walking the segments, claims 60000 x 60000 pixels. */
    static byte[] jpegClaiming60000Square() {
        byte[] jpeg = obamaJpeg();
        int at = 2;
        while (at + 9 < jpeg.length) {
            int marker = jpeg[at + 1] & 0xFF;
            if (marker >= 0xC0 && marker <= 0xC2) {
                jpeg[at + 5] = jpeg[at + 7] = (byte) 0xEA;
                jpeg[at + 6] = jpeg[at + 8] = 0x60;
                return jpeg;
            }
            at += 2 + (((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF));
        }
        throw new IllegalStateException("no SOF segment in the fixture");
    }

    /** A whole, tiny PNG file (signature, IHDR, IDAT, IEND) whose header claims width x height. */
    static byte[] pngClaiming(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", header.array());
        chunk(out, "IDAT", new byte[]{0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** A BMP header claiming width x height over a few bytes of pixels; its file size field is honest. */
    static byte[] bmpClaiming(int width, int height) {
        ByteBuffer bmp = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        bmp.put((byte) 'B').put((byte) 'M').putInt(64).putInt(0).putInt(54);
        bmp.putInt(40).putInt(width).putInt(height).putShort((short) 1).putShort((short) 24).putInt(0).putInt(0)
                .putInt(2835).putInt(2835).putInt(0).putInt(0);
        return bmp.array();
    }

    /** RIFF/WEBP whose RIFF size promises a megabyte that is not there. */
    static byte[] webpCutShort() {
        ByteBuffer webp = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        webp.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(1_000_000).put("WEBP".getBytes(StandardCharsets.US_ASCII))
                .put("VP8 ".getBytes(StandardCharsets.US_ASCII)).putInt(999_980);
        return webp.array();
    }

    static byte[] encoded(String format) {
        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
