package io.facefleet.worker.video;

import org.bytedeco.ffmpeg.global.avcodec;

/** Which frames the decoder decodes; the sampler takes its frames from these only. */
public enum DecodeMode {
    /** Keyframes only: enough where a keyframe comes at least every sampling interval. */
    KEYFRAMES(avcodec.AVDISCARD_NONKEY),
    /** Keyframes and P-frames: B-frames are most frames, and only other B-frames depend on them. */
    REFERENCE_FRAMES(avcodec.AVDISCARD_BIDIR),
    /** Every frame: the fallback where the others found none. */
    ALL_FRAMES(avcodec.AVDISCARD_DEFAULT);

    private final int discard;

    DecodeMode(int discard) {
        this.discard = discard;
    }

    /** The codec context's {@code skip_frame} value. */
    int discard() {
        return discard;
    }
}
