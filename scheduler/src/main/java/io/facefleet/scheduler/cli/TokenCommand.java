package io.facefleet.scheduler.cli;

import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.common.store.ApiToken;
import io.facefleet.common.store.ApiTokenStore;
import io.facefleet.common.store.Role;
import io.facefleet.scheduler.security.ApiTokens;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;

/** The API's bearer tokens in the database FACEFLEET_DB_* names: create (printed once), list, revoke. */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = {"Bearer tokens for the scheduler's REST API (Authorization: Bearer <token>), in the database"
                + " FACEFLEET_DB_HOST/PORT/USER/PASSWORD/NAME names. Roles: admin (everything), reviewer (review and"
                + " read), viewer (read), worker (a worker's face API only)."},
        subcommands = {TokenCommand.Create.class, TokenCommand.Listing.class, TokenCommand.Revoke.class})
public final class TokenCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new IllegalArgumentException("Say what to do: facefleet token create|list|revoke (--help)");
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Make a token and print it: this is the only time it is shown (only its hash is stored).")
    static final class Create implements Callable<Integer> {
        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "admin, reviewer, viewer or worker")
        String role;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "Who or what uses it.")
        String name;

        @Override
        public Integer call() {
            ApiTokens.Issued issued = withTokens(tokens -> tokens.create(name, Role.of(role)));
            System.out.println(issued.token());
            System.err.printf("Token %d (%s, %s) created; it is shown only now.%n", issued.id(), name, role);
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The tokens: id, role, name, created,"
            + " revoked.")
    static final class Listing implements Callable<Integer> {
        @Override
        public Integer call() {
            List<ApiToken> all = withTokens(ApiTokens::list);
            System.out.printf("%-6s %-9s %-30s %-22s %s%n", "id", "role", "name", "created", "revoked");
            for (ApiToken token : all) {
                System.out.printf("%-6d %-9s %-30s %-22s %s%n", token.id(), token.role().id(), token.name(),
                        token.createdAt().toString().substring(0, 19), token.revoked()
                                ? token.revokedAt().toString().substring(0, 19) : "-");
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a token by its id (facefleet token list); it stops working with the next request.")
    static final class Revoke implements Callable<Integer> {
        @Parameters(paramLabel = "ID")
        long id;

        @Override
        public Integer call() {
            if (!withTokens(tokens -> tokens.revoke(id))) {
                throw new IllegalArgumentException("No working token with id " + id + " (facefleet token list)");
            }
            System.out.println("Revoked token " + id);
            return 0;
        }
    }

    private static <T> T withTokens(Function<ApiTokens, T> action) {
        DatabaseSettings db = DatabaseSettings.fromEnvironment();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(db.jdbcUrl(), db.user(), db.password());
        try {
            return action.apply(new ApiTokens(new ApiTokenStore(JdbcClient.create(dataSource))));
        } catch (DataAccessException e) {
            throw new IllegalStateException("Cannot use the tokens of database " + db.database() + " on " + db.host()
                    + ":" + db.port() + " (is it up, and has the scheduler started on it once?): "
                    + e.getMostSpecificCause().getMessage(), e);
        }
    }
}
