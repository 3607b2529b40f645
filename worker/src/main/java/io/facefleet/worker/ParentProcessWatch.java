package io.facefleet.worker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A worker started by another process for its own purposes (the demo, a benchmark) ends when that process ends,
 * however it ended — Ctrl-C, SIGTERM, SIGKILL — instead of living on, orphaned. Set by
 * {@code facefleet.exit-with-pid}; unset, the worker runs until it is stopped itself.
 */
@Component
class ParentProcessWatch {

    private static final Logger log = LoggerFactory.getLogger(ParentProcessWatch.class);

    private final long parentPid;
    private final ApplicationContext context;

    ParentProcessWatch(@Value("${facefleet.exit-with-pid:0}") long parentPid, ApplicationContext context) {
        this.parentPid = parentPid;
        this.context = context;
    }

    @EventListener(ApplicationReadyEvent.class)
    void watch() {
        if (parentPid <= 0) {
            return;
        }
        ProcessHandle.of(parentPid).ifPresentOrElse(
                parent -> parent.onExit().thenRun(this::exit),
                this::exit);
    }

    private void exit() {
        log.info("Process {}, which started this worker, has ended: stopping", parentPid);
        Thread stopper = new Thread(() -> System.exit(SpringApplication.exit(context)), "parent-ended");
        stopper.start();
    }
}
