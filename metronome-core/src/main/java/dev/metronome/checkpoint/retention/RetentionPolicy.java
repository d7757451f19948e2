package dev.metronome.checkpoint.retention;

import dev.metronome.schedule.MetricMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * Which checkpoints to keep. Immutable; built with {@link #builder()} or {@link #keepAll()}.
 *
 * <p>A checkpoint is kept when any rule claims it:
 * <ul>
 *   <li>it is the newest checkpoint (highest step), or the newest valid one;
 *   <li>its step is protected (for example, the checkpoint the run resumed from);
 *   <li>{@code keepLast(N)}: it is among the N valid checkpoints with the highest steps;
 *   <li>{@code keepBest(K, mode)}: it is among the K valid checkpoints with the best metric
 *       (equal values: the higher step wins); checkpoints without a metric never qualify;
 *   <li>{@code keepEverySteps(X)}: it is the first valid checkpoint at or after a multiple k·X of
 *       steps (k ≥ 1) — a permanent slot;
 *   <li>{@code keepEvery(D)}: it is the first valid checkpoint whose elapsed run time is at or
 *       after k·D (k ≥ 1) — a permanent slot.
 * </ul>
 * Everything else is selected for deletion, corrupt checkpoints included (they never fill a slot).
 * A policy with no rule keeps everything.
 */
public final class RetentionPolicy {

    private static final RetentionPolicy KEEP_ALL = new Builder().build();

    private final int keepLast;
    private final int keepBest;
    private final MetricMode bestMode;
    private final long everySteps;
    private final Duration everyElapsed;

    private RetentionPolicy(Builder builder) {
        this.keepLast = builder.keepLast;
        this.keepBest = builder.keepBest;
        this.bestMode = builder.bestMode;
        this.everySteps = builder.everySteps;
        this.everyElapsed = builder.everyElapsed;
    }

    /** @return a policy that never deletes anything */
    public static RetentionPolicy keepAll() {
        return KEEP_ALL;
    }

    /** @return a builder with no rules set */
    public static Builder builder() {
        return new Builder();
    }

    /** @return whether this policy has no rule and so never deletes */
    public boolean keepsAll() {
        return keepLast == 0 && keepBest == 0 && everySteps == 0 && everyElapsed == null;
    }

    /**
     * Chooses the checkpoints to delete. Pure: looks only at its arguments.
     *
     * @param checkpoints every checkpoint present, in any order, with unique steps
     * @param protectedSteps steps that must never be deleted
     * @return the checkpoints to delete, in ascending step order
     * @throws IllegalArgumentException if two candidates share a step
     */
    public List<RetentionCandidate> selectForDeletion(List<RetentionCandidate> checkpoints, Set<Long> protectedSteps) {
        Objects.requireNonNull(protectedSteps, "protectedSteps");
        List<RetentionCandidate> sorted = sortedByStep(checkpoints);
        if (keepsAll() || sorted.isEmpty()) {
            return List.of();
        }
        Set<Long> kept = new HashSet<>(protectedSteps);
        kept.add(sorted.get(sorted.size() - 1).step());
        List<RetentionCandidate> valid = sorted.stream().filter(RetentionCandidate::valid).toList();
        if (!valid.isEmpty()) {
            kept.add(valid.get(valid.size() - 1).step());
        }
        for (int i = Math.max(0, valid.size() - keepLast); i < valid.size(); i++) {
            kept.add(valid.get(i).step());
        }
        kept.addAll(best(valid));
        if (everySteps > 0) {
            kept.addAll(firstPerBucket(valid, candidate -> candidate.step() / everySteps));
        }
        if (everyElapsed != null) {
            // Whole nanoseconds, so that 0.3 s is in bucket 3 of a 0.1 s period and not, by rounding, in bucket 2.
            long periodNanos = everyElapsed.toNanos();
            kept.addAll(firstPerBucket(valid, candidate -> Math.round(candidate.elapsedSeconds() * 1e9) / periodNanos));
        }
        return sorted.stream().filter(candidate -> !kept.contains(candidate.step())).toList();
    }

    private List<Long> best(List<RetentionCandidate> valid) {
        if (keepBest == 0) {
            return List.of();
        }
        Comparator<RetentionCandidate> byValue = Comparator.comparingDouble(RetentionCandidate::metricValue);
        Comparator<RetentionCandidate> bestFirst = (bestMode == MetricMode.MIN ? byValue : byValue.reversed())
                .thenComparing(Comparator.comparingLong(RetentionCandidate::step).reversed());
        return valid.stream()
                .filter(candidate -> candidate.metricValue() != null)
                .sorted(bestFirst)
                .limit(keepBest)
                .map(RetentionCandidate::step)
                .toList();
    }

    /** Bucket k holds the checkpoints in [k·X, (k+1)·X); the first one entering a new bucket k ≥ 1 is kept. */
    private static List<Long> firstPerBucket(List<RetentionCandidate> valid,
            ToLongFunction<RetentionCandidate> bucket) {
        List<Long> firsts = new ArrayList<>();
        long highestBucketSeen = 0;
        for (RetentionCandidate candidate : valid) {
            long index = bucket.applyAsLong(candidate);
            if (index > highestBucketSeen) {
                firsts.add(candidate.step());
                highestBucketSeen = index;
            }
        }
        return firsts;
    }

    private static List<RetentionCandidate> sortedByStep(List<RetentionCandidate> checkpoints) {
        List<RetentionCandidate> sorted = new ArrayList<>(checkpoints);
        sorted.sort(Comparator.comparingLong(RetentionCandidate::step));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).step() == sorted.get(i - 1).step()) {
                throw new IllegalArgumentException("two checkpoints with step " + sorted.get(i).step());
            }
        }
        return sorted;
    }

    @Override
    public String toString() {
        if (keepsAll()) {
            return "RetentionPolicy[keep all]";
        }
        return "RetentionPolicy[keepLast=" + keepLast + ", keepBest=" + keepBest + " (" + bestMode + "), everySteps="
                + everySteps + ", every=" + everyElapsed + "]";
    }

    /** Builds a {@link RetentionPolicy}; every setter validates its argument at once. */
    public static final class Builder {

        private int keepLast;
        private int keepBest;
        private MetricMode bestMode = MetricMode.MIN;
        private long everySteps;
        private Duration everyElapsed;

        private Builder() {}

        /**
         * Keeps the N most recent valid checkpoints.
         *
         * @param count N, at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code count < 1}
         */
        public Builder keepLast(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("keepLast must be >= 1, got " + count);
            }
            this.keepLast = count;
            return this;
        }

        /**
         * Keeps the K valid checkpoints with the best metric.
         *
         * @param count K, at least 1
         * @param mode whether lower ({@link MetricMode#MIN}) or higher values are better
         * @return this builder
         * @throws IllegalArgumentException if {@code count < 1}
         */
        public Builder keepBest(int count, MetricMode mode) {
            if (count < 1) {
                throw new IllegalArgumentException("keepBest must be >= 1, got " + count);
            }
            this.keepBest = count;
            this.bestMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Keeps permanently the first valid checkpoint at or after every multiple of a step count.
         *
         * @param steps X, at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code steps < 1}
         */
        public Builder keepEverySteps(long steps) {
            if (steps < 1) {
                throw new IllegalArgumentException("keepEverySteps must be >= 1, got " + steps);
            }
            this.everySteps = steps;
            return this;
        }

        /**
         * Keeps permanently the first valid checkpoint at or after every multiple of a span of
         * active run time (the checkpoint's {@code elapsedSeconds}).
         *
         * @param elapsed the span; positive
         * @return this builder
         * @throws IllegalArgumentException if {@code elapsed} is zero or negative
         */
        public Builder keepEvery(Duration elapsed) {
            Objects.requireNonNull(elapsed, "elapsed");
            if (elapsed.isZero() || elapsed.isNegative()) {
                throw new IllegalArgumentException("keepEvery must be a positive duration, got " + elapsed);
            }
            if (elapsed.compareTo(Duration.ofDays(365L * 100)) > 0) {
                throw new IllegalArgumentException("keepEvery must be at most 100 years, got " + elapsed);
            }
            this.everyElapsed = elapsed;
            return this;
        }

        /** @return the policy */
        public RetentionPolicy build() {
            return new RetentionPolicy(this);
        }
    }
}
