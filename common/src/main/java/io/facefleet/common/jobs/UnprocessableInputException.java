package io.facefleet.common.jobs;

import org.jobrunr.JobRunrException;

/**
 * Input that no retry can fix (a damaged video, a photo without a face): the job fails at once with this message
 * instead of being retried.
 */
public class UnprocessableInputException extends JobRunrException {

    public UnprocessableInputException(String message) {
        super(message, true);
    }

    public UnprocessableInputException(String message, Throwable cause) {
        super(message, true, cause);
    }
}
