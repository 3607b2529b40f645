package io.facefleet.common.store;

import java.util.Arrays;
import java.util.Locale;

/**
 * What a signed-in person or a token may do: an admin everything, a reviewer review and read, a viewer read only; a
 * worker token opens a worker's face API and nothing on the scheduler.
 */
public enum Role {
    ADMIN, REVIEWER, VIEWER, WORKER;

    /** The name stored and typed on the command line: {@code admin}, {@code reviewer}, … */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role of(String id) {
        return Arrays.stream(values()).filter(role -> role.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown role '" + id + "': one of admin, reviewer,"
                        + " viewer, worker"));
    }
}
