package io.facefleet.scheduler.security;

import io.facefleet.common.store.Role;
import io.facefleet.common.store.UserStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The user {@code admin}. With {@code FACEFLEET_ADMIN_PASSWORD} set, its password is that (at every start, so
 * changing the variable changes the password); without, a password is made up when the database has no user yet and
 * printed this once. Either way only its bcrypt hash is stored.
 */
@Component
class FirstAdmin implements ApplicationRunner {

    static final String NAME = "admin";
    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

    private final UserStore users;
    private final PasswordEncoder encoder;
    private final String configured;

    FirstAdmin(UserStore users, PasswordEncoder encoder,
               @Value("${facefleet.security.admin-password:}") String configured) {
        this.users = users;
        this.encoder = encoder;
        this.configured = configured;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!configured.isEmpty()) {
            if (!users.createIfAbsent(NAME, encoder.encode(configured), Role.ADMIN)) {
                users.setPassword(NAME, encoder.encode(configured));
            }
            return;
        }
        if (users.any()) {
            return;
        }
        String password = Users.generatePassword();
        if (users.createIfAbsent(NAME, encoder.encode(password), Role.ADMIN)) {
            log.warn("Created the dashboard's first user: '{}' with password {} (shown this once; set"
                    + " FACEFLEET_ADMIN_PASSWORD to choose it)", NAME, password);
        }
    }
}
