package dev.metronome.cli.config;

import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.metronome.schedule.DurationText;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;

/**
 * The translation of Hugging Face {@code TrainingArguments} keys into Metronome keys (the table of
 * {@code docs/HF.md}). Values that a Metronome key validates are copied as given; strategies,
 * intervals, ratios, limits, the optimizer and the scheduler are converted here.
 */
final class HfMapping {

    private static final List<String> EVAL_STRATEGIES = List.of("no", "steps", "epoch", "time");
    private static final List<String> SAVE_STRATEGIES = List.of("no", "steps", "epoch", "time", "best");
    private static final List<String> SCHEDULERS = List.of("linear", "cosine", "constant", "constant_with_warmup");
    private static final List<String> ADAM_KEYS = List.of("learning_rate", "weight_decay", "adam_beta1", "adam_beta2",
            "adam_epsilon");
    /** Hugging Face's default logging_steps, save_steps (and eval_steps through logging_steps). */
    private static final BigDecimal DEFAULT_STEPS = BigDecimal.valueOf(500);
    private static final String RATIO = "a whole number of steps, or a ratio of training below 1";

    private final HfValues hf;
    private final HfArguments.Layers out;
    /** The training length the arguments give: steps or epochs, for ratios; null when they give none. */
    private TrainingSpan length;

    private HfMapping(HfValues hf, HfArguments.Layers out) {
        this.hf = hf;
        this.out = out;
    }

    static void map(HfValues hf, HfArguments.Layers out) {
        new HfMapping(hf, out).map();
    }

    private void map() {
        for (String key : hf.keys()) {
            String target = HfKeys.COPIED.get(key);
            if (target != null && hf.hasValue(key)) {
                out.put(key, target, hf.raw(key));
            }
        }
        limits();
        optimizer();
        if (hf.has("max_grad_norm")) {
            boolean off = !hf.hasValue("max_grad_norm")
                    || (hf.raw("max_grad_norm").isNumber() && hf.raw("max_grad_norm").doubleValue() == 0);
            out.put("max_grad_norm", "training.clip_norm", off ? NullNode.instance : hf.raw("max_grad_norm"));
        }
        if (hf.hasValue("greater_is_better")) {
            out.put("greater_is_better", "schedule.best_metric.mode", hf.bool("greater_is_better") ? "max" : "min");
        }
        action("logging", "log", "steps", List.of("no", "steps", "epoch", "time"));
        action(hf.has("evaluation_strategy") && !hf.has("eval_strategy") ? "evaluation" : "eval", "evaluate", "no",
                EVAL_STRATEGIES);
        action("save", "save", "steps", SAVE_STRATEGIES);
        if (hf.has("save_total_limit")) {
            if (hf.hasValue("save_total_limit")) {
                out.put("save_total_limit", "checkpoint.keep_last", hf.raw("save_total_limit"));
            } else {
                out.put("save_total_limit", "checkpoint.keep_last", JsonNodeFactory.instance.numberNode(0));
                out.put("save_total_limit", "checkpoint.keep_best", JsonNodeFactory.instance.numberNode(0));
            }
        }
        learningRateSchedule();
    }

    /** max_steps above 0 wins over num_train_epochs, as in Hugging Face; -1 means not set. */
    private void limits() {
        BigDecimal maxSteps = hf.optionalNumber("max_steps", "a whole number of steps, or -1 for none").orElse(BigDecimal.ONE.negate());
        if (maxSteps.signum() > 0) {
            long steps = whole("max_steps", maxSteps, "a whole number of steps, or -1 for none");
            out.put("max_steps", "training.max_steps", JsonNodeFactory.instance.numberNode(steps));
            length = new TrainingSpan(BigDecimal.valueOf(steps), false);
        } else if (hf.hasValue("num_train_epochs")) {
            String expected = "a whole number of epochs of at least 1 (Metronome's epoch limit is whole)";
            BigDecimal epochs = hf.number("num_train_epochs", expected);
            long whole = whole("num_train_epochs", epochs, expected);
            if (whole < 1) {
                throw hf.fail("num_train_epochs", "expected " + expected);
            }
            out.put("num_train_epochs", "training.max_epochs", JsonNodeFactory.instance.numberNode(whole));
            length = new TrainingSpan(BigDecimal.valueOf(whole), true);
        }
    }

