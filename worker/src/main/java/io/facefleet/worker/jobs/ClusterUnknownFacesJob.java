package io.facefleet.worker.jobs;

import io.facefleet.common.jobs.ClusterUnknownFacesHandler;
import io.facefleet.common.jobs.ClusterUnknownFacesRequest;
import io.facefleet.common.people.UnknownPeopleClustering;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Places a processed video's unmatched face tracks among the unknown people. */
@Component
public class ClusterUnknownFacesJob implements ClusterUnknownFacesHandler {

    private static final Logger log = LoggerFactory.getLogger(ClusterUnknownFacesJob.class);

    private final UnknownPeopleClustering clustering;

    public ClusterUnknownFacesJob(UnknownPeopleClustering clustering) {
        this.clustering = clustering;
    }

    @Override
    public void run(ClusterUnknownFacesRequest request) {
        UnknownPeopleClustering.Result result = clustering.clusterVideo(request.videoId());
        log.info("Video {}: {} unmatched face tracks, {} joined a cluster, {} started new ones, {} wait for more faces",
                request.videoId(), result.tracks(), result.joined(), result.newClusters(), result.waiting());
    }
}
