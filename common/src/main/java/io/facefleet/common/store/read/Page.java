package io.facefleet.common.store.read;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list: its items, how many there are in all, and where the page lies ({@code offset} items skipped,
 * at most {@code limit} shown). Every list the API answers has this shape.
 */
public record Page<T>(List<T> items, long total, int limit, int offset) {

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), total, limit, offset);
    }
}