    /** optim, or AdamW (Hugging Face's default) when the arguments set the Adam family's keys. */
    private void optimizer() {
        if (hf.hasValue("optim")) {
            if (!hf.raw("optim").isTextual()) {
                throw hf.fail("optim", "expected adamw_torch (or another adamw_* name) or sgd");
            }
            String optim = HfArguments.lower(hf.raw("optim").asText());
            if (optim.startsWith("adamw")) {
                out.put("optim", "optimizer.name", "adamw");
            } else if (optim.equals("sgd")) {
                out.put("optim", "optimizer.name", "sgd");
            } else {
                throw hf.fail("optim", "expected adamw_torch (or another adamw_* name) or sgd; Metronome has no "
                        + optim);
            }
        } else if (ADAM_KEYS.stream().anyMatch(hf::has)) {
            out.put("optim", "optimizer.name", "adamw");
        }
    }

    /**
     * Translates one action's strategy and interval. A strategy that is absent takes Hugging Face's
     * default when an interval key of the action is given; with neither, Metronome's default stays.
     */
    private void action(String prefix, String action, String defaultStrategy, List<String> strategies) {
        String strategyKey = prefix + "_strategy";
        String stepsKey = (prefix.equals("logging") ? "logging" : prefix.equals("save") ? "save" : "eval") + "_steps";
        String minutesKey = (prefix.equals("evaluation") ? "eval" : prefix) + "_minutes";
        boolean given = hf.hasValue(strategyKey) || hf.hasValue(stepsKey) || hf.hasValue(minutesKey);
        if (!given) {
            delay(action, "no");
            return;
        }
        String strategy = hf.hasValue(strategyKey) ? hf.word(strategyKey, strategies) : defaultStrategy;
        String nameKey = hf.hasValue(strategyKey) ? strategyKey : hf.hasValue(stepsKey) ? stepsKey : minutesKey;
        String every = "schedule." + action + ".every";
        switch (strategy) {
            case "no" -> {
                out.put(nameKey, every, "no");
                out.put(nameKey, "schedule." + action + ".at_end", false);
            }
            case "steps" -> {
                String source = stepsKey;
                if (!hf.hasValue(stepsKey) && action.equals("evaluate") && hf.hasValue("logging_steps")) {
                    source = "logging_steps";
                }
                BigDecimal steps = hf.optionalNumber(source, RATIO).orElse(DEFAULT_STEPS);
                out.put(hf.hasValue(source) ? source : nameKey, every, steps(source, steps).text());
            }
            case "epoch" -> out.put(nameKey, every, "1 epoch");
            case "time" -> {
                String expected = "minutes above 0, like 15 or 0.5, for " + strategyKey + " time";
                if (!hf.hasValue(minutesKey)) {
                    throw hf.fail(minutesKey, "expected " + expected);
                }
                BigDecimal minutes = hf.number(minutesKey, expected);
                long millis = minutes.multiply(BigDecimal.valueOf(60_000)).setScale(0, RoundingMode.HALF_UP).longValueExact();
                if (minutes.signum() <= 0 || millis <= 0) {
                    throw hf.fail(minutesKey, "expected " + expected);
                }
                out.put(minutesKey, every, DurationText.format(Duration.ofMillis(millis)));
            }
            case "best" -> out.put(nameKey, every, "best");
            default -> throw new IllegalStateException(strategy);
        }
        delay(action, strategy);
    }

