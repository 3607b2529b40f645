package io.facefleet.scheduler.search;

import io.facefleet.common.jobs.SearchPhotoRequest;
import io.facefleet.common.store.PhotoSearchStore;
import io.facefleet.common.store.read.SearchHit;
import io.facefleet.common.store.read.SearchQueries;
import io.facefleet.scheduler.api.ApiException;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.util.List;

/**
 * Searches the library with a photo. The scheduler loads no models, so a worker embeds the photo's most prominent
 * face, as for an enrolment: the photo is stored, a {@link SearchPhotoRequest} job queued, and the request waits for
 * the embedding (a worker's JobRunr poll, 5 s at most, plus detection). The photo and its embedding are deleted as
 * soon as the answer is known, whatever it is.
 */
@Service
class PhotoSearch {

    private static final Duration POLL = Duration.ofMillis(100);

    /** The answer: the face searched for (its box in the photo) and the videos it was found in. */
    record Answer(float[] faceBox, List<SearchHit> videos) {
    }

    private final PhotoSearchStore searches;
    private final SearchQueries queries;
    private final JobRequestScheduler jobs;
    private final Duration timeout;

    PhotoSearch(PhotoSearchStore searches, SearchQueries queries, JobRequestScheduler jobs,
                @Value("${facefleet.search.timeout:60s}") Duration timeout) {
        this.searches = searches;
        this.queries = queries;
        this.jobs = jobs;
        this.timeout = timeout;
    }

    Answer search(byte[] photo, int videos, float minSimilarity) throws InterruptedException {
        long id = searches.create(photo);
        try {
            jobs.enqueue(new SearchPhotoRequest(id));
            PhotoSearchStore.PhotoSearch embedded = awaitEmbedding(id);
            int tracks = Math.min(SearchQueries.MAX_TRACKS, Math.max(200, videos * 10));
            return new Answer(embedded.bbox(), queries.search(embedded.embedding(), videos, tracks, minSimilarity));
        } finally {
            searches.delete(id);
        }
    }

    private PhotoSearchStore.PhotoSearch awaitEmbedding(long id) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            PhotoSearchStore.PhotoSearch search = searches.find(id).orElseThrow();
            switch (search.status()) {
                case EMBEDDED -> {
                    return search;
                }
                case NO_FACE -> throw ApiException.badRequest(
                        "No face found in the photo: send a photo where the face is clearly visible");
                case FAILED -> throw ApiException.badRequest(search.error());
                case QUEUED -> Thread.sleep(POLL);
            }
        }
        throw ApiException.serviceUnavailable("No worker embedded the photo's face within " + timeout.toSeconds()
                + " s: are workers running (GET /api/fleet)? Try again later");
    }
}
