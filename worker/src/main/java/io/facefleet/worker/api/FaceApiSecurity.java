package io.facefleet.worker.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The face API takes the worker token ({@code FACEFLEET_WORKER_TOKEN}) as {@code Authorization: Bearer <token>},
 * compared in constant time; only {@code GET /health} and the liveness and readiness probes are open. Without a
 * configured token one is made up at start and logged, so the API is never open.
 */
@Configuration(proxyBeanMethods = false)
public class FaceApiSecurity {

    private static final String PREFIX = "Bearer ";

    @Bean
    SecurityFilterChain faceApiFilterChain(HttpSecurity http, @Value("${facefleet.worker-token:}") String configured)
            throws Exception {
        byte[] expected = sha256(configured.isEmpty() ? generated() : configured);
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, "/health").permitAll()
                        .requestMatchers("/livez", "/readyz", "/actuator/health/liveness", "/actuator/health/readiness", "/error")
                        .permitAll()
                        .anyRequest().hasRole("WORKER"))
                .addFilterBefore(new WorkerTokenFilter(expected), AnonymousAuthenticationFilter.class)
                .csrf(AbstractHttpConfigurer::disable) // no cookies, no sessions: only the bearer token authenticates
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((request, response, e) -> FaceApiProblems.write(request, response,
                                HttpStatus.UNAUTHORIZED,
                                "Send the worker token: Authorization: Bearer <FACEFLEET_WORKER_TOKEN>"))
                        .accessDeniedHandler((request, response, e) -> FaceApiProblems.write(request, response,
                                HttpStatus.FORBIDDEN, "Needs the worker token")));
        return http.build();
    }

    private static String generated() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        LoggerFactory.getLogger(FaceApiSecurity.class).warn("No FACEFLEET_WORKER_TOKEN: the face API takes"
                + " Authorization: Bearer {} for this run", token);
        return token;
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    /** Digests of equal length compared with {@link MessageDigest#isEqual}: no timing tells how much matched. */
    private static final class WorkerTokenFilter extends OncePerRequestFilter {
        private final byte[] expected;

        WorkerTokenFilter(byte[] expected) {
            this.expected = expected;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String header = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
                if (!MessageDigest.isEqual(expected, sha256(header.substring(PREFIX.length()).strip()))) {
                    FaceApiProblems.write(request, response, HttpStatus.UNAUTHORIZED, "Wrong worker token");
                    return;
                }
                var context = SecurityContextHolder.getContextHolderStrategy().createEmptyContext();
                context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("worker", null,
                        AuthorityUtils.createAuthorityList("ROLE_WORKER")));
                SecurityContextHolder.getContextHolderStrategy().setContext(context);
            }
            chain.doFilter(request, response);
        }
    }
}
