package io.facefleet.worker.face;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static io.facefleet.worker.face.TestEngines.dev512;
import static io.facefleet.worker.face.TestEngines.faces;
import static org.assertj.core.api.Assertions.assertThat;

/** Face counts other projects' test suites assert on these same photos (facedata/DATA.md). */
class FaceDetectionTest {

    @ParameterizedTest(name = "{0} has {1} face(s)")
    @CsvSource({
            "photos/Barack_Obama/fr_obama.jpg, 1",
            "photos/Barack_Obama/fr_32bit.png, 1",
            "photos/Cai_Xukun/if_kun.jpg, 1",
            "photos/Cai_Xukun/if_jntm.jpg, 1",
            "photos/Unnamed_ZY_inspireface/if_woman.png, 1",
            "groups/fr_two_people.jpg, 2",
            "groups/fr_kit_with_rose.jpg, 2",
            "groups/df_couple.jpg, 2",
            "groups/fa_bbt4.jpg, 6",
            "negatives/if_view_noface.jpg, 0",
            "negatives/if_no_face.png, 0",
    })
    void countsFaces(String image, int expected) {
        assertThat(faces(dev512(), image)).hasSize(expected);
    }

    @Test
    void crowdedSelfieHasAtLeastSixFacesAllInsideTheImage() {
        // deepface asserts >= 5 with MTCNN and >= 7 with RetinaFace; the small SCRFD-500MF finds 6.
        List<Face> found = faces(dev512(), "groups/df_selfie-many-people.jpg");
        assertThat(found).hasSizeGreaterThanOrEqualTo(6);
        for (Face face : found) {
            DetectedFace box = face.detection();
            assertThat(box.x1()).isGreaterThanOrEqualTo(0);
            assertThat(box.y1()).isGreaterThanOrEqualTo(0);
            assertThat(box.x2()).isLessThanOrEqualTo(600).isGreaterThan(box.x1());
            assertThat(box.y2()).isLessThanOrEqualTo(604).isGreaterThan(box.y1());
        }
    }

    @Test
    void obamaIsLeftOfBidenInTheTwoPeoplePhoto() {
        List<Face> found = faces(dev512(), "groups/fr_two_people.jpg");
        Face left = found.get(0).detection().x1() < found.get(1).detection().x1() ? found.get(0) : found.get(1);
        Face right = left == found.get(0) ? found.get(1) : found.get(0);
        Face obama = TestEngines.mostProminent(dev512(), "photos/Barack_Obama/fr_obama.jpg");
        Face biden = TestEngines.mostProminent(dev512(), "photos/Joe_Biden/fr_biden.jpg");
        assertThat(left.cosineSimilarity(obama)).isGreaterThan(left.cosineSimilarity(biden));
        assertThat(right.cosineSimilarity(biden)).isGreaterThan(right.cosineSimilarity(obama));
    }

    @Test
    void obamaBoxAndLandmarksSitOnHisFace() {
        // face_recognition's test finds Obama's face at top 142, right 617, bottom 409, left 349 in this 910x1137 photo.
        DetectedFace obama = faces(dev512(), "photos/Barack_Obama/fr_obama.jpg").getFirst().detection();
        float cx = (obama.x1() + obama.x2()) / 2, cy = (obama.y1() + obama.y2()) / 2;
        assertThat(cx).isBetween(349f, 617f);
        assertThat(cy).isBetween(142f, 409f);
        float[] p = obama.landmarks();
        assertThat(p[0]).as("left eye left of right eye").isLessThan(p[2]);
        assertThat(p[5]).as("nose below the eyes").isGreaterThan(Math.max(p[1], p[3]));
        assertThat(p[7]).as("mouth below the nose").isGreaterThan(p[5]);
        for (int i = 0; i < 5; i++) {
            assertThat(p[2 * i]).isBetween(obama.x1(), obama.x2());
            assertThat(p[2 * i + 1]).isBetween(obama.y1(), obama.y2());
        }
    }

    @ParameterizedTest(name = "the tight crop {0} is found inside a frame")
    @CsvSource({"photos/Bradley_Cooper/fp_aligned_1.png", "photos/Jim_Parsons/fa_sheldon1.png",
            "photos/Tom_Hanks/if_Tom_Hanks_54745.png"})
    void aTightFaceCropStillGivesItsFace(String image) {
        assertThat(TestEngines.mostProminent(dev512(), image).detection().score()).isGreaterThan(0.5f);
    }
}
