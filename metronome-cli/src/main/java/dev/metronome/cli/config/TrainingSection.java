package dev.metronome.cli.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metronome.config.RecordedConfig;
import dev.metronome.data.ClassWeights;
import dev.metronome.optim.TrainingDefaults;
import dev.metronome.optim.NonFinitePolicy;
import dev.metronome.schedule.StopConditions;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * {@code training:} — batches, gradient handling and when training ends.
 *
 * @param batchSize examples per micro-batch, at least 1
 * @param accumulation micro-batches per optimizer step, at least 1
 * @param clipNorm clip gradients to this global norm, or null for no clipping
 * @param nonfiniteLoss {@code stop} or {@code skip} the update when a loss is NaN or infinite
 * @param dropLast drop the last, incomplete batch of each epoch
 * @param classWeights {@code none} or {@code balanced} (loss weighted by inverse class frequency)
 * @param maxSteps stop after this many optimizer steps, or null
 * @param maxEpochs stop after this many epochs, or null
 * @param maxTime stop after this much active wall time, or null
 * @param loadBestAtEnd end with the parameters of the best evaluation: final parameters, final
 *     evaluation, {@code run.json} and the export's default checkpoint are the best's; saves fire on
 *     {@code best} as well
 */
public record TrainingSection(int batchSize, int accumulation, Double clipNorm, NonFinitePolicy nonfiniteLoss, boolean dropLast,
        ClassWeights classWeights, Long maxSteps, Long maxEpochs, Duration maxTime,
        boolean loadBestAtEnd) {

    /** The command line's time limit when no limit is given: one minute. */
    public static final Duration DEFAULT_MAX_TIME = Duration.ofMinutes(1);

    /** The defaults of the schema. */
    public static final TrainingSection DEFAULT =
            new TrainingSection(TrainingDefaults.BATCH_SIZE, TrainingDefaults.ACCUMULATION, null, NonFinitePolicy.STOP, false,
                    ClassWeights.none(), null, null, DEFAULT_MAX_TIME, false);

    /** The keys of the stop limits, which replace lower layers' limits as a group. */
    public static final List<String> LIMIT_KEYS = List.of("max_steps", "max_epochs", "max_time");

    /**
     * Checks for nulls and that at least one limit is set.
     *
     * @throws IllegalArgumentException if no limit is set
     */
    public TrainingSection {
        Objects.requireNonNull(nonfiniteLoss, "nonfiniteLoss");
        Objects.requireNonNull(classWeights, "classWeights");
        if (maxSteps == null && maxEpochs == null && maxTime == null) {
            throw new IllegalArgumentException("training needs max_steps, max_epochs or max_time");
        }
    }

    /** @return the loop's stop conditions */
    public StopConditions stopConditions() {
        return StopConditions.of(maxSteps, maxEpochs, maxTime);
    }

    static TrainingSection read(ConfigReader r) {
        int batchSize = (int) r.integer("batch_size", 1, 1_000_000);
        int accumulation = (int) r.integer("accumulation", 1, 1_000_000);
        Double clipNorm = r.optionalNumber("clip_norm", NumberRange.POSITIVE);
        NonFinitePolicy nonfiniteLoss = r.choice("nonfinite_loss", NonFinitePolicy.class);
        boolean dropLast = r.bool("drop_last");
        ClassWeights classWeights = ClassWeights.parse(r.choice("class_weights", List.of("none", "balanced")));
        Long maxSteps = r.optionalInteger("max_steps", 1, Long.MAX_VALUE);
        Long maxEpochs = r.optionalInteger("max_epochs", 1, 1_000_000_000L);
        Duration maxTime = r.optionalDuration("max_time");
        if (maxSteps == null && maxEpochs == null && maxTime == null) {
            throw r.fail("max_time", "training needs a limit; expected training.max_steps, training.max_epochs or "
                    + "training.max_time (--max-steps, --epochs, --max-time)");
        }
        boolean loadBestAtEnd = r.bool("load_best_at_end");
        r.finish();
        return new TrainingSection(batchSize, accumulation, clipNorm, nonfiniteLoss, dropLast, classWeights, maxSteps,
                maxEpochs, maxTime, loadBestAtEnd);
    }

    ObjectNode toTree() {
        return RecordedConfig.training(batchSize, accumulation, clipNorm, nonfiniteLoss, dropLast, classWeights,
                stopConditions(), loadBestAtEnd);
    }
}
