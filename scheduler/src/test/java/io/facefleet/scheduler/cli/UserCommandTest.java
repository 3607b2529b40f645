package io.facefleet.scheduler.cli;

import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.common.store.Role;
import io.facefleet.common.store.User;
import io.facefleet.common.store.UserStore;
import io.facefleet.scheduler.support.DashboardSession;
import io.facefleet.scheduler.support.SchedulerTest;
import io.facefleet.scheduler.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code facefleet user add|passwd|list|remove} against the database of a running scheduler, as an operator runs
 * them beside it; each change is checked by signing in to the dashboard as the user and using what their role
 * allows, and nothing more.
 */
@SchedulerTest
class UserCommandTest {

    @TempDir
    static Path library;
    private static DatabaseSettings database;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        database = TestDatabase.create("ff_users", registry, () -> library, false);
    }

    @AfterAll
    static void dropDatabase() {
        TestDatabase.drop(database);
    }

    @LocalServerPort
    int port;
    @Autowired
    UserStore users;

    @Test
    void addedUsersSignInWithTheRoleTheyWereGiven() {
        CommandRun viewer = user("", "add", "vera", "--role", "viewer");
        assertThat(viewer.exit()).as(viewer.err()).isZero();
        assertThat(viewer.err()).contains("User vera (viewer) added.");
        String generated = viewer.out().strip();
        assertThat(generated).hasSize(24).doesNotContain(" ");
        CommandRun reviewer = user("rita's password\n", "add", "rita", "--role", "reviewer", "--password-stdin");
        assertThat(reviewer.exit()).as(reviewer.err()).isZero();
        assertThat(reviewer.out()).as("a password of one's own is not printed").isEmpty();
        assertThat(user("adam's password", "add", "adam", "--role", "admin", "--password-stdin").exit()).isZero();

        assertMayDo(signedIn("vera", generated), "vera", Role.VIEWER);
        assertMayDo(signedIn("rita", "rita's password"), "rita", Role.REVIEWER);
        assertMayDo(signedIn("adam", "adam's password"), "adam", Role.ADMIN);
        assertThat(new DashboardSession(port).signIn("vera", "rita's password").statusCode()).isEqualTo(401);

        user("", "add", "vera", "--role", "admin").refused("There is a user vera already");
        user("", "add", "walt", "--role", "worker").refused("the worker role is for tokens");
        user("", "add", "olga", "--role", "owner").refused("Unknown role 'owner'");
        user("short\n", "add", "sid", "--role", "viewer", "--password-stdin").refused("at least 8 characters");
        user("a password\n", "add", "line\nbreak", "--role", "viewer", "--password-stdin")
                .refused("no control characters");
        assertThat(users.find("walt")).isEmpty();
        assertThat(users.find("sid")).isEmpty();
    }

    @Test
    void passwdReplacesThePasswordAndEndsSessionsSignedInWithTheOldOne() {
        assertThat(user("first password\n", "add", "paul", "--role", "viewer", "--password-stdin").exit()).isZero();
        DashboardSession before = signedIn("paul", "first password");

        CommandRun chosen = user("second password\n", "passwd", "paul", "--password-stdin");
        assertThat(chosen.exit()).as(chosen.err()).isZero();
        assertThat(before.get("/api/creators").statusCode()).as("the session of the old password").isEqualTo(401);
        assertThat(new DashboardSession(port).signIn("paul", "first password").statusCode()).isEqualTo(401);
        assertMayDo(signedIn("paul", "second password"), "paul", Role.VIEWER);

        CommandRun generated = user("", "passwd", "paul");
        assertThat(generated.exit()).as(generated.err()).isZero();
        assertThat(generated.err()).contains("New password for paul.");
        assertMayDo(signedIn("paul", generated.out().strip()), "paul", Role.VIEWER);

        user("", "passwd", "nobody").refused("There is no user nobody (facefleet user list)");
        user("1234567\n", "passwd", "paul", "--password-stdin").refused("at least 8 characters");
    }

    @Test
    void listShowsEveryUserWithTheirRole() {
        assertThat(user("lena's password\n", "add", "lena", "--role", "reviewer", "--password-stdin").exit()).isZero();

        CommandRun list = user("", "list");

        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out().lines().findFirst()).hasValueSatisfying(header ->
                assertThat(header.split(" +")).containsExactly("name", "role", "created"));
        for (User user : users.list()) {
            assertThat(list.out()).containsPattern("(?m)^" + user.name() + " +" + user.role().id() + " +\\d{4}-");
        }
        assertThat(list.out()).containsPattern("(?m)^admin +admin ").containsPattern("(?m)^lena +reviewer ");
        assertMayDo(signedIn("lena", "lena's password"), "lena", Role.REVIEWER);
    }

    @Test
    void removeEndsSignInAndOpenSessionsButKeepsTheLastAdmin() {
        assertThat(user("rex's password\n", "add", "rex", "--role", "reviewer", "--password-stdin").exit()).isZero();
        DashboardSession open = signedIn("rex", "rex's password");

        CommandRun removed = user("", "remove", "rex");

        assertThat(removed.exit()).as(removed.err()).isZero();
        assertThat(removed.out()).contains("Removed user rex");
        assertThat(open.get("/api/creators").statusCode()).as("the session of a removed user").isEqualTo(401);
        assertThat(new DashboardSession(port).signIn("rex", "rex's password").statusCode()).isEqualTo(401);
        assertThat(user("", "list").out()).doesNotContainPattern("(?m)^rex ");
        user("", "remove", "rex").refused("There is no user rex");

        for (User admin : users.list()) {
            if (admin.role() == Role.ADMIN && !admin.name().equals("admin")) {
                assertThat(user("", "remove", admin.name()).exit()).isZero();
            }
        }
        user("", "remove", "admin").refused("admin is the last admin: add another admin first");
        assertThat(users.find("admin")).isPresent();
    }

    private DashboardSession signedIn(String name, String password) {
        DashboardSession session = new DashboardSession(port);
        assertThat(session.signIn(name, password).statusCode()).as("signing in as " + name).isEqualTo(204);
        return session;
    }

    private static void assertMayDo(DashboardSession session, String name, Role role) {
        RoleAccess.assertMayDo(session::send, name, role);
    }

    private static CommandRun user(String stdin, String... args) {
        return CommandRun.of(new UserCommand(database.environment(),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))), args);
    }
}
