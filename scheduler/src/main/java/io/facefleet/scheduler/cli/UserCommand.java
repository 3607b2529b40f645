package io.facefleet.scheduler.cli;

import io.facefleet.common.store.Role;
import io.facefleet.common.store.User;
import io.facefleet.common.store.UserStore;
import io.facefleet.scheduler.security.Users;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/** The people who sign in to the dashboard, in the database FACEFLEET_DB_* names: add, passwd, list, remove. */
@Command(name = "user", mixinStandardHelpOptions = true,
        description = {"The people who sign in to the dashboard, in the database FACEFLEET_DB_HOST/PORT/USER/PASSWORD/"
                + "NAME names. Roles: admin (everything), reviewer (review and read), viewer (read). Passwords are"
                + " stored only as their bcrypt hash."},
        subcommands = {UserCommand.Add.class, UserCommand.Passwd.class, UserCommand.Listing.class,
                UserCommand.Remove.class})
public final class UserCommand implements Callable<Integer> {

    private final CommandDatabase database;
    private final InputStream stdin;

    public UserCommand() {
        this(System.getenv(), System.in);
    }

    UserCommand(Map<String, String> environment, InputStream stdin) {
        this.database = new CommandDatabase(environment);
        this.stdin = stdin;
    }

    @Override
    public Integer call() {
        throw new IllegalArgumentException("Say what to do: facefleet user add|passwd|list|remove (--help)");
    }

    private <T> T withUsers(Function<Users, T> action) {
        return database.use("users", jdbc -> action.apply(new Users(new UserStore(jdbc))));
    }

    private void change(Consumer<Users> change) {
        withUsers(users -> {
            change.accept(users);
            return null;
        });
    }

    /** The first line of standard input. */
    private String passwordFromStdin() {
        try {
            String line = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
            if (line == null) {
                throw new IllegalArgumentException("--password-stdin: standard input is empty");
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The option that add and passwd share. */
    static final class PasswordSource {
        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input"
                + " (at least 8 characters) instead of making one up and printing it.")
        boolean fromStdin;

        /** Stores the password with {@code change}; one made up here is printed then, the only time it is shown. */
        void store(UserCommand users, CommandSpec spec, BiConsumer<Users, String> change) {
            String password = fromStdin ? users.passwordFromStdin() : Users.generatePassword();
            users.change(all -> change.accept(all, password));
            if (!fromStdin) {
                spec.commandLine().getOut().println(password);
            }
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add a user. Without --password-stdin a password is made up and printed: this is the only"
                    + " time it is shown.")
    static final class Add extends UserSubcommand {

        @Parameters(paramLabel = "NAME", description = "The name to sign in with.")
        String name;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "admin, reviewer or viewer")
        String role;

        @Mixin
        PasswordSource source = new PasswordSource();

        @Override
        public Integer call() {
            Role chosen = Role.of(role);
            source.store(users, spec, (all, password) -> all.add(name, chosen, password));
            spec.commandLine().getErr().printf("User %s (%s) added.%n", name.strip(), chosen.id());
            return 0;
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true,
            description = "Give a user a new password: made up and printed, or read with --password-stdin. Signing in"
                    + " with the old one stops working at once.")
    static final class Passwd extends UserSubcommand {

        @Parameters(paramLabel = "NAME")
        String name;

        @Mixin
        PasswordSource source = new PasswordSource();

        @Override
        public Integer call() {
            source.store(users, spec, (all, password) -> all.changePassword(name, password));
            spec.commandLine().getErr().printf("New password for %s.%n", name);
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The users: name, role, created.")
    static final class Listing extends UserSubcommand {

        @Override
        public Integer call() {
            List<User> all = users.withUsers(Users::list);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%-30s %-9s %s%n", "name", "role", "created");
            for (User user : all) {
                out.printf("%-30s %-9s %s%n", user.name(), user.role().id(),
                        user.createdAt().toString().substring(0, 19));
            }
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Remove a user (not the last admin). Signing in as them stops working at once.")
    static final class Remove extends UserSubcommand {

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            users.change(all -> all.remove(name));
            spec.commandLine().getOut().println("Removed user " + name);
            return 0;
        }
    }

    /** What each of the subcommands has: the users command above it (its database) and its own output. */
    abstract static class UserSubcommand implements Callable<Integer> {
        @ParentCommand
        UserCommand users;
        @Spec
        CommandSpec spec;
    }
}
