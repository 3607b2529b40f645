package io.facefleet.worker.video;

/**
 * Matches decoded frames, offered once each in time order, to a plan's target times: each target gets the nearest
 * frame offered, and no frame serves two targets. It only needs the frame before the current one to decide, so the
 * sampler holds at most one decoded frame of its own.
 */
final class TargetMatcher {

    /** {@link #offer}'s answer: hand over the previous frame (for a target between it and the current one). */
    static final int TAKE_PREVIOUS = 1;
    /** {@link #offer}'s answer: hand over the current frame. */
    static final int TAKE_CURRENT = 2;

    private final SamplingPlan plan;
    private int next;
    private int missed;
    private boolean hasPrevious;
    private double previousSeconds;
    private boolean previousTaken;

    TargetMatcher(SamplingPlan plan) {
        this.plan = plan;
    }

    boolean done() {
        return next == plan.size();
    }

    /** The earliest target no frame has been chosen for; infinite when done. */
    double nextTarget() {
        return done() ? Double.POSITIVE_INFINITY : plan.target(next);
    }

    /**
     * A frame at {@code seconds} was decoded. Returns {@link #TAKE_PREVIOUS} and/or {@link #TAKE_CURRENT} (in that
     * order of time) or 0; afterwards the current frame is the previous one.
     */
    int offer(double seconds) {
        int take = 0;
        boolean currentTaken = false;
        while (!done() && seconds >= plan.target(next)) {
            double target = plan.target(next);
            if (hasPrevious && !previousTaken && target - previousSeconds <= seconds - target) {
                take |= TAKE_PREVIOUS;
                previousTaken = true;
            } else if (!currentTaken) {
                take |= TAKE_CURRENT;
                currentTaken = true;
            } else {
                missed++; // its nearest frame already serves the target before it
            }
            next++;
        }
        hasPrevious = true;
        previousSeconds = seconds;
        previousTaken = currentTaken;
        return take;
    }

    /**
     * The input ended: whether the last frame offered goes to the next target, the nearest there is, if it lies
     * within half an interval of it (not so where the file was cut short long before that target).
     */
    boolean takeLastFrame() {
        if (done() || !hasPrevious || previousTaken
                || plan.target(next) - previousSeconds > plan.intervalSeconds() / 2) {
            return false;
        }
        previousTaken = true;
        next++;
        return true;
    }

    /** After a seek: the frame before it is gone (the keyframe sought to lies nearer every target left). */
    void forgetPrevious() {
        hasPrevious = false;
    }

    /** Targets left without a frame because their nearest frame served a neighbour. */
    int missed() {
        return missed;
    }
}
