package dev.metronome.cli.command;

import dev.metronome.provenance.BuildInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What {@code metronome --version} prints: Metronome, engine libraries, Java and the OS. */
public final class VersionText {

    private VersionText() {}

    /**
     * Builds the version lines.
     *
     * @param engines engine library name to version, for example {@code djl -> 0.35.1}
     * @return the lines, Metronome first
     */
    public static String[] lines(Map<String, String> engines) {
        BuildInfo build = BuildInfo.current();
        List<String> lines = new ArrayList<>();
        lines.add("Metronome " + build.version() + build.gitCommit().map(commit -> " (commit " + commit + ")").orElse(""));
        engines.forEach((name, version) -> lines.add(display(name) + " " + version));
        lines.add("Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        return lines.toArray(String[]::new);
    }

    private static String display(String library) {
        return switch (library) {
            case "djl" -> "DJL";
            case "pytorch" -> "PyTorch";
            default -> library;
        };
    }
}
