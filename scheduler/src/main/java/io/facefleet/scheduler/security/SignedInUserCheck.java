package io.facefleet.scheduler.security;

import io.facefleet.common.store.Role;
import io.facefleet.common.store.User;
import io.facefleet.common.store.UserStore;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.io.Serializable;
import java.util.Optional;

/**
 * Ends a dashboard session whose user was removed, or given another role or password, since signing in
 * ({@code facefleet user remove|passwd} run beside the scheduler): one look-up by name per request that has a
 * session, so that such a change takes effect at once, as a revoked token does.
 */
final class SignedInUserCheck extends OncePerRequestFilter {

    private static final String SIGNED_IN = SignedInUserCheck.class.getName();

    private final UserStore users;

    SignedInUserCheck(UserStore users) {
        this.users = users;
    }

    /** What the session was signed in as; called once the password was checked. */
    void signedIn(HttpServletRequest request, String name) {
        users.find(name).ifPresent(user -> request.getSession().setAttribute(SIGNED_IN, SignedIn.of(user)));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(SIGNED_IN) instanceof SignedIn signedIn
                && !signedIn.matches(users.find(signedIn.name()))) {
            session.invalidate();
            SecurityContextHolder.clearContext();
        }
        chain.doFilter(request, response);
    }

    private record SignedIn(long id, String name, Role role, String passwordHash) implements Serializable {
        static SignedIn of(User user) {
            return new SignedIn(user.id(), user.name(), user.role(), user.passwordHash());
        }

        boolean matches(Optional<User> now) {
            return now.map(SignedIn::of).filter(this::equals).isPresent();
        }
    }
}
