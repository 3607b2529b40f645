package io.facefleet.scheduler.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * What a browser holds while someone uses the dashboard: its cookies (the session, the CSRF token), the sign-in form,
 * and the CSRF header the dashboard's script sends on every change.
 */
public final class DashboardSession {

    private final int port;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();

    public DashboardSession(int port) {
        this.port = port;
    }

    /** Opens the sign-in page (for the CSRF cookie) and posts its form: 204 signed in, 401 refused. */
    public HttpResponse<String> signIn(String user, String password) {
        get("/sign-in.html");
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(uri("/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", csrfToken())
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("Accept", "application/json").GET());
    }

    /** A change as the dashboard's script makes it: with the CSRF token in its header. */
    public HttpResponse<String> change(String method, String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("Accept", "application/json")
                .header("X-XSRF-TOKEN", csrfToken()).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    /** What a page on another site can make the browser send: the cookies, but not the CSRF header. */
    public HttpResponse<String> forged(String method, String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.noBody()));
    }

    /** A read, or a change with the CSRF token, as the dashboard's script sends either. */
    public HttpResponse<String> send(String method, String path) {
        return method.equals("GET") ? get(path) : change(method, path);
    }

    /** The XSRF-TOKEN cookie's value, which the page's script reads and sends back as X-XSRF-TOKEN. */
    public String csrfToken() {
        return cookies.getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals("XSRF-TOKEN")).map(HttpCookie::getValue)
                .reduce((first, last) -> last).orElseThrow(() -> new AssertionError("no XSRF-TOKEN cookie"));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
