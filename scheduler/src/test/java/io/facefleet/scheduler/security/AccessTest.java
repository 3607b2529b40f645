package io.facefleet.scheduler.security;

import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.common.store.Role;
import io.facefleet.scheduler.support.DashboardSession;
import io.facefleet.scheduler.support.SchedulerTest;
import io.facefleet.scheduler.support.TestCredentials;
import io.facefleet.scheduler.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may do what, over real HTTP: every route of the application's own mapping (so a new route cannot be left
 * open) without credentials, with each role's token and with the worker's; the dashboard's sign-in, its session
 * cookie and CSRF token; a token revoked while in use.
 */
@SchedulerTest
class AccessTest {

    @TempDir
    static Path library;
    private static DatabaseSettings database;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        database = TestDatabase.create("ff_access", registry, () -> library, false);
    }

    @AfterAll
    static void dropDatabase() {
        TestDatabase.drop(database);
    }

    @LocalServerPort
    int port;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;
    @Autowired
    ApiTokens tokens;

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    /**
     * The rule every route must follow: reading needs a viewer; review decisions, a search by photo and merging or
     * ignoring unknown people a reviewer; other changes an admin.
     */
    private static Role needed(String method, String path) {
        if (path.startsWith("/api/admin/")) {
            return Role.ADMIN; // changing the model pack, even its progress
        }
        if (!path.startsWith("/api/") || method.equals("GET") || method.equals("HEAD")) {
            return Role.VIEWER; // the API's data, and its description (OpenAPI, Swagger UI)
        }
        boolean reviewers = path.startsWith("/api/review/") || path.equals("/api/search")
                || path.matches("/api/unknown-people/[^/]+/(merge|ignore)");
        return method.equals("POST") && reviewers ? Role.REVIEWER : Role.ADMIN;
    }

    @Test
    void everyRouteAnswersOnlyToARoleBigEnough() throws Exception {
        Map<Role, String> tokenOf = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            tokenOf.put(role, tokens.create("access test " + role.id(), role).token());
        }
        List<String> routes = new ArrayList<>();
        for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (pattern.equals("/error")) {
                    continue; // Spring Boot's error page: open, it shows only what the failed request was refused
                }
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    routes.add(method.name() + " " + pattern.replaceAll("\\{[^}]+}", "1"));
                }
            }
        }
        assertThat(routes).as("the mapping walked").contains("GET /api/creators", "POST /api/review/1/confirm",
                "DELETE /api/creators/1", "PUT /api/config", "GET /v3/api-docs").hasSizeGreaterThan(25);

        for (String route : routes) {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1);
            Role needed = needed(method, path);

            assertThat(send(method, path, null).statusCode()).as(route + " without credentials").isEqualTo(401);
            assertThat(send(method, path, tokenOf.get(Role.WORKER)).statusCode()).as(route + " as worker")
                    .isEqualTo(403);
            for (Role role : List.of(Role.VIEWER, Role.REVIEWER, Role.ADMIN)) {
                int status = send(method, path, tokenOf.get(role)).statusCode();
                if (role.ordinal() > needed.ordinal()) { // ADMIN, REVIEWER, VIEWER: a later one is smaller
                    assertThat(status).as(route + " as " + role.id()).isEqualTo(403);
                } else {
                    assertThat(status).as(route + " as " + role.id()).isNotIn(401, 403);
                }
            }
        }
    }

    @Test
    void pagesSendABrowserWithoutASessionToTheSignInPage() throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(uri("/")).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/sign-in.html"));
        assertThat(send("GET", "/sign-in.html", null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/ui/app.js", null).statusCode()).isEqualTo(401);
    }

    @Test
    void aSignedInBrowserChangesThingsOnlyWithTheCsrfToken() {
        DashboardSession browser = new DashboardSession(port);
        assertThat(browser.signIn("admin", "wrong password").statusCode()).isEqualTo(401);
        HttpResponse<String> signedIn = browser.signIn("admin", TestCredentials.ADMIN_PASSWORD);
        assertThat(signedIn.statusCode()).isEqualTo(204);
        assertThat(signedIn.headers().allValues("Set-Cookie")).anySatisfy(cookie ->
                assertThat(cookie).startsWith("JSESSIONID=").containsIgnoringCase("SameSite=Strict").contains("HttpOnly"));

        assertThat(browser.get("/api/creators").statusCode()).isEqualTo(200); // the session cookie
        HttpResponse<String> crossSite = browser.forged("POST", "/api/library/scan");
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(crossSite.body()).contains("CSRF");

        assertThat(browser.change("POST", "/api/library/scan").statusCode()).isEqualTo(200);
    }

    @Test
    void aRevokedTokenStopsWorkingAtOnce() throws Exception {
        ApiTokens.Issued viewer = tokens.create("revoked at once", Role.VIEWER);
        assertThat(send("GET", "/api/creators", viewer.token()).statusCode()).isEqualTo(200);

        assertThat(tokens.revoke(viewer.id())).isTrue();

        HttpResponse<String> after = send("GET", "/api/creators", viewer.token());
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(after.body()).contains("Unknown or revoked token");
    }

    @Test
    void meTellsATokenItsNameAndWhatItsRoleMayDo() throws Exception {
        String reviewer = tokens.create("review bot", Role.REVIEWER).token();

        HttpResponse<String> me = send("GET", "/api/me", reviewer);

        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).isEqualTo("{\"name\":\"token:review bot\",\"role\":\"reviewer\",\"may_review\":true,"
                + "\"may_change\":false}");
        assertThat(send("GET", "/api/me", null).statusCode()).isEqualTo(401);
    }

    /** A request as an API client sends it (JSON wanted), with this bearer token or none. */
    private HttpResponse<String> send(String method, String path, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
