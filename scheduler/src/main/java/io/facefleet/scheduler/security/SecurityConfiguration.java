package io.facefleet.scheduler.security;

import io.facefleet.common.store.ApiTokenStore;
import io.facefleet.common.store.UserStore;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may do what on the scheduler. People sign in to the dashboard (a session cookie, SameSite=Strict, and a CSRF
 * token on every state-changing call); programs send {@code Authorization: Bearer <token>}. A viewer reads, a
 * reviewer also decides on review entries, an admin does everything; a worker token opens nothing here. Only the
 * sign-in page and the liveness and readiness probes are open.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    private static final String[] OPEN = {AuthProblems.SIGN_IN_PAGE, "/ui/sign-in.js", "/ui/api.js", "/ui/style.css",
            "/ui/icon.svg", "/error", "/livez", "/readyz", "/actuator/health/liveness", "/actuator/health/readiness"};

    @Bean
    SecurityFilterChain security(HttpSecurity http, ApiTokens tokens, UserStore users) throws Exception {
        AuthProblems problems = new AuthProblems();
        SignedInUserCheck signedInUsers = new SignedInUserCheck(users);
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers(OPEN).permitAll()
                        .requestMatchers("/actuator/**", "/api/admin/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/**").hasRole("VIEWER")
                        .requestMatchers(HttpMethod.HEAD, "/api/**").hasRole("VIEWER")
                        .requestMatchers(HttpMethod.POST, "/api/review/**").hasRole("REVIEWER")
                        // searching faces by photo is a biometric search of everyone in the library: not for viewers
                        .requestMatchers(HttpMethod.POST, "/api/search").hasRole("REVIEWER")
                        .requestMatchers(HttpMethod.POST, "/api/unknown-people/*/merge", "/api/unknown-people/*/ignore")
                            .hasRole("REVIEWER")
                        .requestMatchers("/api/**").hasRole("ADMIN")
                        .anyRequest().hasRole("VIEWER")) // the dashboard's pages, OpenAPI and Swagger UI
                .addFilterBefore(new BearerTokenFilter(tokens, problems), UsernamePasswordAuthenticationFilter.class)
                .addFilterAfter(signedInUsers, SecurityContextHolderFilter.class)
                .formLogin(form -> form.loginPage(AuthProblems.SIGN_IN_PAGE).loginProcessingUrl("/sign-in")
                        .successHandler((request, response, authentication) -> {
                            signedInUsers.signedIn(request, authentication.getName());
                            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
                        })
                        .failureHandler((request, response, e) -> problems.write(request, response,
                                HttpServletResponse.SC_UNAUTHORIZED, "Wrong user name or password"))
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/sign-out").logoutSuccessHandler((request, response, auth) ->
                        response.setStatus(HttpServletResponse.SC_NO_CONTENT)))
                .csrf(csrf -> csrf.spa().csrfTokenRepository(csrfCookie())
                        // A bearer token is never sent by a browser on its own, so a cross-site page cannot use one.
                        .ignoringRequestMatchers(BearerTokenFilter::carriesToken))
                .addFilterAfter(new CsrfCookie(), CsrfFilter.class)
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems));
        return http.build();
    }

    private static CookieCsrfTokenRepository csrfCookie() {
        CookieCsrfTokenRepository repository = CookieCsrfTokenRepository.withHttpOnlyFalse();
        repository.setCookieCustomizer(cookie -> cookie.sameSite("Strict"));
        return repository;
    }

    /** Sets the XSRF-TOKEN cookie on every answer, for the dashboard's script to send back as X-XSRF-TOKEN. */
    private static final class CsrfCookie extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws jakarta.servlet.ServletException, java.io.IOException {
            CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
            if (token != null && !BearerTokenFilter.carriesToken(request)) {
                token.getToken();
            }
            chain.doFilter(request, response);
        }
    }

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.fromHierarchy("""
                ROLE_ADMIN > ROLE_REVIEWER
                ROLE_REVIEWER > ROLE_VIEWER""");
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return Users.passwordEncoder();
    }

    @Bean
    UserDetailsService users(UserStore users) {
        return name -> users.find(name)
                .map(user -> org.springframework.security.core.userdetails.User.withUsername(user.name())
                        .password(user.passwordHash()).roles(user.role().name()).build())
                .orElseThrow(() -> new UsernameNotFoundException("No user " + name));
    }

    @Bean
    ApiTokens apiTokens(ApiTokenStore store) {
        return new ApiTokens(store);
    }
}
