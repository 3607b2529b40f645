package io.facefleet.worker.cli;

import io.facefleet.worker.api.FaceApi;
import io.facefleet.faceapi.FaceApiApplication;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

import java.util.Arrays;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** `facefleet face-api` finds faces with no PostgreSQL and no Redis to be reached. */
class FaceApiCommandTest {

    @Test
    void answersDetectWithoutADatabaseOrRedis() {
        FaceApiCommand command = new FaceApiCommand();
        new CommandLine(command).parseArgs("--port", "0", "--pack", "dev-128", "--provider", "cpu");
        // Where a database and Redis would be, nothing listens: port 1 refuses every connection.
        String[] args = Stream.concat(Arrays.stream(command.applicationArguments()), Stream.of(
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/facefleet",
                "--facefleet.redis.address=redis://127.0.0.1:1")).toArray(String[]::new);

        try (ConfigurableApplicationContext api = FaceApiApplication.start(args)) {
            FaceApi client = new FaceApi(Integer.parseInt(api.getEnvironment().getProperty("local.server.port")));

            ResponseEntity<JsonNode> group = client.uploadFixture("/detect", "groups/fr_two_people.jpg");
            ResponseEntity<JsonNode> health = client.get("/health");

            assertThat(group.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(group.getBody().get("faces")).hasSize(2);
            assertThat(group.getBody().get("faces").get(0).get("embedding")).hasSize(128);
            assertThat(health.getBody().get("model_pack").asString()).isEqualTo("dev-128");
            assertThat(health.getBody().get("execution_provider").asString()).isEqualTo("cpu");
            // Ready on the models alone: there is no database or job server to wait for.
            assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(health.getBody().get("checks").propertyNames()).containsExactly("models");
            ResponseEntity<JsonNode> ready = client.get("/readyz");
            assertThat(ready.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(ready.getBody().get("components").propertyNames())
                    .containsExactlyInAnyOrder("readinessState", "models");
        }
    }
}
