package dev.metronome.cli;

import java.nio.file.Path;

/** Creates {@link CliHarness}es for tests in other packages. */
public final class CliTestSupport {

    private CliTestSupport() {}

    /**
     * Creates a harness.
     *
     * @param workingDirectory the temporary working directory
     * @return the harness
     */
    public static CliHarness harness(Path workingDirectory) {
        return new CliHarness(workingDirectory);
    }
}
