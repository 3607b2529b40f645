package io.facefleet.scheduler.library;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class VideoFilesTest {

    @Test
    void knowsVideoExtensionsInAnyCase() {
        for (String name : new String[]{"a.mp4", "a.MKV", "a.Mov", "a.avi", "a.webm", "a.m4v", "a.mpg", "a.mpeg",
                "a.wmv", "a.flv", "a.ts", "holiday.2019.MP4"}) {
            assertThat(VideoFiles.isVideo(Path.of("/library", name))).as(name).isTrue();
        }
    }

    @Test
    void leavesOutOtherFilesAndHiddenOnes() {
        for (String name : new String[]{"notes.txt", "cover.jpg", "mp4", "a.mp4.part", ".hidden.mp4", "._a.mov"}) {
            assertThat(VideoFiles.isVideo(Path.of("/library", name))).as(name).isFalse();
        }
        assertThat(VideoFiles.isHidden(Path.of("/library/.Trash"))).isTrue();
        assertThat(VideoFiles.isHidden(Path.of("/library/shows"))).isFalse();
    }
}
