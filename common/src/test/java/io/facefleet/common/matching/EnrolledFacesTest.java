package io.facefleet.common.matching;

import io.facefleet.common.store.CreatorMatch;
import io.facefleet.common.store.EnrolledFace;
import io.facefleet.common.store.EnrolledFacesListed;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The enrolled faces a worker holds: the exact nearest among its candidates, and new versions made of the rows held
 * and those read since.
 */
class EnrolledFacesTest {

    private static final int DIM = 512;
    private final Random random = new Random(5);

    @Test
    void findsTheExactNearestFaceAsPgvectorComparesHalfvecs() {
        List<float[]> embeddings = new ArrayList<>();
        List<EnrolledFace> rows = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            embeddings.add(gaussian());
            rows.add(new EnrolledFace(i + 1, 700, 1000 + i / 5, sent(embeddings.get(i))));
        }
        EnrolledFaces faces = EnrolledFaces.none().updatedTo(listing(3, rows), rows).orElseThrow();
        assertThat(faces.size()).isEqualTo(500);
        assertThat(faces.version()).isEqualTo(3);

        for (int p = 0; p < 50; p++) {
            int target = random.nextInt(500);
            float[] probe = near(embeddings.get(target));
            int exact = 0;
            for (int i = 1; i < 500; i++) {
                if (cosineOfHalves(probe, embeddings.get(i)) > cosineOfHalves(probe, embeddings.get(exact))) {
                    exact = i;
                }
            }
            CreatorMatch found = faces.nearest(probe, 32).orElseThrow();
            assertThat(found.creatorId()).isEqualTo(1000 + exact / 5);
            assertThat((double) found.similarity()).isCloseTo(cosineOfHalves(probe, embeddings.get(exact)),
                    within(1e-5));
        }
    }

    @Test
    void aNewVersionReadsOnlyTheRowsWrittenSince() {
        List<EnrolledFace> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rows.add(new EnrolledFace(10 + i, 700 + i, 1, sent(gaussian())));
        }
        EnrolledFaces held = EnrolledFaces.none().updatedTo(listing(1, rows), rows).orElseThrow();

        float[] rewritten = gaussian();
        float[] added = gaussian();
        List<EnrolledFace> now = new ArrayList<>(rows.subList(1, 20)); // id 10 deleted
        now.set(4, new EnrolledFace(15, 900, 2, sent(rewritten))); // id 15 written again, for creator 2
        now.add(new EnrolledFace(40, 901, 3, sent(added)));
        EnrolledFacesListed listed = listing(2, now);

        assertThat(held.missing(listed)).containsExactly(15, 40);
        EnrolledFaces updated = held.updatedTo(listed, List.of(now.get(4), now.getLast())).orElseThrow();
        assertThat(updated.size()).isEqualTo(20);
        assertThat(updated.version()).isEqualTo(2);
        assertThat(updated.missing(listed)).isEmpty();
        assertThat(updated.nearest(near(rewritten), 32).orElseThrow().creatorId()).isEqualTo(2);
        assertThat(updated.nearest(near(added), 32).orElseThrow().creatorId()).isEqualTo(3);
        assertThat(held.nearest(near(rewritten), 32).orElseThrow().creatorId()).as("the old version unchanged")
                .isEqualTo(1);
    }

    @Test
    void aRowWrittenAgainWhileItWasReadAsksForAnotherListing() {
        EnrolledFace face = new EnrolledFace(7, 700, 1, sent(gaussian()));
        EnrolledFacesListed listed = listing(1, List.of(face));
        EnrolledFace newer = new EnrolledFace(7, 701, 1, sent(gaussian()));

        assertThat(EnrolledFaces.none().updatedTo(listed, List.of(newer))).isEmpty();
        assertThat(EnrolledFaces.none().updatedTo(listed, List.of())).as("deleted meanwhile").isEmpty();
    }

    @Test
    void anEmbeddingOfZerosMatchesNoOne() {
        EnrolledFace face = new EnrolledFace(7, 700, 1, sent(gaussian()));
        EnrolledFaces faces = EnrolledFaces.none().updatedTo(listing(1, List.of(face)), List.of(face)).orElseThrow();
        assertThat(faces.nearest(gaussian(), 32)).isPresent();
        assertThat(faces.nearest(new float[DIM], 32)).as("no cosine, as in PostgreSQL").isEmpty();
    }

    @Test
    void noneEnrolledFindsNone() {
        EnrolledFaces faces = EnrolledFaces.none().updatedTo(new EnrolledFacesListed(4, new long[0], new long[0]),
                List.of()).orElseThrow();
        assertThat(faces.version()).isEqualTo(4);
        assertThat(faces.nearest(gaussian(), 32)).isEmpty();
    }

    private static EnrolledFacesListed listing(long version, List<EnrolledFace> rows) {
        return new EnrolledFacesListed(version, rows.stream().mapToLong(EnrolledFace::id).toArray(),
                rows.stream().mapToLong(EnrolledFace::writtenBy).toArray());
    }

    /** As {@code halfvec_send}: the dimension, a reserved word, each half float (big-endian). */
    private static byte[] sent(float[] embedding) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 2 * embedding.length);
        buffer.putShort((short) embedding.length).putShort((short) 0);
        for (float x : embedding) {
            buffer.putShort(Float.floatToFloat16(x));
        }
        return buffer.array();
    }

    private static double cosineOfHalves(float[] a, float[] b) {
        return TestVectors.cosine(halves(a), halves(b));
    }

    private static float[] halves(float[] embedding) {
        float[] rounded = new float[embedding.length];
        for (int i = 0; i < embedding.length; i++) {
            rounded[i] = Float.float16ToFloat(Float.floatToFloat16(embedding[i]));
        }
        return rounded;
    }

    private float[] near(float[] embedding) {
        float[] noise = gaussian();
        float[] near = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            near[i] = embedding[i] + 0.6f * noise[i];
        }
        return near;
    }

    private float[] gaussian() {
        float[] v = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            v[i] = (float) random.nextGaussian() * 0.05f;
        }
        return v;
    }
}
