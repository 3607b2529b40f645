package io.facefleet.scheduler.support;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole scheduler over real Tomcat and a real PostgreSQL database of the test class's own (see
 * {@link TestDatabase}), with the dev-512 pack's manifest. The context is closed after the class, whose database
 * is dropped; the JobRunr dashboard stays off unless a test turns it on. The passwords and an admin token are
 * {@link TestCredentials}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"facefleet.model-pack=dev-512", "jobrunr.dashboard.enabled=false",
                "facefleet.security.admin-password=" + TestCredentials.ADMIN_PASSWORD,
                "jobrunr.dashboard.password=" + TestCredentials.JOBRUNR_PASSWORD})
@Import(TestCredentials.class)
@DirtiesContext
public @interface SchedulerTest {
}
