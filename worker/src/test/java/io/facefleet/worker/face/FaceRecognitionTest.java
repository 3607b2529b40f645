package io.facefleet.worker.face;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.facefleet.worker.face.TestEngines.engine;
import static io.facefleet.worker.face.TestEngines.mostProminent;
import static org.assertj.core.api.Assertions.assertThat;

/** Same person above the pack's verification threshold, different people below it, for both dev packs. */
class FaceRecognitionTest {

    private static float similarity(FaceEngine engine, String a, String b) {
        return mostProminent(engine, a).cosineSimilarity(mostProminent(engine, b));
    }

    private static float threshold(FaceEngine engine) {
        return engine.pack().manifest().thresholds().verification();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev-512", "dev-128"})
    void obamaMatchesObamaAndNotBiden(String pack) {
        FaceEngine engine = engine(pack);
        String obama = "photos/Barack_Obama/fr_obama.jpg";
        assertThat(similarity(engine, obama, "photos/Barack_Obama/fr_obama2.jpg")).isGreaterThan(threshold(engine));
        assertThat(similarity(engine, obama, "photos/Barack_Obama/fr_obama3.jpg")).isGreaterThan(threshold(engine));
        assertThat(similarity(engine, obama, "photos/Joe_Biden/fr_biden.jpg")).isLessThan(threshold(engine));
        assertThat(similarity(engine, "photos/Joe_Biden/fr_biden.jpg", "photos/Joe_Biden/fr_biden2.jpg"))
                .isGreaterThan(threshold(engine));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev-512", "dev-128"})
    void kunMatchesJntmAndNotTheWoman(String pack) {
        FaceEngine engine = engine(pack);
        assertThat(similarity(engine, "photos/Cai_Xukun/if_kun.jpg", "photos/Cai_Xukun/if_jntm.jpg"))
                .isGreaterThan(threshold(engine));
        assertThat(similarity(engine, "photos/Cai_Xukun/if_kun.jpg", "photos/Unnamed_ZY_inspireface/if_woman.png"))
                .isLessThan(threshold(engine));
        assertThat(similarity(engine, "photos/Cai_Xukun/if_jntm.jpg", "photos/Unnamed_ZY_inspireface/if_woman.png"))
                .isLessThan(threshold(engine));
        assertThat(similarity(engine, "photos/Cai_Xukun/if_jntm.jpg", "photos/Rob_Lowe/Rob_Lowe_0001.jpg"))
                .isLessThan(threshold(engine));
        assertThat(similarity(engine, "photos/Unnamed_ZY_inspireface/if_woman.png",
                "photos/Unnamed_ZY_inspireface/if_woman_search.jpeg")).isGreaterThan(threshold(engine));
    }

    /**
     * The closest pair of different people in the photos (about 0.53 with dev-512, above every different-person
     * pair of LFW): it may reach the review queue but must never tag a video on its own.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev-512", "dev-128"})
    void jolieAndKateSiegelTheHardestDifferentPairStayBelowTheAutoTagThreshold(String pack) {
        FaceEngine engine = engine(pack);
        float jolieVsSiegel = similarity(engine, "photos/Angelina_Jolie/fp_1.jpg", "photos/Kate_Siegel/fp_1.jpg");
        assertThat(jolieVsSiegel).isLessThan(engine.pack().manifest().thresholds().autoTag());
        assertThat(similarity(engine, "photos/Angelina_Jolie/fp_1.jpg", "photos/Angelina_Jolie/df_img2.jpg"))
                .as("Jolie is still closer to herself than to her lookalike").isGreaterThan(jolieVsSiegel);
    }
}
