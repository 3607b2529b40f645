package io.facefleet.common.image;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/** The photo formats the workers decode, told apart by their first bytes, whatever the file is called. */
public enum ImageFormat {
    JPEG, PNG, WEBP, BMP;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    public static Optional<ImageFormat> of(byte[] bytes) {
        if (startsWith(bytes, 0, new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})) {
            return Optional.of(JPEG);
        }
        if (startsWith(bytes, 0, PNG_SIGNATURE)) {
            return Optional.of(PNG);
        }
        if (startsWith(bytes, 0, ascii("RIFF")) && startsWith(bytes, 8, ascii("WEBP"))) {
            return Optional.of(WEBP);
        }
        // "BM", then the file size, two reserved words and the pixel offset; 26 bytes at least with its header.
        if (bytes.length >= 26 && startsWith(bytes, 0, ascii("BM"))) {
            return Optional.of(BMP);
        }
        return Optional.empty();
    }

    /** The name of an image format the workers do not take, for a message that says what was sent. */
    static Optional<String> unsupported(byte[] bytes) {
        if (startsWith(bytes, 0, ascii("GIF87a")) || startsWith(bytes, 0, ascii("GIF89a"))) {
            return Optional.of("GIF");
        }
        if (startsWith(bytes, 0, ascii("II*\0")) || startsWith(bytes, 0, ascii("MM\0*"))) {
            return Optional.of("TIFF");
        }
        if (startsWith(bytes, 4, ascii("ftypheic")) || startsWith(bytes, 4, ascii("ftypheix"))
                || startsWith(bytes, 4, ascii("ftypmif1"))) {
            return Optional.of("HEIC");
        }
        if (startsWith(bytes, 4, ascii("ftypavif"))) {
            return Optional.of("AVIF");
        }
        return Optional.empty();
    }

    static boolean startsWith(byte[] bytes, int offset, byte[] expected) {
        return bytes.length >= offset + expected.length
                && Arrays.equals(bytes, offset, offset + expected.length, expected, 0, expected.length);
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
