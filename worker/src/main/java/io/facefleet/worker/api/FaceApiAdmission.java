package io.facefleet.worker.api;

import io.facefleet.worker.face.FaceEngine;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.concurrent.Semaphore;

/**
 * A bulkhead before the face API's image endpoints: a bounded number run, a bounded number wait their turn, and the
 * rest are refused at once with 503 and Retry-After. It runs before the multipart body is parsed, so a refused or
 * waiting request holds no upload in memory.
 */
public class FaceApiAdmission extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(FaceApiAdmission.class);

    private final Semaphore admitted;
    private final Semaphore running;
    private final int concurrent;
    private final int waiting;
    private final int retryAfterSeconds;

    public FaceApiAdmission(FaceApiLimits limits, FaceEngine engine) {
        concurrent = limits.concurrent(engine.executionProvider());
        waiting = limits.waiting(engine.executionProvider());
        retryAfterSeconds = limits.retryAfterSeconds();
        admitted = new Semaphore(concurrent + waiting);
        running = new Semaphore(concurrent, true);
        log.info("Face API: {} requests at once, {} more may wait; beyond that 503", concurrent, waiting);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.equals("/detect") && !path.equals("/extract-embedding");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!admitted.tryAcquire()) {
            refuse(request, response);
            return;
        }
        try {
            running.acquire();
            try {
                chain.doFilter(request, response);
            } finally {
                running.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            refuse(request, response);
        } finally {
            admitted.release();
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpStatus status = HttpStatus.SERVICE_UNAVAILABLE;
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds));
        response.setHeader(HttpHeaders.CONNECTION, "close");
        FaceApiProblems.write(request, response, status, "The face API is busy: " + concurrent
                + " requests are running and " + waiting + " waiting; try again in " + retryAfterSeconds + " s");
    }
}
