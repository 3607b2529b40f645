package io.facefleet.common.image;

/**
 * Whether an image file is whole: its structure is walked to the end it declares. Decoders fill a cut-off JPEG
 * with grey and carry on, so a truncated photo would otherwise be enrolled as "no face found".
 */
final class ImageEnd {

    private ImageEnd() {
    }

    static boolean isWhole(ImageFormat format, byte[] bytes) {
        return switch (format) {
            case JPEG -> jpegHasEnd(bytes);
            case PNG -> pngHasEnd(bytes);
            case WEBP -> 8 + littleEndian32(bytes, 4) <= bytes.length;
            case BMP -> littleEndian32(bytes, 2) <= bytes.length;
        };
    }

    /**
     * The segments are skipped by their lengths up to the first scan (so an EXIF thumbnail's end marker does not
     * count); in the scans an 0xFF byte is always followed by 0x00 or a marker, so FF D9 is the image's end.
     */
    private static boolean jpegHasEnd(byte[] bytes) {
        int at = 2;
        while (at + 4 <= bytes.length) {
            if ((bytes[at] & 0xFF) != 0xFF) {
                return endMarkerFrom(bytes, at); // stray bytes between segments: decoders skip them too
            }
            int marker = bytes[at + 1] & 0xFF;
            if (marker == 0xFF) {
                at++; // fill byte
                continue;
            }
            if (marker == 0xD9) {
                return false; // an end before any scan: no picture
            }
            int length = ((bytes[at + 2] & 0xFF) << 8) | (bytes[at + 3] & 0xFF);
            if (marker == 0xDA) {
                return endMarkerFrom(bytes, at + 2 + length);
            }
            at += 2 + length;
        }
        return false;
    }

    private static boolean endMarkerFrom(byte[] bytes, int from) {
        for (int i = Math.max(from, 0); i + 1 < bytes.length; i++) {
            if ((bytes[i] & 0xFF) == 0xFF && (bytes[i + 1] & 0xFF) == 0xD9) {
                return true;
            }
        }
        return false;
    }

    /** Chunk by chunk (length, type, data, CRC) to IEND. */
    private static boolean pngHasEnd(byte[] bytes) {
        long at = 8;
        while (at + 8 <= bytes.length) {
            long length = bigEndian32(bytes, (int) at);
            boolean end = bytes[(int) at + 4] == 'I' && bytes[(int) at + 5] == 'E' && bytes[(int) at + 6] == 'N'
                    && bytes[(int) at + 7] == 'D';
            at += 12 + length;
            if (end) {
                return at <= bytes.length;
            }
        }
        return false;
    }

    private static long bigEndian32(byte[] bytes, int at) {
        return ((long) (bytes[at] & 0xFF) << 24) | ((bytes[at + 1] & 0xFF) << 16) | ((bytes[at + 2] & 0xFF) << 8)
                | (bytes[at + 3] & 0xFF);
    }

    private static long littleEndian32(byte[] bytes, int at) {
        if (at + 4 > bytes.length) {
            return Long.MAX_VALUE;
        }
        return ((long) (bytes[at + 3] & 0xFF) << 24) | ((bytes[at + 2] & 0xFF) << 16) | ((bytes[at + 1] & 0xFF) << 8)
                | (bytes[at] & 0xFF);
    }
}
