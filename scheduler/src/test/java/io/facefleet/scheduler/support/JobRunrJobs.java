package io.facefleet.scheduler.support;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** The jobs JobRunr stored in jobrunr_jobs, read back with plain SQL. */
public final class JobRunrJobs {

    public record StoredJob(UUID id, String state, String signature, String json) {

        public boolean isFor(String handler, String field, long value) {
            return signature.contains(handler)
                    && Pattern.compile("\"" + field + "\"\\s*:\\s*" + value + "\\b").matcher(json).find();
        }
    }

    private final JdbcClient jdbc;

    public JobRunrJobs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<StoredJob> all() {
        return jdbc.sql("SELECT id, state, jobsignature, jobasjson FROM jobrunr_jobs ORDER BY createdat")
                .query((rs, n) -> new StoredJob(UUID.fromString(rs.getString(1)), rs.getString(2), rs.getString(3),
                        rs.getString(4)))
                .list();
    }

    public List<StoredJob> processVideo(long videoId) {
        return all().stream().filter(job -> job.isFor("ProcessVideoHandler", "videoId", videoId)).toList();
    }

    public List<StoredJob> enrolCreator(long creatorId) {
        return all().stream().filter(job -> job.isFor("EnrolCreatorHandler", "creatorId", creatorId)).toList();
    }

    public List<StoredJob> rematchCreator(long creatorId) {
        return all().stream().filter(job -> job.isFor("RematchCreatorHandler", "creatorId", creatorId)).toList();
    }

    public StoredJob byId(UUID id) {
        return all().stream().filter(job -> job.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("No JobRunr job " + id));
    }
}
