package io.facefleet.scheduler.cli;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.function.Function;

/** The running scheduler a command talks to (--url, --token) and its REST calls, errors told in its words. */
final class SchedulerConnection {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Option(names = "--url", paramLabel = "URL", defaultValue = "${env:FACEFLEET_API_URL:-http://localhost:8080}",
            description = "The scheduler (FACEFLEET_API_URL). Default: http://localhost:8080.")
    String url;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:FACEFLEET_API_TOKEN}",
            description = "A bearer token (FACEFLEET_API_TOKEN).")
    String token;

    /**
     * The JSON {@code call} gets from the scheduler; its problem's detail, or why it cannot be reached, as an
     * {@link IllegalStateException}.
     *
     * @param whose   whose token it needs ("an admin's"), and {@code role} one such role, for the message when none
     *                is given
     * @param timeout how long to wait for the answer
     */
    JsonNode call(String whose, String role, Duration timeout, Function<RestClient, String> call) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("Give " + whose + " API token: --token or FACEFLEET_API_TOKEN"
                    + " (facefleet token create --role " + role + " --name me)");
        }
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory();
        requests.setReadTimeout(timeout);
        RestClient api = RestClient.builder().baseUrl(url).requestFactory(requests)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token).build();
        try {
            return JSON.readTree(call.apply(api));
        } catch (RestClientResponseException e) {
            String detail = e.getResponseBodyAsString();
            try {
                detail = JSON.readTree(detail).path("detail").asString(detail);
            } catch (RuntimeException notJson) {
                // keep the body as it came
            }
            throw new IllegalStateException("The scheduler at " + url + " answered " + e.getStatusCode().value()
                    + ": " + detail);
        } catch (ResourceAccessException e) {
            throw new IllegalStateException("Cannot reach the scheduler at " + url + " (--url, FACEFLEET_API_URL): "
                    + e.getMessage());
        }
    }
}
