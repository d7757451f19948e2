package dev.metronome.cli.reproduce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metronome.cli.config.ConfigFiles;
import dev.metronome.cli.config.ConfigResolver;
import dev.metronome.cli.config.ConfigSource;
import dev.metronome.cli.config.RunConfig;
import dev.metronome.provenance.DatasetProvenance;
import dev.metronome.provenance.RunProvenance;
import java.util.List;

/**
 * The two configurations of a reproduction, both read from the recorded one.
 *
 * <ul>
 *   <li>{@code task}: builds the model, data and optimizer exactly as recorded — including the
 *       stop limits, from which a decaying learning-rate schedule takes its length — with the
 *       recorded intra-op thread count pinned and the data read from where the run recorded it.</li>
 *   <li>{@code run}: the same, but stops at exactly the recorded final step ({@code max_steps}, no
 *       epoch or time limit, no early stopping) and evaluates and saves only at the end. The number
 *       of steps determines the parameters; time-based triggers never do.</li>
 * </ul>
 *
 * @param task the configuration the task is built from
 * @param run the configuration the loop runs with (recorded in the reproduction's run.json)
 */
record ReproductionConfig(RunConfig task, RunConfig run) {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /**
     * Derives both configurations.
     *
     * @param recorded the run's provenance
     * @param outputDirectory where the reproduction is written
     * @return the configurations
     * @throws dev.metronome.cli.config.ConfigException if the recorded configuration is not valid for this Metronome
     */
    static ReproductionConfig of(RunProvenance recorded, String outputDirectory) {
        ConfigSource base = ConfigFiles.layer("run.json", recorded.config());
        ConfigSource pinned = ConfigFiles.layer("reproduce", pinned(recorded, outputDirectory));
        RunConfig task = ConfigResolver.resolve(base, List.of(pinned)).config();
        RunConfig run = ConfigResolver.resolve(base, List.of(pinned, ConfigFiles.layer("reproduce --max-steps",
                stopAtStep(recorded.finalStep())))).config();
        return new ReproductionConfig(task, run);
    }

    private static ObjectNode pinned(RunProvenance recorded, String outputDirectory) {
        ObjectNode tree = JSON.objectNode();
        tree.put("output_dir", outputDirectory);
        Integer intraOp = recorded.environment().threads().get("intra_op");
        if (recorded.config().at("/engine/threads").isNull() && intraOp != null) {
            tree.putObject("engine").put("threads", intraOp);
        }
        String dataName = recorded.config().at("/data/name").asText();
        List<DatasetProvenance> datasets = recorded.datasets();
        if (!datasets.isEmpty() && (dataName.equals("csv") || dataName.equals("fashion-mnist"))) {
            ObjectNode data = tree.putObject("data");
            data.put("path", datasets.get(0).source());
            JsonNode evalPath = recorded.config().at("/data/eval_path");
            if (dataName.equals("csv") && !evalPath.isMissingNode() && !evalPath.isNull() && datasets.get(0).files().size() > 1) {
                data.put("eval_path", datasets.get(0).files().get(1).path());
            }
        }
        return tree;
    }

    private static ObjectNode stopAtStep(long finalStep) {
        ObjectNode tree = JSON.objectNode();
        ObjectNode training = tree.putObject("training");
        training.put("max_steps", finalStep);
        training.putNull("max_epochs");
        training.putNull("max_time");
        // The recorded final step is the loaded best's when the run loaded its best: train exactly to it.
        training.put("load_best_at_end", false);
        ObjectNode schedule = tree.putObject("schedule");
        for (String action : List.of("evaluate", "save")) {
            ObjectNode node = schedule.putObject(action);
            node.put("every", "no");
            node.put("first_step", false);
            node.put("at_end", true);
            node.put("delay", "no");
        }
        ((ObjectNode) schedule.get("evaluate")).putNull("max_fraction");
        schedule.putNull("early_stopping");
        return tree;
    }
}
