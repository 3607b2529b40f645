package io.facefleet.scheduler.cli;

import io.facefleet.common.db.DatabaseSettings;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.util.Map;
import java.util.function.Function;

/**
 * The database FACEFLEET_DB_HOST/PORT/USER/PASSWORD/NAME names, for the commands that manage what the scheduler
 * keeps there (tokens, users) without starting it.
 */
final class CommandDatabase {

    private final DatabaseSettings settings;

    CommandDatabase(Map<String, String> environment) {
        this.settings = DatabaseSettings.fromEnvironment(environment);
    }

    /** Runs {@code action} on the database; {@code what} names what was used, for the message when it is not there. */
    <T> T use(String what, Function<JdbcClient, T> action) {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(settings.jdbcUrl(), settings.user(),
                settings.password());
        try {
            return action.apply(JdbcClient.create(dataSource));
        } catch (DataAccessException e) {
            throw new IllegalStateException("Cannot use the " + what + " of database " + settings.database() + " on "
                    + settings.host() + ":" + settings.port() + " (is it up, and has the scheduler started on it"
                    + " once?): " + e.getMostSpecificCause().getMessage(), e);
        }
    }
}
