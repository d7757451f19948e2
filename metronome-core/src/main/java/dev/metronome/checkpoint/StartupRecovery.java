package dev.metronome.checkpoint;

import dev.metronome.files.FileTrees;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Finishes or undoes whatever a previous process left half-done in a checkpoints directory:
 * <ul>
 *   <li>{@code .tmp-checkpoint-*}: a write that never reached its rename; deleted.
 *   <li>{@code .trash-checkpoint-*}: a retention deletion that was cut short; deleted.
 *   <li>{@code .replaced-checkpoint-<step>-*}: an older checkpoint moved aside while a new one of
 *       the same step was installed; deleted when {@code checkpoint-<step>} exists, otherwise
 *       renamed back so that the step keeps its old, complete checkpoint.
 * </ul>
 */
final class StartupRecovery {

    private StartupRecovery() {}

    /**
     * Runs the recovery.
     *
     * @return one line per action taken, for the caller to log or report
     */
    static List<String> run(Path checkpointsDir) throws IOException {
        List<Path> leftovers = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(checkpointsDir, ".*-checkpoint-*")) {
            stream.forEach(leftovers::add);
        }
        leftovers.sort(null);
        List<String> actions = new ArrayList<>();
        for (Path leftover : leftovers) {
            String name = leftover.getFileName().toString();
            OptionalLong replacedStep = CheckpointLayout.parseReplacedStep(name);
            if (replacedStep.isPresent()) {
                Path original = checkpointsDir.resolve(CheckpointLayout.dirName(replacedStep.getAsLong()));
                if (Files.exists(original, LinkOption.NOFOLLOW_LINKS)) {
                    FileTrees.deleteRecursively(leftover);
                    actions.add("removed " + name + ", already replaced by " + original.getFileName());
                } else {
                    Directories.renameAtomically(leftover, original);
                    actions.add("restored " + original.getFileName() + " from " + name
                            + " (its replacement was never installed)");
                }
            } else if (name.startsWith(CheckpointLayout.TEMP_PREFIX)) {
                FileTrees.deleteRecursively(leftover);
                actions.add("removed incomplete " + name);
            } else if (name.startsWith(CheckpointLayout.TRASH_PREFIX)) {
                FileTrees.deleteRecursively(leftover);
                actions.add("finished deleting " + name);
            }
        }
        if (!actions.isEmpty()) {
            Directories.fsync(checkpointsDir);
        }
        return actions;
    }
}
