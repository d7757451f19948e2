package dev.metronome.time;

import java.util.Objects;

/**
 * Keeps a run's active time: the wall time of the current session added to what earlier
 * sessions accumulated, and the shares spent evaluating and saving. Downtime between sessions is
 * not counted, so a resumed run continues its time-based rhythm where it stopped.
 *
 * <p>Not thread-safe: used by the loop thread only.
 */
public final class RunClock {

    private final Clock clock;
    private final ElapsedTime carried;
    private long sessionStartNanos;
    private boolean started;
    private long evaluationNanos;
    private long saveNanos;
    private long lastEvaluationNanos;
    private long lastSaveNanos;

    /**
     * Creates a clock for a fresh run.
     *
     * @param clock the time source
     */
    public RunClock(Clock clock) {
        this(clock, ElapsedTime.ZERO);
    }

    /**
     * Creates a clock that continues from a previous session.
     *
     * @param clock the time source
     * @param carried what earlier sessions accumulated
     */
    public RunClock(Clock clock, ElapsedTime carried) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.carried = Objects.requireNonNull(carried, "carried");
        this.evaluationNanos = carried.evaluationNanos();
        this.saveNanos = carried.saveNanos();
        this.lastEvaluationNanos = carried.lastEvaluationNanos();
        this.lastSaveNanos = carried.lastSaveNanos();
    }

    /** Starts counting this session's time. Idempotent. */
    public void start() {
        if (!started) {
            sessionStartNanos = clock.monotonicNanos();
            started = true;
        }
    }

    /** @return the underlying time source */
    public Clock clock() {
        return clock;
    }

    /** @return the current monotonic reading of the underlying clock, for measuring a duration */
    public long monotonicNanos() {
        return clock.monotonicNanos();
    }

    /**
     * Reads the accumulated time.
     *
     * @return the reading; before {@link #start()}, what earlier sessions accumulated
     */
    public ElapsedTime read() {
        long session = started ? clock.monotonicNanos() - sessionStartNanos : 0;
        return new ElapsedTime(carried.wallNanos() + session, evaluationNanos, saveNanos, lastEvaluationNanos, lastSaveNanos);
    }

    /**
     * Records an evaluation.
     *
     * @param durationNanos how long it took, including an abandoned evaluation's partial time
     */
    public void recordEvaluation(long durationNanos) {
        evaluationNanos += Math.max(0, durationNanos);
        lastEvaluationNanos = Math.max(0, durationNanos);
    }

    /**
     * Records how long the loop was blocked by a save: the whole write for a synchronous save,
     * the snapshot and hand-over for an asynchronous one.
     *
     * @param stallNanos nanoseconds the loop thread was blocked
     */
    public void recordSaveStall(long stallNanos) {
        saveNanos += Math.max(0, stallNanos);
    }

    /**
     * Records the full duration of a completed save, used to reserve time for the final save.
     *
     * @param durationNanos nanoseconds from snapshot to the checkpoint being complete on disk
     */
    public void recordSaveDuration(long durationNanos) {
        lastSaveNanos = Math.max(0, durationNanos);
    }
}
