package io.facefleet.scheduler.cli;

import io.facefleet.common.store.Role;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a role may do, tried for real: reading needs a viewer, a review decision a reviewer, a library scan an admin;
 * {@code GET /api/me} tells the dashboard which of them to offer.
 */
final class RoleAccess {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A signed-in browser or a bearer-token client. */
    interface Client {
        HttpResponse<String> send(String method, String path);
    }

    private RoleAccess() {
    }

    static void assertMayDo(Client client, String name, Role role) {
        JsonNode me = JSON.readTree(client.send("GET", "/api/me").body());
        assertThat(me.get("name").asString()).isEqualTo(name);
        assertThat(me.get("role").asString()).isEqualTo(role.id());
        assertThat(me.get("may_review").asBoolean()).isEqualTo(role != Role.VIEWER);
        assertThat(me.get("may_change").asBoolean()).isEqualTo(role == Role.ADMIN);
        assertThat(client.send("GET", "/api/creators").statusCode()).as(role + " reads").isEqualTo(200);
        int review = client.send("POST", "/api/review/1/confirm").statusCode();
        if (role == Role.VIEWER) {
            assertThat(review).as(role + " decides a review").isEqualTo(403);
        } else {
            assertThat(review).as(role + " decides a review").isNotIn(401, 403);
        }
        assertThat(client.send("POST", "/api/library/scan").statusCode()).as(role + " scans")
                .isEqualTo(role == Role.ADMIN ? 200 : 403);
    }
}
