package io.facefleet.common.store.read;

import java.util.List;

/**
 * A cluster of unmatched face tracks that look like one person nobody has enrolled.
 *
 * @param appearances its face tracks still unmatched (a track matched since, by a rematch or a reviewer, leaves it)
 * @param videoCount  the videos they are in
 * @param faces       a few of its best faces (largest and most confident first), crops at
 *                    {@code /api/tracks/{id}/crop.jpg}
 * @param videos      the videos it appears in most, most appearances first (at most {@value UnknownPeopleQueries#VIDEOS_SHOWN})
 */
public record UnknownPerson(long id, boolean ignored, long appearances, long videoCount, List<Long> faces,
                            List<Video> videos) {

    /** A video the person appears in, and how many of their face tracks are in it. */
    public record Video(long videoId, String path, long appearances) {
    }
}
