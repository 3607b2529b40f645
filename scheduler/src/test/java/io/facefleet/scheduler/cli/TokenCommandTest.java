package io.facefleet.scheduler.cli;

import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.common.store.Role;
import io.facefleet.scheduler.support.SchedulerTest;
import io.facefleet.scheduler.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every option of {@code facefleet token create|list|revoke}, read back from a running scheduler: the token works
 * with the role and name asked for, the list shows it, and a revoked one stops with the next request.
 */
@SchedulerTest
class TokenCommandTest {

    @TempDir
    static Path library;
    private static DatabaseSettings database;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        database = TestDatabase.create("ff_tokens", registry, () -> library, false);
    }

    @AfterAll
    static void dropDatabase() {
        TestDatabase.drop(database);
    }

    @LocalServerPort
    int port;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void createGivesATokenOfTheRoleAndNameAsked() {
        for (Role role : Role.values()) {
            String name = "bot " + role.id();
            CommandRun created = token("create", "--role", role.id(), "--name", name).succeeded();
            assertThat(created.err()).containsPattern("Token \\d+ \\(" + name + ", " + role.id() + "\\) created");
            String token = created.out().strip();
            assertThat(token).startsWith("ff_");
            if (role == Role.WORKER) {
                assertThat(send(token, "GET", "/api/me").statusCode()).as("a worker token here").isEqualTo(403);
            } else {
                RoleAccess.assertMayDo((method, path) -> send(token, method, path), "token:" + name, role);
            }
        }
        token("create", "--role", "viewer").refused("Missing required option: '--name=NAME'");
        token("create", "--role", "owner", "--name", "x").refused("Unknown role 'owner'");
        token("create", "--role", "viewer", "--name", " ").refused("A token needs a name of 1 to 200 characters");
    }

    @Test
    void listShowsEachTokenAndWhenItWasRevoked() {
        long id = id(token("create", "--role", "reviewer", "--name", "listed bot").succeeded());

        CommandRun before = token("list").succeeded();

        assertThat(before.out().lines().findFirst()).hasValueSatisfying(header ->
                assertThat(header.split(" +")).containsExactly("id", "role", "name", "created", "revoked"));
        assertThat(before.out())
                .containsPattern("(?m)^" + id + " +reviewer +listed bot +\\d{4}-\\d\\d-\\d\\dT[0-9:]{8} +-$");
        token("revoke", String.valueOf(id)).succeeded();
        assertThat(token("list").out())
                .containsPattern("(?m)^" + id + " +reviewer +listed bot +\\S+ +\\d{4}-\\d\\d-\\d\\dT[0-9:]{8}$");
    }

    @Test
    void revokeStopsTheTokenWithTheNextRequest() {
        CommandRun created = token("create", "--role", "admin", "--name", "revoked bot").succeeded();
        String token = created.out().strip();
        long id = id(created);
        RoleAccess.assertMayDo((method, path) -> send(token, method, path), "token:revoked bot", Role.ADMIN);

        CommandRun revoked = token("revoke", String.valueOf(id)).succeeded();

        assertThat(revoked.out()).contains("Revoked token " + id);
        assertThat(send(token, "GET", "/api/creators").statusCode()).isEqualTo(401);
        token("revoke", String.valueOf(id)).refused("No working token with id " + id);
        token("revoke", "seven").refused("Invalid value for positional parameter at index 0 (ID): 'seven'");
    }

    private static long id(CommandRun created) {
        return Long.parseLong(created.err().replaceAll("(?s).*Token (\\d+) .*", "$1"));
    }

    private static CommandRun token(String... args) {
        return CommandRun.of(new TokenCommand(database.environment()), args);
    }

    private HttpResponse<String> send(String token, String method, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Accept", "application/json").header("Authorization", "Bearer " + token)
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
