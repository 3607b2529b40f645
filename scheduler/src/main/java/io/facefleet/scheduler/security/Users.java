package io.facefleet.scheduler.security;

import io.facefleet.common.LogText;
import io.facefleet.common.store.Role;
import io.facefleet.common.store.User;
import io.facefleet.common.store.UserStore;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/** Adding, listing and removing the people who sign in to the dashboard; a password is stored only as its hash. */
public final class Users {

    static final int MIN_PASSWORD_LENGTH = 8;

    private final UserStore store;
    private final PasswordEncoder encoder;

    public Users(UserStore store) {
        this(store, passwordEncoder());
    }

    Users(UserStore store, PasswordEncoder encoder) {
        this.store = store;
        this.encoder = encoder;
    }

    /** bcrypt, stored with its id ({bcrypt}$2a$...) so that another hash can follow later. */
    static PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** 144 random bits, URL-safe: what the first admin and a new user get when nobody chose a password. */
    public static String generatePassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public void add(String name, Role role, String password) {
        if (role == Role.WORKER) {
            throw new IllegalArgumentException("A person signs in as admin, reviewer or viewer; the worker role is"
                    + " for tokens (facefleet token create --role worker)");
        }
        String checked = checkedName(name);
        if (!store.createIfAbsent(checked, encoder.encode(checkedPassword(password)), role)) {
            throw new IllegalArgumentException("There is a user " + LogText.escaped(checked)
                    + " already (facefleet user passwd to change the password)");
        }
    }

    public void changePassword(String name, String password) {
        if (!store.setPassword(name, encoder.encode(checkedPassword(password)))) {
            throw noSuchUser(name);
        }
    }

    public List<User> list() {
        return store.list();
    }

    public void remove(String name) {
        if (!store.deleteUnlessLastAdmin(name)) {
            throw store.find(name).isPresent()
                    ? new IllegalArgumentException(LogText.escaped(name) + " is the last admin: add another admin first")
                    : noSuchUser(name);
        }
    }

    private static String checkedName(String name) {
        String stripped = name == null ? "" : name.strip();
        if (stripped.isEmpty() || stripped.length() > 200 || !LogText.escaped(stripped).equals(stripped)) {
            throw new IllegalArgumentException("A user name has 1 to 200 characters and no control characters");
        }
        return stripped;
    }

    private static String checkedPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("A password has at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        return password;
    }

    private static IllegalArgumentException noSuchUser(String name) {
        return new IllegalArgumentException("There is no user " + LogText.escaped(name) + " (facefleet user list)");
    }
}
