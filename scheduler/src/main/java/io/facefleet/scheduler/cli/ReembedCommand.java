package io.facefleet.scheduler.cli;

import org.springframework.http.MediaType;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code facefleet reembed}: changing the model pack of a running scheduler's library (docs/model-pack-change.md),
 * through its admin API.
 */
@Command(name = "reembed", mixinStandardHelpOptions = true,
        description = {"Change the library's model pack without starting over: --pack P re-embeds every face track"
                + " and creator face with P in the background (workers' jobs; run it again to queue what is"
                + " missing), matching keeps the active pack until --switch makes P the active one (thresholds from"
                + " P's manifest). Without an option: the progress. Needs an admin's token."})
public final class ReembedCommand implements Callable<Integer> {

    static final class Action {
        @Option(names = "--pack", paramLabel = "PACK", description = "Start re-embedding with PACK (a built-in"
                + " pack's name or a pack folder the workers have), or queue again what is missing.")
        String pack;

        @Option(names = "--switch", description = "Make the new pack the active one (refused while anything is"
                + " not re-embedded yet); every creator is rematched.")
        boolean switchNow;

        @Option(names = "--abandon", description = "Stop the change and drop the new pack's vectors.")
        boolean abandon;

        @Option(names = "--status", description = "Print the progress (the default).")
        boolean status;
    }

    @ArgGroup(exclusive = true)
    Action action = new Action();

    @Mixin
    SchedulerConnection scheduler = new SchedulerConnection();

    private final PrintStream out;

    public ReembedCommand() {
        this(System.out);
    }

    public ReembedCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        String path = "/api/admin/reembed";
        // a switch rebuilds the creators' HNSW index: minutes for millions of creator faces
        print(scheduler.call("an admin's", "admin", Duration.ofMinutes(30), api -> {
            if (action.pack != null) {
                return api.post().uri(path).contentType(MediaType.APPLICATION_JSON)
                        .body(SchedulerConnection.JSON.writeValueAsString(Map.of("pack", action.pack))).retrieve()
                        .body(String.class);
            }
            if (action.switchNow || action.abandon) {
                return api.post().uri(path + (action.switchNow ? "/switch" : "/abandon")).retrieve()
                        .body(String.class);
            }
            return api.get().uri(path).retrieve().body(String.class);
        }));
        return 0;
    }

    private void print(JsonNode status) {
        out.printf(Locale.ROOT, "Active model pack: %s (%d-d)%n", status.path("model_pack").asString(),
                status.path("embedding_dim").asInt());
        JsonNode change = status.path("change");
        if (change.isNull() || change.isMissingNode()) {
            out.println("No change of model pack under way.");
            return;
        }
        out.printf(Locale.ROOT, "Re-embedding with %s (%d-d) since %s:%n", change.path("pack").asString(),
                change.path("embedding_dim").asInt(), change.path("started_at").asString());
        out.printf(Locale.ROOT, "  face tracks    %d of %d (%d the new pack found no face in)%n",
                change.path("tracks_done").asLong(), change.path("tracks").asLong(),
                change.path("tracks_not_found").asLong());
        out.printf(Locale.ROOT, "  creator faces  %d of %d%n", change.path("creator_faces_done").asLong(),
                change.path("creator_faces").asLong());
        out.println(change.path("ready").asBoolean()
                ? "Ready: facefleet reembed --switch makes " + change.path("pack").asString() + " the active pack."
                : "Waiting for " + change.path("videos_missing").asInt() + " videos and "
                + change.path("creators_missing").asInt() + " creators (the jobs are on the JobRunr dashboard).");
    }
}
