package dev.metronome.checkpoint;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of the files and directories that make up a run's checkpoints:
 *
 * <pre>
 * &lt;run&gt;/checkpoints/checkpoint-&lt;step&gt;/
 *     model.safetensors  optimizer.safetensors  trainer_state.json  [config.json]  manifest.json
 * </pre>
 *
 * Directories whose names start with a dot are the store's own work in progress and are never
 * checkpoints.
 */
public final class CheckpointLayout {

    /** The directory inside a run directory that holds its checkpoints. */
    public static final String CHECKPOINTS_DIR = "checkpoints";
    /** Model parameters, safetensors. */
    public static final String MODEL_FILE = "model.safetensors";
    /** Optimizer state, safetensors. */
    public static final String OPTIMIZER_FILE = "optimizer.safetensors";
    /** Everything else needed to resume, JSON. */
    public static final String TRAINER_STATE_FILE = "trainer_state.json";
    /** The run configuration, JSON; present only when the payload has one. */
    public static final String CONFIG_FILE = "config.json";
    /** Sizes and SHA-256 of every other file; written last. */
    public static final String MANIFEST_FILE = "manifest.json";
    /** Files every checkpoint must have besides the manifest. */
    public static final List<String> REQUIRED_FILES = List.of(MODEL_FILE, OPTIMIZER_FILE, TRAINER_STATE_FILE);

    /** Prefix of a checkpoint being written: {@code .tmp-checkpoint-<step>-<random>}. */
    static final String TEMP_PREFIX = ".tmp-";
    /** Prefix of a checkpoint moved aside while a new one of the same step replaces it. */
    static final String REPLACED_PREFIX = ".replaced-";
    /** Prefix of a checkpoint being deleted by retention. */
    static final String TRASH_PREFIX = ".trash-";

    private static final String DIR_PREFIX = "checkpoint-";
    private static final Pattern DIR_NAME = Pattern.compile("checkpoint-(0|[1-9][0-9]{0,18})");

    private CheckpointLayout() {}

    /**
     * Returns the checkpoints directory of a run.
     *
     * @param runDir the run directory
     * @return {@code runDir/checkpoints}
     */
    public static Path checkpointsDir(Path runDir) {
        return runDir.resolve(CHECKPOINTS_DIR);
    }

    /**
     * Returns the directory name of a step's checkpoint.
     *
     * @param step the global step, at least 0
     * @return {@code checkpoint-<step>}, the step in plain decimal
     */
    public static String dirName(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
        return DIR_PREFIX + step;
    }

    /**
     * Parses a checkpoint directory name.
     *
     * @param name a file name
     * @return the step when the name is exactly {@code checkpoint-<step>} (no leading zeros),
     *     otherwise empty
     */
    public static OptionalLong parseStep(String name) {
        Matcher matcher = DIR_NAME.matcher(name);
        if (!matcher.matches()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(matcher.group(1)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Recovers the checkpoint directory name from a {@code .replaced-checkpoint-<step>-<random>} name. */
    static OptionalLong parseReplacedStep(String name) {
        if (!name.startsWith(REPLACED_PREFIX)) {
            return OptionalLong.empty();
        }
        String rest = name.substring(REPLACED_PREFIX.length());
        int dash = rest.lastIndexOf('-');
        return dash < 0 ? OptionalLong.empty() : parseStep(rest.substring(0, dash));
    }
}
