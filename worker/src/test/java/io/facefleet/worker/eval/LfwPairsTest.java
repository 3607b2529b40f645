package io.facefleet.worker.eval;

import io.facefleet.worker.face.TestEngines;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LfwPairsTest {

    @Test
    void readsTheStandardTenFoldsOfSixHundredPairs() {
        List<LfwPair> pairs = LfwPairs.read(TestEngines.FIXTURES.facedata("lfw"));
        assertThat(pairs).hasSize(6000);
        assertThat(pairs.stream().filter(LfwPair::samePerson)).hasSize(3000);
        assertThat(pairs.stream().mapToInt(LfwPair::fold).distinct().count()).isEqualTo(10);
        assertThat(pairs.stream().filter(p -> p.fold() == 3 && p.samePerson())).hasSize(300);
        LfwPair first = pairs.getFirst();
        assertThat(first.first().getFileName()).hasToString("Abel_Pacheco_0001.jpg");
        assertThat(first.second().getFileName()).hasToString("Abel_Pacheco_0004.jpg");
        assertThat(pairs).allSatisfy(p -> assertThat(Files.exists(p.first()) && Files.exists(p.second())).isTrue());
    }

    @Test
    void theThresholdOfEachFoldComesFromTheOtherNine() {
        // Folds 0-8 separate at 0.5; fold 9 alone would prefer 0.8. The protocol must not peek at fold 9.
        var pairs = new java.util.ArrayList<TenFoldVerification.Scored>();
        for (int fold = 0; fold < 10; fold++) {
            float same = fold == 9 ? 0.85f : 0.6f;
            float different = fold == 9 ? 0.7f : 0.4f;
            for (int i = 0; i < 10; i++) {
                pairs.add(new TenFoldVerification.Scored(same, true, fold));
                pairs.add(new TenFoldVerification.Scored(different, false, fold));
            }
        }
        TenFoldVerification.Result result = TenFoldVerification.evaluate(pairs);
        // Fold 9 judged at the others' threshold (about 0.4-0.6) calls its different pairs (0.7) the same: 50 %.
        assertThat(result.meanAccuracy()).isCloseTo(0.95, org.assertj.core.data.Offset.offset(1e-9));
    }
}
