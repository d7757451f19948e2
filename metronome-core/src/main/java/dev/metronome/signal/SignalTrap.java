package dev.metronome.signal;

import dev.metronome.schedule.StopReason;
import java.io.PrintStream;
import java.util.Objects;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns SIGTERM and SIGINT into a raised {@link StopSignal}, so that a job killed at its time
 * limit, preempted or interrupted with Ctrl-C saves the current step before it exits. A second
 * SIGINT exits at once with status 130, without saving. {@link #close()} restores the previous
 * handlers.
 */
public final class SignalTrap implements AutoCloseable {

    /** Exit status after SIGTERM, by shell convention 128 + 15. */
    public static final int EXIT_SIGTERM = 143;
    /** Exit status after SIGINT, by shell convention 128 + 2. */
    public static final int EXIT_SIGINT = 130;

    private final SignalHandler previousTerm;
    private final SignalHandler previousInt;

    private SignalTrap(StopSignal stop, PrintStream messages) {
        previousTerm = Signal.handle(new Signal("TERM"), signal -> {
            if (stop.raise(StopReason.SIGNAL_TERM)) {
                messages.println("received SIGTERM: saving a checkpoint at the next step boundary, then exiting");
            }
        });
        previousInt = Signal.handle(new Signal("INT"), signal -> {
            if (stop.raise(StopReason.SIGNAL_INT)) {
                messages.println("interrupted: saving a checkpoint at the next step boundary, then exiting"
                        + " (press Ctrl-C again to exit now without saving)");
            } else {
                messages.println("interrupted again: exiting now without saving");
                messages.flush();
                Runtime.getRuntime().halt(EXIT_SIGINT);
            }
        });
    }

    /**
     * Installs the handlers.
     *
     * @param stop the flag to raise
     * @param messages where to say what is happening (typically standard error)
     * @return the trap; close it to restore the previous handlers
     */
    public static SignalTrap install(StopSignal stop, PrintStream messages) {
        return new SignalTrap(Objects.requireNonNull(stop, "stop"), Objects.requireNonNull(messages, "messages"));
    }

    /**
     * Returns the conventional exit status for a stop reason.
     *
     * @param reason why training ended
     * @return 143 for SIGTERM, 130 for SIGINT, 0 otherwise
     */
    public static int exitStatus(StopReason reason) {
        if (reason == StopReason.SIGNAL_TERM) {
            return EXIT_SIGTERM;
        }
        return reason == StopReason.SIGNAL_INT ? EXIT_SIGINT : 0;
    }

    @Override
    public void close() {
        Signal.handle(new Signal("TERM"), previousTerm);
        Signal.handle(new Signal("INT"), previousInt);
    }
}
