package io.facefleet.scheduler.cli;

import io.facefleet.common.db.DatabaseSettings;
import io.facefleet.scheduler.bench.DbScaleBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "db", mixinStandardHelpOptions = true,
        description = {"The database at scale: fills a database of its own (the real schema, through the real stores)"
                + " with N synthetic faces that cluster by person, stored as face tracks of --sightings faces each"
                + " (the rows of the HNSW index) with their sightings, and C creators with 5 embeddings each; prints the"
                + " load rate, nearest-face and nearest-creator latency (p50/p99 per client count) and recall, a"
                + " rematch of a new creator through the product's code and through the seed's CROSS JOIN, index"
                + " build time, sizes and the memory PostgreSQL used. The database is dropped unless --keep.",
                "Needs PostgreSQL with pgvector (facefleet services up; FACEFLEET_DB_* choose the server)."})
public final class BenchDbCommand implements Callable<Integer> {

    @Option(names = "--faces", defaultValue = "100000", paramLabel = "N",
            description = "Faces (sightings) to store. Default: ${DEFAULT-VALUE}.")
    long faces;

    @Option(names = "--sightings", defaultValue = "8", paramLabel = "N",
            description = "Faces per face track: tracks = faces / this. Default: ${DEFAULT-VALUE}.")
    int sightings;

    @Option(names = "--creators", defaultValue = "20000", paramLabel = "N",
            description = "Enrolled creators, 5 embeddings each. Default: ${DEFAULT-VALUE} (100,000 embeddings).")
    int creators;

    @Option(names = "--unknown-people", defaultValue = "1000", paramLabel = "N",
            description = "People in the videos who are not enrolled (30 %% of tracks, Zipf). Default: ${DEFAULT-VALUE}.")
    int unknownPeople;

    @Option(names = "--tracks-per-video", defaultValue = "8", paramLabel = "N",
            description = "Face tracks a video has (one store call). Default: ${DEFAULT-VALUE}.")
    int tracksPerVideo;

    @Option(names = "--clients", split = ",", defaultValue = "1,8", paramLabel = "N,N",
            description = "Concurrent clients for the latency figures. Default: ${DEFAULT-VALUE}.")
    List<Integer> clients;

    @Option(names = "--queries", defaultValue = "1000", paramLabel = "N",
            description = "Timed queries per kind and client count. Default: ${DEFAULT-VALUE}.")
    int queries;

    @Option(names = "--checks", defaultValue = "1000", paramLabel = "N",
            description = "Random faces whose final creator is checked against the exact nearest creator (and as many"
                    + " of the rematch's faces). Default: ${DEFAULT-VALUE}.")
    int checks;

    @Option(names = "--recall-probes", defaultValue = "200", paramLabel = "N",
            description = "Probes for the nearest-face recall@10. Default: ${DEFAULT-VALUE}.")
    int recallProbes;

    @Option(names = "--match-at-load", description = "Match every stored face with CreatorGallery.nearest as a worker"
            + " does (one query a track, slow at 1M faces); by default each face gets its own person's creator and"
            + " matching is checked on --checks faces.")
    boolean matchAtLoad;

    @Option(names = "--ef-search", paramLabel = "N", description = "hnsw.ef_search for the bench's database instead of"
            + " migration V4's 200 (pgvector's default: 40).")
    Integer efSearch;

    @Option(names = "--reuse-database", paramLabel = "NAME", description = "Measure on a database an earlier run with"
            + " the same options filled (--keep, or cut off): its faces are generated again, not stored; no load rate.")
    String reuseDatabase;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N")
    long seed;

    @Option(names = "--keep", description = "Keep the bench's database afterwards.")
    boolean keep;

    @Override
    public Integer call() throws Exception {
        System.out.println("date " + LocalDate.now());
        new DbScaleBench(DatabaseSettings.fromEnvironment(), new DbScaleBench.Options(faces, sightings, creators,
                unknownPeople, tracksPerVideo, 512, clients, queries, checks, recallProbes, matchAtLoad, efSearch, seed,
                keep, reuseDatabase),
                System.out).run();
        return 0;
    }
}
