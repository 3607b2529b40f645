package io.facefleet.scheduler.cli;

import org.springframework.core.io.FileSystemResource;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code facefleet search PHOTO}: the videos a face appears in, from a running scheduler's POST /api/search. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Search the library of a running scheduler by photo: the videos the photo's most prominent"
                + " face appears in, best first, with its moments (time on screen, similarity, who it is matched to)."
                + " Needs a reviewer's or admin's token (facefleet token create --role reviewer)."})
public final class SearchCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PHOTO", description = "A photo of the face (JPEG, PNG, WebP or BMP).")
    Path photo;

    @Option(names = "--limit", paramLabel = "N", description = "At most N videos. Default: 20.")
    Integer limit;

    @Option(names = "--min-similarity", paramLabel = "S",
            description = "The least similarity of a face shown. Default: the scheduler's match threshold.")
    Float minSimilarity;

    @Mixin
    SchedulerConnection scheduler = new SchedulerConnection();

    private final PrintStream out;

    public SearchCommand() {
        this(System.out);
    }

    /** Printing the result to {@code out}. */
    public SearchCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        if (!Files.isRegularFile(photo)) {
            throw new IllegalArgumentException("No photo at " + photo);
        }
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", new FileSystemResource(photo));
        if (limit != null) {
            form.add("limit", limit.toString());
        }
        if (minSimilarity != null) {
            form.add("min_similarity", minSimilarity.toString());
        }
        print(scheduler.call("a reviewer's or admin's", "reviewer", Duration.ofMinutes(2), api -> api.post()
                .uri("/api/search").contentType(MediaType.MULTIPART_FORM_DATA).body(form).retrieve()
                .body(String.class)));
        return 0;
    }

    private void print(JsonNode result) {
        JsonNode videos = result.path("items");
        out.printf(Locale.ROOT, "%d videos with the face of %s (similarity >= %.2f)%n", videos.size(),
                photo.getFileName(), result.path("min_similarity").asDouble());
        for (JsonNode video : videos) {
            out.printf(Locale.ROOT, "%.3f  %s (video %d)%n", video.path("best_similarity").asDouble(),
                    video.path("path").asString(), video.path("video_id").asLong());
            for (JsonNode moment : video.path("moments")) {
                String who = moment.path("creator_name").isNull() || moment.path("creator_name").isMissingNode()
                        ? "not enrolled" + (moment.path("unknown_person_id").isNumber()
                        ? " (unknown person " + moment.path("unknown_person_id").asLong() + ")" : "")
                        : moment.path("creator_name").asString() + " (" + moment.path("status").asString() + ")";
                out.printf(Locale.ROOT, "       %7.1f s - %7.1f s  similarity %.3f  track %d  %s  %s%n",
                        moment.path("first_seen_seconds").asDouble(), moment.path("last_seen_seconds").asDouble(),
                        moment.path("similarity").asDouble(), moment.path("track_id").asLong(), who,
                        moment.path("crop_url").asString());
            }
        }
    }
}
