package io.facefleet.scheduler.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** One run of a command as {@code facefleet} runs it (same error handling and exit codes): its exit code and output. */
record CommandRun(int exit, String out, String err) {

    static CommandRun of(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var line = FacefleetSchedulerMain.commandLine(command);
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        int exit = line.execute(args);
        return new CommandRun(exit, out.toString(), err.toString());
    }

    CommandRun succeeded() {
        assertThat(exit).as(err).isZero();
        return this;
    }

    /** Refused as a mistake: exit code 2, the message, and nothing on standard output (no password, no token). */
    void refused(String message) {
        assertThat(exit).as(out).isEqualTo(2);
        assertThat(err).contains(message);
        assertThat(out).as("standard output").isEmpty();
    }
}
