package io.facefleet.scheduler.support;

/** 512-d unit vectors built from a few axes, so the test knows every cosine similarity exactly. */
public final class TestVectors {

    public static final int DIM = 512;

    private TestVectors() {
    }

    /** The unit vector along one axis. */
    public static float[] axis(int axis) {
        float[] v = new float[DIM];
        v[axis] = 1;
        return v;
    }

    /**
     * A unit vector whose similarity to {@code axis(a)} is {@code sa} and to {@code axis(b)} is {@code sb}; the rest
     * of its length lies along {@code axis(rest)}.
     */
    public static float[] near(int a, double sa, int b, double sb, int rest) {
        float[] v = new float[DIM];
        v[a] = (float) sa;
        v[b] = (float) sb;
        v[rest] = (float) Math.sqrt(1 - sa * sa - sb * sb);
        return v;
    }
}
