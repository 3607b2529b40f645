package io.facefleet.common.pack;

/** Where a pack's official archive lives and the folder (under the models directory) it unpacks into. */
public record DownloadSpec(String url, String folder) {
}
