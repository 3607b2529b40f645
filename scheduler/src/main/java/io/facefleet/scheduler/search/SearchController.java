package io.facefleet.scheduler.search;

import io.facefleet.common.store.ConfigStore;
import io.facefleet.common.store.read.SearchHit;
import io.facefleet.scheduler.api.ApiException;
import io.facefleet.scheduler.creator.PhotoUpload;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.util.List;

/** Search by photo: the videos a face appears in, whether or not the person is enrolled (reviewer or admin). */
@RestController
@RequestMapping("/api/search")
class SearchController {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    /**
     * A page of videos (a search gives one page: {@code offset} is always 0, {@code total} the videos found up to
     * {@code limit}).
     *
     * @param minSimilarity the least similarity of a face track shown (default: the match threshold)
     * @param face          the box of the face searched for in the photo (x1, y1, x2, y2)
     */
    record SearchResult(List<SearchHit> items, long total, int limit, int offset, float minSimilarity,
                        float[] face) {
    }

    private final PhotoSearch search;
    private final ConfigStore config;

    SearchController(PhotoSearch search, ConfigStore config) {
        this.search = search;
        this.config = config;
    }

    @Operation(summary = "Search the library by photo", description = "The most prominent face of the photo (multipart"
            + " field 'file'; 'limit' and 'min_similarity' as fields or query parameters) against every stored face track: the videos it appears in, best first, each with its"
            + " moments (face tracks: times, similarity, crop), enrolled or not. 400 when the photo shows no face.")
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    SearchResult search(@RequestPart(required = false) MultipartFile file,
                        @RequestParam(required = false) String limit,
                        @RequestParam(name = "min_similarity", required = false) String minSimilarity)
            throws InterruptedException {
        PhotoUpload photo = PhotoUpload.checkedOne(file, "Send a photo of a face in the multipart field 'file'");
        int videos = limit == null || limit.isBlank() ? DEFAULT_LIMIT : number("limit", limit, Integer::parseInt);
        if (videos < 1 || videos > MAX_LIMIT) {
            throw ApiException.badRequest("'limit' must be between 1 and " + MAX_LIMIT + ", not " + videos);
        }
        float least = minSimilarity == null || minSimilarity.isBlank() ? config.get().matchRule().matchThreshold()
                : number("min_similarity", minSimilarity, Float::parseFloat);
        if (!(least >= -1 && least <= 1)) {
            throw ApiException.badRequest("'min_similarity' must be between -1 and 1, not " + minSimilarity);
        }
        PhotoSearch.Answer answer = search.search(photo.content(), videos, least);
        return new SearchResult(answer.videos(), answer.videos().size(), videos, 0, least, answer.faceBox());
    }

    private static <T> T number(String field, String value, java.util.function.Function<String, T> parse) {
        try {
            return parse.apply(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("'" + field + "' must be a number, not '" + value + "'");
        }
    }
}
