package io.facefleet.scheduler.security;

import io.facefleet.common.store.Role;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who is asking: the signed-in user (or {@code token:NAME}), the role, and what the role may do by the rules of
 * {@link SecurityConfiguration}, for the dashboard to offer only that. The scheduler refuses the rest anyway.
 */
@RestController
class MeController {

    /**
     * @param mayReview decide on review entries (a reviewer or an admin)
     * @param mayChange add, change and delete creators, videos, settings; scan the library (an admin)
     */
    record Me(String name, String role, boolean mayReview, boolean mayChange) {
    }

    private final RoleHierarchy roles;

    MeController(RoleHierarchy roles) {
        this.roles = roles;
    }

    @GetMapping("/api/me")
    Me me(Authentication authentication) {
        Set<String> reachable = roles.getReachableGrantedAuthorities(authentication.getAuthorities()).stream()
                .map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
        Role role = Arrays.stream(Role.values()).filter(r -> authentication.getAuthorities().stream()
                        .anyMatch(a -> a.getAuthority().equals("ROLE_" + r.name())))
                .findFirst().orElseThrow(() -> new IllegalStateException(authentication.getName() + " has no role"));
        return new Me(authentication.getName(), role.id(), reachable.contains("ROLE_REVIEWER"),
                reachable.contains("ROLE_ADMIN"));
    }
}