    /** eval_delay counts steps or epochs, as the evaluation strategy does. */
    private void delay(String action, String strategy) {
        if (!action.equals("evaluate") || !hf.hasValue("eval_delay")) {
            return;
        }
        BigDecimal delay = hf.number("eval_delay", "a number of steps or epochs (as eval_strategy counts), at least 0");
        if (delay.signum() < 0) {
            throw hf.fail("eval_delay", "expected a number of steps or epochs (as eval_strategy counts), at least 0");
        }
        if (delay.signum() == 0 || strategy.equals("no")) {
            return;
        }
        switch (strategy) {
            case "steps" -> out.put("eval_delay", "schedule.evaluate.delay",
                    whole("eval_delay", delay, "a whole number of steps with eval_strategy steps") + " steps");
            case "epoch" -> out.put("eval_delay", "schedule.evaluate.delay", plain(delay) + " epochs");
            default -> throw hf.fail("eval_delay", "expected a delay counted in steps or epochs, so eval_strategy steps or epoch;"
                    + " for a delay in time set schedule.evaluate.delay, like 5m");
        }
    }

    private void learningRateSchedule() {
        BigDecimal warmupSteps = hf.optionalNumber("warmup_steps", "a whole number of steps, at least 0").orElse(BigDecimal.ZERO);
        if (warmupSteps.signum() > 0) {
            long steps = whole("warmup_steps", warmupSteps, "a whole number of steps, at least 0");
            out.put("warmup_steps", "lr_schedule.warmup", steps + " steps");
        } else if (warmupSteps.signum() < 0) {
            throw hf.fail("warmup_steps", "expected a whole number of steps, at least 0");
        } else if (hf.hasValue("warmup_ratio")) {
            BigDecimal ratio = hf.number("warmup_ratio", "a ratio of training in [0, 1]");
            if (ratio.signum() < 0 || ratio.compareTo(BigDecimal.ONE) > 0) {
                throw hf.fail("warmup_ratio", "expected a ratio of training in [0, 1]");
            }
            if (ratio.signum() > 0) {
                out.put("warmup_ratio", "lr_schedule.warmup", ofTraining("warmup_ratio", ratio).text());
            }
        }
        if (hf.hasValue("lr_scheduler_type")) {
            String kind = hf.word("lr_scheduler_type", SCHEDULERS);
            switch (kind) {
                case "linear", "cosine" -> {
                    out.put("lr_scheduler_type", "lr_schedule.name", kind);
                    out.put("lr_scheduler_type", "lr_schedule.decay", NullNode.instance);
                }
                case "constant" -> {
                    out.put("lr_scheduler_type", "lr_schedule.name", "constant");
                    out.put("lr_scheduler_type", "lr_schedule.warmup", "0 steps");
                }
                default -> out.put("lr_scheduler_type", "lr_schedule.name", "constant");
            }
        }
    }

    /** A step interval: whole steps, or below 1 a ratio of the training length. */
    private TrainingSpan steps(String key, BigDecimal value) {
        if (value.signum() <= 0) {
            throw hf.fail(key, "expected " + RATIO);
        }
        if (value.compareTo(BigDecimal.ONE) < 0) {
            return ofTraining(key, value);
        }
        return new TrainingSpan(BigDecimal.valueOf(whole(key, value, RATIO)), false);
    }

    /** A ratio of training: ceil(ratio × max_steps) steps, or ratio × num_train_epochs epochs. */
    private TrainingSpan ofTraining(String key, BigDecimal ratio) {
        if (length == null) {
            throw hf.fail(key, "a ratio of training needs max_steps or num_train_epochs in the same arguments");
        }
        BigDecimal amount = ratio.multiply(length.amount());
        if (!length.epochs()) {
            return new TrainingSpan(amount.setScale(0, RoundingMode.CEILING).max(BigDecimal.ONE), false);
        }
        return new TrainingSpan(amount.stripTrailingZeros(), true);
    }

    private long whole(String key, BigDecimal value, String expected) {
        try {
            return value.stripTrailingZeros().longValueExact();
        } catch (ArithmeticException e) {
            throw hf.fail(key, "expected " + expected);
        }
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
