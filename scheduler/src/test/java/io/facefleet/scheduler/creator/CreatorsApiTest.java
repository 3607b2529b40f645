package io.facefleet.scheduler.creator;

import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.common.store.CreatorStore;
import io.facefleet.scheduler.support.JobRunrJobs;
import io.facefleet.scheduler.support.SchedulerApi;
import io.facefleet.scheduler.support.SchedulerApi.NamedBytes;
import io.facefleet.scheduler.support.SchedulerTest;
import io.facefleet.scheduler.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;

import static io.facefleet.scheduler.support.ApiAssertions.assertError;
import static io.facefleet.scheduler.support.TestVectors.axis;
import static io.facefleet.scheduler.support.SchedulerApi.creatorForm;
import static io.facefleet.scheduler.support.SchedulerApi.photo;
import static org.assertj.core.api.Assertions.assertThat;

@SchedulerTest
class CreatorsApiTest {

    private static final String OBAMA = "photos/Barack_Obama/fr_obama.jpg";
    private static final String OBAMA_2 = "photos/Barack_Obama/fr_obama2.jpg";

    @TempDir
    static Path library;
    private static DatabaseSettings database;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        database = TestDatabase.create("ff_scheduler_creators", registry, () -> library, false);
    }

    @AfterAll
    static void dropDatabase() {
        TestDatabase.drop(database);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CreatorStore creators;

    private SchedulerApi api;

    @BeforeEach
    void noCreators() {
        jdbc.sql("DELETE FROM creators").update();
        api = new SchedulerApi(port);
    }

    @Test
    void createsACreatorWithAPendingPhotoAndEnqueuesTheirEnrolment() {
        ResponseEntity<JsonNode> created = api.postMultipart("/api/creators", creatorForm("Barack Obama", photo(OBAMA)));

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode body = created.getBody();
        long id = body.get("creator_id").longValue();
        assertThat(body.get("name").stringValue()).isEqualTo("Barack Obama");
        assertThat(body.get("photo_ids").size()).isEqualTo(1);
        assertThat(creators.photos(id)).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo(body.get("photo_ids").get(0).longValue());
            assertThat(p.fileName()).isEqualTo("fr_obama.jpg");
            assertThat(p.status()).isEqualTo("pending");
        });
        assertThat(creators.photoContent(creators.photos(id).getFirst().id()))
                .isEqualTo(photo(OBAMA).getByteArray());
        UUID jobId = UUID.fromString(body.get("enrolment_job_id").stringValue());
        JobRunrJobs.StoredJob job = new JobRunrJobs(jdbc).byId(jobId);
        assertThat(job.state()).isEqualTo("ENQUEUED");
        assertThat(job.isFor("EnrolCreatorHandler", "creatorId", id)).isTrue();
    }

    @Test
    void morePhotosLaterAreEnrolledToo() {
        long id = create("Barack Obama", photo(OBAMA));

        ResponseEntity<JsonNode> added = api.postMultipart("/api/creators/" + id + "/photos",
                creatorForm(null, photo(OBAMA_2), photo(OBAMA)));

        assertThat(added.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(added.getBody().get("photo_ids").size()).isEqualTo(2);
        assertThat(creators.pendingPhotos(id)).hasSize(3);
        assertThat(new JobRunrJobs(jdbc).enrolCreator(id)).hasSize(2);
        assertThat(api.postMultipart("/api/creators/999999/photos", creatorForm(null, photo(OBAMA)))
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void listsAndShowsCreators() {
        long obama = create("Barack Obama", photo(OBAMA), photo(OBAMA_2));
        create("Angelina Jolie", photo("photos/Angelina_Jolie/df_img1.jpg"));

        JsonNode page = api.get("/api/creators").getBody();
        JsonNode list = page.get("items");

        assertThat(list.size()).isEqualTo(2);
        assertThat(page.get("total").longValue()).isEqualTo(2);
        assertThat(page.get("limit").intValue()).isEqualTo(100);
        assertThat(page.get("offset").intValue()).isZero();
        assertThat(list.get(0).get("name").stringValue()).isEqualTo("Angelina Jolie");
        JsonNode listed = list.get(1);
        assertThat(listed.get("id").longValue()).isEqualTo(obama);
        assertThat(listed.get("photo_count").intValue()).isEqualTo(2);
        assertThat(listed.get("embedding_count").intValue()).isZero();
        assertThat(listed.get("video_count").intValue()).isZero();

        JsonNode second = api.get("/api/creators?limit=1&offset=1").getBody();
        assertThat(second.get("items").get(0).get("id").longValue()).isEqualTo(obama);
        assertThat(second.get("total").longValue()).isEqualTo(2);
        JsonNode found = api.get("/api/creators?q=OBA").getBody();
        assertThat(found.get("items").findValues("name")).extracting(JsonNode::stringValue).containsExactly("Barack Obama");
        assertThat(found.get("total").longValue()).isEqualTo(1);
        assertError(api.get("/api/creators?limit=1001"), HttpStatus.BAD_REQUEST, "'limit' must be between 1 and 1000");
        assertError(api.get("/api/creators?offset=-1"), HttpStatus.BAD_REQUEST, "'offset' must be between 0 and");
        assertError(api.get("/api/creators?limit=lots"), HttpStatus.BAD_REQUEST, "'limit' must be a whole number");

        JsonNode detail = api.get("/api/creators/" + obama).getBody();
        assertThat(detail.get("name").stringValue()).isEqualTo("Barack Obama");
        assertThat(detail.get("photos").size()).isEqualTo(2);
        assertThat(detail.get("photos").get(0).get("status").stringValue()).isEqualTo("pending");
        assertThat(detail.get("photos").get(0).has("error")).isTrue();
        assertThat(detail.get("videos").isArray()).isTrue();
        assertThat(api.get("/api/creators/999999").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void refusesANameMissingOrBlank() {
        ResponseEntity<JsonNode> noName = api.postMultipart("/api/creators", creatorForm(null, photo(OBAMA)));
        ResponseEntity<JsonNode> blank = api.postMultipart("/api/creators", creatorForm("   ", photo(OBAMA)));

        for (ResponseEntity<JsonNode> response : new ResponseEntity[]{noName, blank}) {
            assertError(response, HttpStatus.BAD_REQUEST, "'name' is required");
        }
        assertNothingStored();
    }

    @Test
    void refusesACreatorWithoutPhotos() {
        assertError(api.postMultipart("/api/creators", creatorForm("Barack Obama")), HttpStatus.BAD_REQUEST,
                "at least one photo");
        assertNothingStored();
    }

    @Test
    void refusesAFileThatIsNotAnImageWhateverItIsCalled() {
        NamedBytes text = new NamedBytes("just some notes".getBytes(StandardCharsets.UTF_8), "face.jpg");

        assertError(api.postMultipart("/api/creators", creatorForm("Barack Obama", photo(OBAMA), text)),
                HttpStatus.BAD_REQUEST, "'face.jpg' is not a photo");
        assertNothingStored();
    }

    @Test
    void refusesADuplicateName() {
        long id = create("Barack Obama", photo(OBAMA));

        assertError(api.postMultipart("/api/creators", creatorForm(" Barack Obama ", photo(OBAMA_2))),
                HttpStatus.CONFLICT, "already exists");
        assertThat(creators.all()).hasSize(1);
        assertThat(creators.photos(id)).hasSize(1);
    }

    @Test
    void renamesACreator() {
        long id = create("Barak Obama", photo(OBAMA));
        create("Angelina Jolie", photo(OBAMA_2));

        ResponseEntity<JsonNode> renamed = api.send(HttpMethod.PATCH, "/api/creators/" + id, "{\"name\":\"Barack Obama\"}");

        assertThat(renamed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(renamed.getBody().get("name").stringValue()).isEqualTo("Barack Obama");
        assertThat(creators.find(id).orElseThrow().name()).isEqualTo("Barack Obama");
        assertError(api.send(HttpMethod.PATCH, "/api/creators/" + id, "{\"name\":\"Angelina Jolie\"}"),
                HttpStatus.CONFLICT, "already exists");
        assertError(api.send(HttpMethod.PATCH, "/api/creators/" + id, "{\"name\":\"\"}"),
                HttpStatus.BAD_REQUEST, "'name' is required");
        assertError(api.send(HttpMethod.PATCH, "/api/creators/999999", "{\"name\":\"Someone\"}"),
                HttpStatus.NOT_FOUND, "No creator with id 999999");
    }

    @Test
    void deletesACreatorWithTheirPhotos() {
        long id = create("Barack Obama", photo(OBAMA));

        assertThat(api.delete("/api/creators/" + id).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        assertThat(creators.find(id)).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM creator_photos").query(Integer.class).single()).isZero();
        assertThat(api.delete("/api/creators/" + id).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void removingAPhotoTakesItsFaceAlongAndEnrolsThePhotosStillPending() {
        long id = create("Barack Obama", photo(OBAMA), photo(OBAMA_2));
        long other = create("Angelina Jolie", photo("photos/Angelina_Jolie/df_img1.jpg"));
        long faceless = creators.photos(id).get(0).id();
        long good = creators.photos(id).get(1).id();
        // As the worker leaves an all-or-nothing enrolment that met a photo without a face.
        creators.markPhoto(faceless, "no_face", "No face found in fr_obama.jpg");

        ResponseEntity<JsonNode> removed = api.delete("/api/creators/" + id + "/photos/" + faceless);

        assertThat(removed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(removed.getBody().get("photo_id").longValue()).isEqualTo(faceless);
        UUID enrolment = UUID.fromString(removed.getBody().get("enrolment_job_id").stringValue());
        JobRunrJobs.StoredJob job = new JobRunrJobs(jdbc).byId(enrolment);
        assertThat(job.state()).isEqualTo("ENQUEUED");
        assertThat(job.isFor("EnrolCreatorHandler", "creatorId", id)).isTrue();
        assertThat(creators.photos(id)).extracting(p -> p.id()).containsExactly(good);

        creators.addEmbedding(id, axis(0), "photo", "fr_obama2.jpg", good, null, null, 0.9f);
        creators.markPhoto(good, "enrolled", null);
        ResponseEntity<JsonNode> last = api.delete("/api/creators/" + id + "/photos/" + good);

        assertThat(last.getBody().get("enrolment_job_id").isNull()).isTrue();
        assertThat(creators.photos(id)).isEmpty();
        assertThat(creators.embeddingCount(id)).isZero();
        assertError(api.delete("/api/creators/" + id + "/photos/" + good), HttpStatus.NOT_FOUND,
                "Creator " + id + " has no photo with id " + good);
        long othersPhoto = creators.photos(other).getFirst().id();
        assertError(api.delete("/api/creators/" + id + "/photos/" + othersPhoto), HttpStatus.NOT_FOUND, "no photo");
        assertThat(creators.photos(other)).hasSize(1);
        assertError(api.delete("/api/creators/999999/photos/" + othersPhoto), HttpStatus.NOT_FOUND,
                "No creator with id 999999");
    }

    private long create(String name, NamedBytes... photos) {
        ResponseEntity<JsonNode> created = api.postMultipart("/api/creators", creatorForm(name, photos));
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return created.getBody().get("creator_id").longValue();
    }

    private void assertNothingStored() {
        assertThat(jdbc.sql("SELECT count(*) FROM creators").query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM creator_photos").query(Integer.class).single()).isZero();
    }
}
