package io.facefleet.scheduler.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CsrfException;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answers to a caller without credentials (401; a browser asking for a page is sent to the sign-in page) or
 * with too small a role (403), as problem JSON that also carries the API's {@code error} and {@code path}.
 */
final class AuthProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final String SIGN_IN_PAGE = "/sign-in.html";
    private static final String SIGN_IN = "Sign in, or send Authorization: Bearer <token> (facefleet token create)";

    private final JsonMapper json = JsonMapper.builder().build();
    private final LoginUrlAuthenticationEntryPoint signIn = new LoginUrlAuthenticationEntryPoint(SIGN_IN_PAGE);

    AuthProblems() {
        signIn.setFavorRelativeUris(true); // "Location: /sign-in.html": right behind any proxy, whatever its port
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException, jakarta.servlet.ServletException {
        if (asksForPage(request)) {
            signIn.commence(request, response, e);
        } else {
            write(request, response, HttpServletResponse.SC_UNAUTHORIZED, SIGN_IN);
        }
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        if (e instanceof CsrfException) {
            var authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication == null || !authentication.isAuthenticated()
                    || authentication instanceof AnonymousAuthenticationToken) {
                write(request, response, HttpServletResponse.SC_UNAUTHORIZED, SIGN_IN); // nobody to protect yet
            } else {
                write(request, response, HttpServletResponse.SC_FORBIDDEN,
                        "Missing or wrong CSRF token (send the XSRF-TOKEN cookie's value as X-XSRF-TOKEN)");
            }
            return;
        }
        write(request, response, HttpServletResponse.SC_FORBIDDEN, "Your role may not do this");
    }

    void write(HttpServletRequest request, HttpServletResponse response, int status, String message)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", status == 401 ? "Unauthorized" : "Forbidden");
        body.put("status", status);
        body.put("detail", message);
        body.put("instance", request.getRequestURI());
        body.put("error", message);
        body.put("path", request.getRequestURI());
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), body);
    }

    /** A browser's GET of a page (not of the API's data), which a sign-in page can answer. */
    private static boolean asksForPage(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return "GET".equals(request.getMethod()) && accept != null && accept.contains(MediaType.TEXT_HTML_VALUE)
                && !request.getRequestURI().startsWith("/api/") && !BearerTokenFilter.carriesToken(request);
    }
}
