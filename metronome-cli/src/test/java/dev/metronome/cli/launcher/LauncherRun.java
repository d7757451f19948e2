package dev.metronome.cli.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One run of the {@code ./metronome} launcher in a working directory, its output kept in files. */
final class LauncherRun {

    static final Path LAUNCHER = Path.of(System.getProperty("metronome.launcher", "../metronome")).toAbsolutePath().normalize();

    final Process process;
    private final Path stdout;
    private final Path stderr;

    private LauncherRun(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    static LauncherRun start(Path workingDirectory, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(LAUNCHER.toString());
        command.addAll(List.of(arguments));
        Path out = Files.createTempFile(workingDirectory, "stdout", ".txt");
        Path err = Files.createTempFile(workingDirectory, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        return new LauncherRun(builder.start(), out, err);
    }

    /** Runs to the end and returns the exit status; fails if it takes longer than {@code timeout}. */
    int await(Duration timeout) throws IOException, InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("./metronome did not finish within " + timeout + "; stdout: " + out() + "; stderr: " + err());
        }
        return process.exitValue();
    }

    /** Waits until standard output has a line starting with {@code prefix} that satisfies the step test. */
    String awaitLine(String prefix, long minimumStep, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : outLines()) {
                if (line.startsWith(prefix) && stepOf(line) >= minimumStep) {
                    return line;
                }
            }
            if (process.waitFor(100, TimeUnit.MILLISECONDS)) {
                break;
            }
        }
        throw new AssertionError("no line '" + prefix + "…' at step >= " + minimumStep + " within " + timeout
                + "; stdout: " + out() + "; stderr: " + err());
    }

    static long stepOf(String line) {
        String[] words = line.split("[ ()]+");
        for (int i = 0; i + 1 < words.length; i++) {
            if (words[i].equals("step") && words[i + 1].matches("\\d+")) {
                return Long.parseLong(words[i + 1]);
            }
        }
        return -1;
    }

    List<String> outLines() throws IOException {
        return Files.readAllLines(stdout, StandardCharsets.UTF_8);
    }

    List<String> errLines() throws IOException {
        return Files.readAllLines(stderr, StandardCharsets.UTF_8);
    }

    String out() throws IOException {
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    String err() throws IOException {
        return Files.readString(stderr, StandardCharsets.UTF_8);
    }
}
