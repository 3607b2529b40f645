package io.facefleet.worker.eval;

import io.facefleet.worker.face.EngineSettings;
import io.facefleet.worker.face.ImageDecoder;
import io.facefleet.worker.face.TestEngines;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Each of the 141 photos of 39 people searched against all the others (`facefleet eval photos`). */
class Rank1IdentificationTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev-512", "dev-128"})
    void everyPhotoFindsTheSamePersonFirst(String pack) {
        Rank1Identification.Report report = new Rank1Identification(TestEngines.engine(pack),
                new ImageDecoder(EngineSettings.DEFAULT_MAX_IMAGE_PIXELS)).run(TestEngines.FIXTURES.facedata("photos"));

        assertThat(report.photos()).isEqualTo(141);
        assertThat(report.noFace()).as("tight face crops are found inside a frame").isEmpty();
        assertThat(report.probes()).isEqualTo(131);
        assertThat(report.mistakes()).isEmpty();
        assertThat(report.rank1()).isEqualTo(1.0);
        assertThat(report.closestDifferentPeople().a().person()).isIn("Angelina_Jolie", "Kate_Siegel");
    }
}
