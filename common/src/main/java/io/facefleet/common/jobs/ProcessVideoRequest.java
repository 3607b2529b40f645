package io.facefleet.common.jobs;

import io.facefleet.common.LogText;
import org.jobrunr.jobs.lambdas.JobRequest;

/**
 * Sample a video's frames, find and match its faces, tag it.
 *
 * @param path the video's path, for the job's name on JobRunr's dashboard (null in jobs queued before it was carried)
 */
public record ProcessVideoRequest(long videoId, String path) implements JobRequest {

    public ProcessVideoRequest(long videoId) {
        this(videoId, null);
    }

    /**
     * The job's %0 on JobRunr's dashboard and in its log lines: "/videos/a.mp4 (video 12)" rather than the record's
     * fields, control characters escaped.
     */
    @Override
    public String toString() {
        return path == null ? "video " + videoId : LogText.escaped(path) + " (video " + videoId + ")";
    }

    @Override
    public Class<ProcessVideoHandler> getJobRequestHandler() {
        return ProcessVideoHandler.class;
    }
}
