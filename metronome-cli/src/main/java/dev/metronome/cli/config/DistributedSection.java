package dev.metronome.cli.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metronome.localsgd.LocalSgd;
import dev.metronome.localsgd.OuterOptimizer;
import dev.metronome.schedule.ActionSchedule;
import java.util.List;
import java.util.Objects;

/**
 * {@code distributed:} — how the ranks of a multi-process run meet.
 *
 * @param sync {@code every_step} (synchronous data parallelism: one all-reduce of the gradients
 *     per step) or a trigger list ({@code 30s}, {@code 500 steps}, {@code "30s, 500 steps"}):
 *     local SGD, where each rank trains on its own shard at its own speed and the ranks average
 *     their parameter change whenever rank 0's rhythm fires
 * @param outer the outer update at a synchronisation: {@code average} or {@code nesterov} (DiLoCo)
 * @param outerLr the outer learning rate, for {@code nesterov}
 * @param outerMomentum the outer momentum, for {@code nesterov}
 */
public record DistributedSection(String sync, String outer, double outerLr, double outerMomentum) {

    /** The synchronous default. */
    public static final String EVERY_STEP = "every_step";

    /** Outer update names. */
    public static final List<String> OUTERS = List.of("average", "nesterov");

    /** The defaults of the schema; DiLoCo's published outer learning rate and momentum. */
    public static final DistributedSection DEFAULT = new DistributedSection(EVERY_STEP, "average",
            OuterOptimizer.DILOCO.learningRate(), OuterOptimizer.DILOCO.momentum());

    /** Checks for nulls. */
    public DistributedSection {
        Objects.requireNonNull(sync, "sync");
        Objects.requireNonNull(outer, "outer");
    }

    /** @return the local SGD settings, or null when the ranks synchronise every step */
    public LocalSgd localSgd() {
        if (sync.equals(EVERY_STEP)) {
            return null;
        }
        OuterOptimizer update = outer.equals("nesterov") ? OuterOptimizer.nesterov(outerLr, outerMomentum)
                : OuterOptimizer.AVERAGE;
        return new LocalSgd(ActionSchedule.every(sync), update);
    }

    static DistributedSection read(ConfigReader r) {
        String sync = r.text("sync", "every_step or a trigger list such as 30s, 500 steps or \"30s, 500 steps\"");
        String outer = r.choice("outer", OUTERS);
        double outerLr = r.number("outer_lr", NumberRange.POSITIVE);
        double outerMomentum = r.number("outer_momentum", NumberRange.UNIT_HALF_OPEN);
        r.finish();
        DistributedSection section = new DistributedSection(sync.trim(), outer, outerLr, outerMomentum);
        if (!section.sync.equals(EVERY_STEP)) {
            try {
                section.localSgd();
            } catch (IllegalArgumentException e) {
                String problem = e.getMessage().contains("expected") ? e.getMessage().replace("expected", "expected every_step, or")
                        : (e.getMessage().startsWith("\"") ? "" : "\"" + sync + "\": ") + e.getMessage()
                                + "; expected every_step or steps, epochs or time";
                throw r.syntax("sync", new IllegalArgumentException(problem, e));
            }
        }
        return section;
    }

    ObjectNode toTree() {
        ObjectNode node = ConfigTrees.object();
        node.put("sync", sync);
        node.put("outer", outer);
        node.put("outer_lr", outerLr);
        node.put("outer_momentum", outerMomentum);
        return node;
    }
}
