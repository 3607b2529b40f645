package io.facefleet.common.store;

import io.facefleet.common.matching.TrackTemplates;

/**
 * Face track templates as a process holds them in memory, with the snapshot they were read in ({@code pg_snapshot}
 * as text: the rows its transactions wrote are those held) and the model pack of the templates then.
 */
public record TemplatesRead(String snapshot, String modelPack, TrackTemplates templates) {
}
