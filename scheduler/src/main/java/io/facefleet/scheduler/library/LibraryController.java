package io.facefleet.scheduler.library;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/library")
class LibraryController {

    private final LibraryScanner scanner;

    LibraryController(LibraryScanner scanner) {
        this.scanner = scanner;
    }

    /** A full scan now, answered when it is done. */
    @PostMapping("/scan")
    ScanCounts scan() {
        return scanner.scan();
    }
}
