package io.facefleet.scheduler.bench;

import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.List;

/**
 * What JobRunr recorded for the succeeded jobs of one kind: how long each waited between being enqueued and
 * starting (latency) and how long it ran (process), from the SUCCEEDED state in jobrunr_jobs.
 */
record JobTimings(List<Duration> latencies, List<Duration> processing) {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    static JobTimings read(JdbcClient jdbc, String jobSignaturePrefix) {
        List<JsonNode> succeeded = jdbc.sql("SELECT jobasjson FROM jobrunr_jobs WHERE state = 'SUCCEEDED' AND jobsignature LIKE ?")
                .param(jobSignaturePrefix + "%").query(String.class).list().stream()
                .map(JSON::readTree)
                .map(job -> job.get("jobHistory").get(job.get("jobHistory").size() - 1))
                .toList();
        return new JobTimings(succeeded.stream().map(state -> duration(state.get("latencyDuration"))).toList(),
                succeeded.stream().map(state -> duration(state.get("processDuration"))).toList());
    }

    private static Duration duration(JsonNode value) {
        if (value == null || value.isNull()) {
            return Duration.ZERO;
        }
        if (value.isNumber()) {
            return Duration.ofNanos((long) (value.asDouble() * 1e9));
        }
        return Duration.parse(value.asString());
    }

    static double meanSeconds(List<Duration> durations) {
        return durations.stream().mapToDouble(d -> d.toNanos() / 1e9).average().orElse(Double.NaN);
    }
}
