package io.facefleet.scheduler.cli;

import io.facefleet.common.store.ApiToken;
import io.facefleet.common.store.ApiTokenStore;
import io.facefleet.common.store.Role;
import io.facefleet.scheduler.security.ApiTokens;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

/** The API's bearer tokens in the database FACEFLEET_DB_* names: create (printed once), list, revoke. */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = {"Bearer tokens for the scheduler's REST API (Authorization: Bearer <token>), in the database"
                + " FACEFLEET_DB_HOST/PORT/USER/PASSWORD/NAME names. Roles: admin (everything), reviewer (review and"
                + " read), viewer (read), worker (a worker's face API only)."},
        subcommands = {TokenCommand.Create.class, TokenCommand.Listing.class, TokenCommand.Revoke.class})
public final class TokenCommand implements Callable<Integer> {

    private final CommandDatabase database;

    public TokenCommand() {
        this(System.getenv());
    }

    TokenCommand(Map<String, String> environment) {
        this.database = new CommandDatabase(environment);
    }

    @Override
    public Integer call() {
        throw new IllegalArgumentException("Say what to do: facefleet token create|list|revoke (--help)");
    }

    private <T> T withTokens(Function<ApiTokens, T> action) {
        return database.use("tokens", jdbc -> action.apply(new ApiTokens(new ApiTokenStore(jdbc))));
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Make a token and print it: this is the only time it is shown (only its hash is stored).")
    static final class Create extends TokenSubcommand {

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "admin, reviewer, viewer or worker")
        String role;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "Who or what uses it.")
        String name;

        @Override
        public Integer call() {
            ApiTokens.Issued issued = tokens.withTokens(all -> all.create(name, Role.of(role)));
            spec.commandLine().getOut().println(issued.token());
            spec.commandLine().getErr().printf("Token %d (%s, %s) created; it is shown only now.%n", issued.id(), name,
                    role);
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The tokens: id, role, name, created,"
            + " revoked.")
    static final class Listing extends TokenSubcommand {

        @Override
        public Integer call() {
            List<ApiToken> all = tokens.withTokens(ApiTokens::list);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%-6s %-9s %-30s %-22s %s%n", "id", "role", "name", "created", "revoked");
            for (ApiToken token : all) {
                out.printf("%-6d %-9s %-30s %-22s %s%n", token.id(), token.role().id(), token.name(),
                        token.createdAt().toString().substring(0, 19), token.revoked()
                                ? token.revokedAt().toString().substring(0, 19) : "-");
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a token by its id (facefleet token list); it stops working with the next request.")
    static final class Revoke extends TokenSubcommand {

        @Parameters(paramLabel = "ID")
        long id;

        @Override
        public Integer call() {
            if (!tokens.withTokens(all -> all.revoke(id))) {
                throw new IllegalArgumentException("No working token with id " + id + " (facefleet token list)");
            }
            spec.commandLine().getOut().println("Revoked token " + id);
            return 0;
        }
    }

    /** What each of the subcommands has: the tokens command above it (its database) and its own output. */
    abstract static class TokenSubcommand implements Callable<Integer> {
        @ParentCommand
        TokenCommand tokens;
        @Spec
        CommandSpec spec;
    }
}
