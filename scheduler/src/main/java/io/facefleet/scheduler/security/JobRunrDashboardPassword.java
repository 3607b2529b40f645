package io.facefleet.scheduler.security;

import org.slf4j.LoggerFactory;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * JobRunr's dashboard (its own server on {@code jobrunr.dashboard.port}) asks for a user name and password (HTTP
 * Basic): {@code FACEFLEET_JOBRUNR_DASHBOARD_PASSWORD}, or else one made up at each start and logged once it runs.
 */
public final class JobRunrDashboardPassword implements EnvironmentPostProcessor, Ordered {

    static final String PASSWORD = "jobrunr.dashboard.password";
    private static final String GENERATED = "facefleet.security.jobrunr-password-generated";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getProperty(PASSWORD, "").isEmpty()) { // even where it is off: a test may turn it on later
            environment.getPropertySources().addFirst(new MapPropertySource("facefleet-jobrunr-dashboard",
                    Map.of(PASSWORD, Users.generatePassword(), GENERATED, true)));
            application.addListeners(new Announcement());
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after application.yml and the command line are read
    }

    private static final class Announcement implements ApplicationListener<ApplicationReadyEvent> {
        @Override
        public void onApplicationEvent(ApplicationReadyEvent event) {
            var environment = event.getApplicationContext().getEnvironment();
            if (environment.getProperty(GENERATED, Boolean.class, false)
                    && environment.getProperty("jobrunr.dashboard.enabled", Boolean.class, false)) {
                LoggerFactory.getLogger(JobRunrDashboardPassword.class).warn("JobRunr's dashboard on port {}: user"
                                + " '{}', password {} (made up for this run; set FACEFLEET_JOBRUNR_DASHBOARD_PASSWORD to"
                                + " choose it)", environment.getProperty("jobrunr.dashboard.port"),
                        environment.getProperty("jobrunr.dashboard.username"), environment.getProperty(PASSWORD));
            }
        }
    }
}
