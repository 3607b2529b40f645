package io.facefleet.scheduler.library;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * A full scan at start-up and every {@code facefleet.library.rescan-interval} after, so nothing changed while the
 * scheduler was down, or that the watcher could not see, is missed.
 *
 * <p>Spring's scheduler rather than a JobRunr recurring job: JobRunr runs recurring jobs on a background job
 * server, that is on a worker, while the scan is the scheduler's own work over folders only it is configured with.
 */
@Component
class PeriodicRescan implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(PeriodicRescan.class);

    private final LibraryProperties library;
    private final LibraryScanner scanner;

    PeriodicRescan(LibraryProperties library, LibraryScanner scanner) {
        this.library = library;
        this.scanner = scanner;
    }

    /** After the watcher has started, so nothing falls between the scan and the first event. */
    @EventListener(ApplicationReadyEvent.class)
    void atStartUp() {
        rescan();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::rescan, library.rescanInterval(), library.rescanInterval()));
    }

    private void rescan() {
        if (library.roots().isEmpty()) {
            log.warn("No library folders configured (facefleet.library.roots, or FACEFLEET_LIBRARY): nothing to scan");
            return;
        }
        try {
            scanner.scan();
        } catch (RuntimeException e) {
            log.error("Library scan failed; the next one is in {}", library.rescanInterval(), e);
        }
    }
}
