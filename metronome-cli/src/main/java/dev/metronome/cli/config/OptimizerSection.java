package dev.metronome.cli.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metronome.config.RecordedConfig;
import dev.metronome.optim.TrainingDefaults;
import dev.metronome.optim.AdamSpec;
import java.util.List;
import java.util.Objects;

/**
 * {@code optimizer:} — the update rule.
 *
 * @param name {@code sgd}, {@code adam} or {@code adamw}
 * @param lr learning rate, above 0
 * @param weightDecay L2 (sgd, adam) or decoupled (adamw) weight decay, at least 0
 * @param momentum sgd momentum in [0, 1)
 * @param nesterov sgd Nesterov momentum (needs momentum above 0)
 * @param beta1 adam first-moment decay in [0, 1)
 * @param beta2 adam second-moment decay in [0, 1)
 * @param epsilon adam denominator term, above 0
 */
public record OptimizerSection(String name, double lr, double weightDecay, double momentum, boolean nesterov,
        double beta1, double beta2, double epsilon) {

    /** Optimizer names. */
    public static final List<String> NAMES = List.of("sgd", "adam", "adamw");

    /** The defaults of the schema. */
    public static final OptimizerSection DEFAULT = new OptimizerSection("adam",
            TrainingDefaults.LEARNING_RATE, 0.0, 0.0, false, AdamSpec.DEFAULT_BETA1, AdamSpec.DEFAULT_BETA2,
            AdamSpec.DEFAULT_EPSILON);

    /** Checks for nulls. */
    public OptimizerSection {
        Objects.requireNonNull(name, "name");
    }

    static OptimizerSection read(ConfigReader r) {
        String name = r.choice("name", NAMES);
        double lr = r.number("lr", NumberRange.POSITIVE);
        double weightDecay = r.number("weight_decay", NumberRange.NON_NEGATIVE);
        double momentum = r.number("momentum", NumberRange.UNIT_HALF_OPEN);
        boolean nesterov = r.bool("nesterov");
        if (nesterov && !(name.equals("sgd") && momentum > 0)) {
            throw r.fail("nesterov", "Nesterov momentum needs optimizer.name sgd with optimizer.momentum above 0");
        }
        double beta1 = r.number("beta1", NumberRange.UNIT_HALF_OPEN);
        double beta2 = r.number("beta2", NumberRange.UNIT_HALF_OPEN);
        double epsilon = r.number("epsilon", NumberRange.POSITIVE);
        r.finish();
        return new OptimizerSection(name, lr, weightDecay, momentum, nesterov, beta1, beta2, epsilon);
    }

    ObjectNode toTree() {
        return RecordedConfig.optimizer(name, lr, weightDecay, momentum, nesterov, beta1, beta2, epsilon);
    }
}
