package io.facefleet.common.store.read;

/** Which page of a list to read: at most {@code limit} items after the first {@code offset}. */
public record PageRequest(int limit, int offset) {

    /** Every item: for the few callers that need the whole list (the demo's report of its own small library). */
    public static final PageRequest ALL = new PageRequest(Integer.MAX_VALUE, 0);

    public PageRequest {
        if (limit < 1 || offset < 0) {
            throw new IllegalArgumentException("limit must be at least 1 and offset not negative");
        }
    }

    public <T> Page<T> of(java.util.List<T> items, long total) {
        return new Page<>(items, total, limit, offset);
    }
}
