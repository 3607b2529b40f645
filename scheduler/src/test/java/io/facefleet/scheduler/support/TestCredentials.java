package io.facefleet.scheduler.support;

import io.facefleet.common.store.Role;
import io.facefleet.scheduler.security.ApiTokens;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The credentials of a scheduler under test: the dashboard's admin password and JobRunr's (set by
 * {@link SchedulerTest}), and an admin API token made for each scheduler as its web server starts, which
 * {@link SchedulerApi#SchedulerApi(int)} sends.
 */
public final class TestCredentials implements ApplicationListener<WebServerInitializedEvent> {

    public static final String ADMIN_PASSWORD = "test-admin-password";
    public static final String JOBRUNR_PASSWORD = "test-jobrunr-password";

    private static final Map<Integer, String> ADMIN_TOKENS = new ConcurrentHashMap<>();

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        ApiTokens tokens = event.getApplicationContext().getBean(ApiTokens.class);
        ADMIN_TOKENS.put(event.getWebServer().getPort(), tokens.create("test admin", Role.ADMIN).token());
    }

    public static String adminToken(int port) {
        String token = ADMIN_TOKENS.get(port);
        if (token == null) {
            throw new IllegalStateException("No scheduler under test on port " + port + " (is the class @SchedulerTest?)");
        }
        return token;
    }
}
