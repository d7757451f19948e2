package dev.metronome.cli.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metronome.checkpoint.BusyPolicy;
import dev.metronome.checkpoint.ErrorPolicy;
import dev.metronome.checkpoint.retention.RetentionPolicy;
import dev.metronome.run.CheckpointOptions;
import dev.metronome.schedule.BestMetric;
import java.time.Duration;
import java.util.Objects;

/**
 * {@code checkpoint:} — how checkpoints are written and which are kept.
 *
 * @param async write in the background while training continues
 * @param whenBusy wait or skip when a save comes due while one is being written
 * @param onError stop training or warn and go on when a save fails
 * @param keepLast keep the newest N valid checkpoints; 0 turns the rule off
 * @param keepBest keep the K best by the best metric; 0 turns the rule off
 * @param keepEverySteps keep one checkpoint per this many steps permanently, or null
 * @param keepEvery keep one checkpoint per this much run time permanently, or null
 */
public record CheckpointSection(boolean async, BusyPolicy whenBusy, ErrorPolicy onError, int keepLast, int keepBest,
        Long keepEverySteps, Duration keepEvery) {

    /** The defaults of the schema. */
    public static final CheckpointSection DEFAULT = new CheckpointSection(true, BusyPolicy.WAIT, ErrorPolicy.STOP, 3, 1, null, null);

    /** Checks for nulls. */
    public CheckpointSection {
        Objects.requireNonNull(whenBusy, "whenBusy");
        Objects.requireNonNull(onError, "onError");
    }

    /**
     * Converts the keep rules to a retention policy. With every rule off, every checkpoint is kept.
     *
     * @param bestMetric the run's best metric, which orders keep-best
     * @return the policy
     */
    public RetentionPolicy retention(BestMetric bestMetric) {
        RetentionPolicy.Builder builder = RetentionPolicy.builder();
        if (keepLast > 0) {
            builder.keepLast(keepLast);
        }
        if (keepBest > 0) {
            builder.keepBest(keepBest, bestMetric.mode());
        }
        if (keepEverySteps != null) {
            builder.keepEverySteps(keepEverySteps);
        }
        if (keepEvery != null) {
            builder.keepEvery(keepEvery);
        }
        return builder.build();
    }

    /**
     * Converts to the run's checkpoint options.
     *
     * @param bestMetric the run's best metric, which orders keep-best
     * @return background writing, busy and error policies, retention
     */
    public CheckpointOptions options(BestMetric bestMetric) {
        return new CheckpointOptions(async, whenBusy, onError, retention(bestMetric));
    }

    static CheckpointSection read(ConfigReader r) {
        boolean async = r.bool("async");
        BusyPolicy whenBusy = r.choice("when_busy", BusyPolicy.class);
        ErrorPolicy onError = r.choice("on_error", ErrorPolicy.class);
        int keepLast = (int) r.integer("keep_last", 0, 1_000_000);
        int keepBest = (int) r.integer("keep_best", 0, 1_000_000);
        Long keepEverySteps = r.optionalInteger("keep_every_steps", 1, Long.MAX_VALUE);
        Duration keepEvery = r.optionalDuration("keep_every");
        if (keepEvery != null && keepEvery.compareTo(Duration.ofDays(36_500)) > 0) {
            throw r.fail("keep_every", "expected a duration of at most 100 years");
        }
        r.finish();
        return new CheckpointSection(async, whenBusy, onError, keepLast, keepBest, keepEverySteps, keepEvery);
    }

    ObjectNode toTree() {
        ObjectNode node = ConfigTrees.object();
        node.put("async", async);
        node.put("when_busy", ConfigTrees.word(whenBusy));
        node.put("on_error", ConfigTrees.word(onError));
        node.put("keep_last", keepLast);
        node.put("keep_best", keepBest);
        node.set("keep_every_steps", ConfigTrees.nullable(keepEverySteps));
        node.set("keep_every", ConfigTrees.duration(keepEvery));
        return node;
    }
}
