package io.facefleet.common.db;

import org.postgresql.util.PSQLException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * A scheduler or worker started where PostgreSQL is not running, or has no Facefleet database yet, says so in a
 * line and names the command that fixes it, instead of a page of stack trace.
 */
public class DatabaseUnreachableFailureAnalyzer extends AbstractFailureAnalyzer<PSQLException> {

    private final Environment environment;

    public DatabaseUnreachableFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PSQLException cause) {
        String url = environment.getProperty("spring.datasource.url", "the configured database");
        return new FailureAnalysis(
                "PostgreSQL cannot be used at " + url + ": " + cause.getMessage().lines().findFirst().orElse(""),
                "Run './facefleet services up' to start PostgreSQL with pgvector and Redis and create the database,"
                        + " or point FACEFLEET_DB_HOST, FACEFLEET_DB_PORT, FACEFLEET_DB_NAME, FACEFLEET_DB_USER and"
                        + " FACEFLEET_DB_PASSWORD at yours. To find faces without a database: './facefleet face-api'.",
                cause);
    }
}
