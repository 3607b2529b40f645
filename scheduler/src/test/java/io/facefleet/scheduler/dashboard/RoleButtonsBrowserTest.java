package io.facefleet.scheduler.dashboard;

import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.common.store.Role;
import io.facefleet.common.store.UserStore;
import io.facefleet.scheduler.security.Users;
import io.facefleet.scheduler.support.Browser;
import io.facefleet.scheduler.support.SchedulerTest;
import io.facefleet.scheduler.support.TestCredentials;
import io.facefleet.scheduler.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In a real headless Chromium: the dashboard offers each role only the buttons it may use (from GET /api/me), for a
 * viewer, a reviewer and the admin.
 */
@SchedulerTest
class RoleButtonsBrowserTest {

    private static final Duration UI = Duration.ofSeconds(15);
    /** The buttons and forms only an admin may use, by page. */
    private static final Map<String, List<String>> ADMIN_ONLY = Map.of(
            "videos", List.of("#scan-button", "#retry-failed-button"),
            "creators", List.of("#add-creator"),
            "settings", List.of("#save-settings"));

    @TempDir
    static Path library;
    private static DatabaseSettings database;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        database = TestDatabase.create("ff_role_buttons", registry, () -> library, false);
    }

    @AfterAll
    static void dropDatabase() {
        TestDatabase.drop(database);
    }

    @LocalServerPort
    int port;
    @Autowired
    UserStore userStore;

    @Test
    void eachRoleSeesOnlyTheButtonsItMayUse() {
        Users users = new Users(userStore);
        users.add("vera", Role.VIEWER, "vera's password");
        users.add("rita", Role.REVIEWER, "rita's password");

        assertButtons("vera", "vera's password", Role.VIEWER);
        assertButtons("rita", "rita's password", Role.REVIEWER);
        assertButtons("admin", TestCredentials.ADMIN_PASSWORD, Role.ADMIN);
    }

    private void assertButtons(String name, String password, Role role) {
        try (Browser browser = Browser.start("http://localhost:" + port, Path.of("target", "screenshots"))) {
            browser.signIn(name, password);
            browser.waitFor(UI, "the role from /api/me", d -> role.id().equals(browser.script(
                    "return document.body.dataset.role")));
            assertThat(browser.find("#signed-in-as").getText()).isEqualTo(name + " (" + role.id() + ")");
            for (Map.Entry<String, List<String>> page : ADMIN_ONLY.entrySet()) {
                browser.open(page.getKey());
                for (String css : page.getValue()) {
                    assertThat(browser.driver().findElement(By.cssSelector(css)).isDisplayed())
                            .as(css + " on " + page.getKey() + " for " + role.id()).isEqualTo(role == Role.ADMIN);
                }
            }
            browser.screenshot("role-" + role.id());
            // The review page's buttons need faces to review: the rule they follow, on a button of that class.
            browser.script("const b = document.createElement('button'); b.id = 'probe'; b.className = 'needs-reviewer';"
                    + " b.textContent = 'Confirm'; document.getElementById('main').append(b);");
            assertThat(browser.find("#probe").isDisplayed()).as("a reviewer's button for " + role.id())
                    .isEqualTo(role != Role.VIEWER);
        }
    }
}
