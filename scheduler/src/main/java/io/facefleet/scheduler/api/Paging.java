package io.facefleet.scheduler.api;

import io.facefleet.common.store.read.PageRequest;

/** A list endpoint's {@code limit} and {@code offset}, checked: a clear 400 for a page that cannot be. */
public final class Paging {

    /** Past this, a client is walking the whole list a page at a time, or asking for nonsense. */
    public static final int MAX_OFFSET = 10_000_000;

    private Paging() {
    }

    /**
     * @param limit        as asked; null for {@code defaultLimit}
     * @param offset       as asked; null for 0
     * @param maxLimit     the most items one page may hold here
     */
    public static PageRequest page(Integer limit, Integer offset, int defaultLimit, int maxLimit) {
        int l = limit == null ? defaultLimit : limit;
        int o = offset == null ? 0 : offset;
        if (l < 1 || l > maxLimit) {
            throw ApiException.badRequest("'limit' must be between 1 and " + maxLimit + ", not " + l);
        }
        if (o < 0 || o > MAX_OFFSET) {
            throw ApiException.badRequest("'offset' must be between 0 and " + MAX_OFFSET + ", not " + o);
        }
        return new PageRequest(l, o);
    }
}
