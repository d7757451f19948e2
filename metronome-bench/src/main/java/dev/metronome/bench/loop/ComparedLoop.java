package dev.metronome.bench.loop;

/**
 * The loop Metronome's loop is compared with, run in rounds between Metronome's rounds: a
 * hand-written DJL loop in this process, or a PyTorch loop in a Python process.
 */
public interface ComparedLoop extends AutoCloseable {

    /**
     * Trains some steps.
     *
     * @param steps how many
     * @return the time those steps took, in nanoseconds
     */
    long run(long steps);

    /** @return the last step's loss, reported so that a reader can see the loop really trained */
    double lastLoss();

    /** Frees what the loop holds (engine memory, a child process). */
    @Override
    void close();
}
