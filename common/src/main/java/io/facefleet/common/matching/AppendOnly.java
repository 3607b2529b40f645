package io.facefleet.common.matching;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The arrays behind a series of {@code plus()}es, which only ever grow at the end: the newest view of them may add
 * more in place, into room left when they were copied last, and an older view goes on reading the part it was made
 * with. So adding the few templates written since the last merge costs those few, not a copy of all of them (79 MB
 * at 125,000 tracks): the arrays are copied only when they are full, to {@value #GROWTH_PERCENT} % more than is held.
 */
final class AppendOnly {

    static final int GROWTH_PERCENT = 25;

    /** The size of the newest view: the only one that may add in place. */
    private final AtomicInteger newest;

    AppendOnly(int size) {
        this.newest = new AtomicInteger(size);
    }

    /**
     * Whether a view of {@code size} may add {@code more} in place into arrays of room for {@code capacity}: where it
     * may, it is no longer the newest (the view it makes is), and no other may.
     */
    boolean claim(int size, int more, int capacity) {
        return size + more <= capacity && newest.compareAndSet(size, size + more);
    }

    /** The room to copy {@code size} items into: {@value #GROWTH_PERCENT} % more. */
    static int grown(int size) {
        return size + Math.max(size * GROWTH_PERCENT / 100, 1);
    }
}
