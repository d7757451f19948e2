package dev.metronome.djl.optim;

import dev.metronome.optim.NonFinitePolicy;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import dev.metronome.djl.engine.StepSeeds;
import dev.metronome.djl.model.NamedParameters;
import dev.metronome.optim.schedule.LearningRateSchedule;
import dev.metronome.task.NonFiniteLossException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One optimizer step over N micro-batches: reseed the engine generator from (seed, step), run
 * forward and backward on each micro-batch with its loss scaled by {@code 1/N} so that gradients
 * accumulate to the mean, read the loss (and, with clipping, the global gradient norm) in a single
 * host sync, then update once with the scheduled learning rate.
 *
 * <p>Each micro-batch weighs {@code 1/N} whatever its size. Arrays the step creates are attached
 * to the micro-batches' managers; close the batches after
 * the step, as with DJL's own trainer. Not thread-safe; call from the loop thread.
 */
public final class TrainStep {

    private final Block block;
    private final NamedParameters parameters;
    private final Loss loss;
    private final NamedOptimizer optimizer;
    private final LearningRateSchedule schedule;
    private final double maxGradientNorm;
    private final long seed;
    private final NonFinitePolicy nonFinitePolicy;
    private final ParameterStore parameterStore;

    private TrainStep(Builder builder) {
        this.block = Objects.requireNonNull(builder.block, "block");
        this.parameters = Objects.requireNonNull(builder.parameters, "parameters");
        this.loss = Objects.requireNonNull(builder.loss, "loss");
        this.optimizer = Objects.requireNonNull(builder.optimizer, "optimizer");
        this.schedule = Objects.requireNonNull(builder.schedule, "schedule");
        this.maxGradientNorm = builder.maxGradientNorm;
        this.seed = builder.seed;
        this.nonFinitePolicy = builder.nonFinitePolicy;
        this.parameterStore = new ParameterStore(Objects.requireNonNull(builder.manager, "manager"), false);
    }

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs one optimizer step.
     *
     * @param globalStep the 1-based step number (seeds the generator and picks the learning rate)
     * @param microBatches the step's micro-batches, at least one, on the model's device
     * @return the loss, sample count, learning rate and gradient norm
     * @throws NonFiniteLossException if the loss or gradient norm is not finite and the policy is
     *     {@link NonFinitePolicy#STOP}; it carries the loss, or the gradient norm when the loss
     *     itself was finite. The step's gradients are discarded and nothing is updated.
     * @throws IllegalArgumentException if there is no micro-batch or the step is below 1
     */
    public StepResult run(long globalStep, List<Batch> microBatches) {
        if (microBatches.isEmpty()) {
            throw new IllegalArgumentException("a step needs at least one micro-batch");
        }
        if (globalStep < 1) {
            throw new IllegalArgumentException("steps count from 1, got " + globalStep);
        }
        StepSeeds.reseed(seed, globalStep);
        int count = microBatches.size();
        List<NDArray> scaledLosses = new ArrayList<>(count);
        long samples = 0;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            for (Batch batch : microBatches) {
                NDList predictions = block.forward(parameterStore, batch.getData(), true);
                NDArray value = loss.evaluate(batch.getLabels(), predictions);
                NDArray scaled = count == 1 ? value : value.div(count);
                collector.backward(scaled);
                scaledLosses.add(scaled);
                samples += batch.getSize();
            }
        }
        NDManager scope = microBatches.get(0).getManager();
        NDArray meanLoss = count == 1 ? scaledLosses.get(0) : NDArrays.add(scaledLosses.toArray(new NDArray[0]));
        double lossValue;
        double gradientNorm = Double.NaN;
        if (maxGradientNorm > 0) {
            NDArray norm = GradientNorm.global(parameters, scope);
            float[] values = NDArrays.stack(new NDList(meanLoss, norm)).toFloatArray();
            lossValue = values[0];
            gradientNorm = values[1];
        } else {
            lossValue = meanLoss.getFloat();
        }
        double learningRate = schedule.learningRate(globalStep);
        if (!Double.isFinite(lossValue) || (maxGradientNorm > 0 && !Double.isFinite(gradientNorm))) {
            parameters.zeroGradients();
            if (nonFinitePolicy == NonFinitePolicy.STOP) {
                throw new NonFiniteLossException(globalStep, Double.isFinite(lossValue) ? gradientNorm : lossValue);
            }
            return new StepResult(lossValue, samples, learningRate, true, gradientNorm);
        }
        float scale = maxGradientNorm > 0 ? GradientNorm.clipScale(gradientNorm, maxGradientNorm) : 1f;
        optimizer.update(learningRate, scale);
        return new StepResult(lossValue, samples, learningRate, false, gradientNorm);
    }

    /** Builds a {@link TrainStep}; {@code set…} values are required, {@code opt…} optional. */
    public static final class Builder {
        private Block block;
        private NamedParameters parameters;
        private NDManager manager;
        private Loss loss;
        private NamedOptimizer optimizer;
        private LearningRateSchedule schedule;
        private double maxGradientNorm;
        private long seed;
        private NonFinitePolicy nonFinitePolicy = NonFinitePolicy.STOP;

        private Builder() {}

        /**
         * Sets the model.
         *
         * @param value the initialised block
         * @param named its named parameters
         * @param parameterManager the manager that owns the parameters (decides the device)
         * @return this builder
         */
        public Builder setModel(Block value, NamedParameters named, NDManager parameterManager) {
            this.block = value;
            this.parameters = named;
            this.manager = parameterManager;
            return this;
        }

        /**
         * Sets the training loss.
         *
         * @param value the loss; must reduce to a scalar mean
         * @return this builder
         */
        public Builder setLoss(Loss value) {
            this.loss = value;
            return this;
        }

        /**
         * Sets the optimizer.
         *
         * @param value an optimizer over the same named parameters
         * @return this builder
         */
        public Builder setOptimizer(NamedOptimizer value) {
            this.optimizer = value;
            return this;
        }

        /**
         * Sets the learning-rate schedule.
         *
         * @param value the schedule
         * @return this builder
         */
        public Builder setSchedule(LearningRateSchedule value) {
            this.schedule = value;
            return this;
        }

        /**
         * Enables clipping by global gradient norm.
         *
         * @param value the largest norm allowed, {@code > 0}; 0 turns clipping off (the default)
         * @return this builder
         * @throws IllegalArgumentException if the value is negative or not finite
         */
        public Builder optMaxGradientNorm(double value) {
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("max_grad_norm: " + value + " is not valid; expected > 0, or 0 for off");
            }
            this.maxGradientNorm = value;
            return this;
        }

        /**
         * Sets the run seed from which each step's engine seed is derived (default 0).
         *
         * @param value the seed
         * @return this builder
         */
        public Builder optSeed(long value) {
            this.seed = value;
            return this;
        }

        /**
         * Sets what happens on a non-finite loss (default {@link NonFinitePolicy#STOP}).
         *
         * @param value the policy
         * @return this builder
         */
        public Builder optNonFinitePolicy(NonFinitePolicy value) {
            this.nonFinitePolicy = Objects.requireNonNull(value, "nonFinitePolicy");
            return this;
        }

        /**
         * Builds the step.
         *
         * @return the step
         * @throws NullPointerException if a required value is missing
         */
        public TrainStep build() {
            return new TrainStep(this);
        }
    }
}
