package io.facefleet.common.store.read;

import io.facefleet.common.store.VideoStatus;

/**
 * Which videos to list; null fields do not filter.
 *
 * @param creatorId   only videos tagged with this creator
 * @param pendingOnly only videos with faces waiting for review
 */
public record VideoFilter(VideoStatus status, Long creatorId, boolean pendingOnly) {

    public static final VideoFilter NONE = new VideoFilter(null, null, false);
}
