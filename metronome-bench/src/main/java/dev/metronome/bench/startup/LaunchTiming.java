package dev.metronome.bench.startup;

import dev.metronome.time.Clock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One launch of the command line, timed from just before the process starts to the first console
 * line that reports step 1 and to the process's exit.
 *
 * @param firstStepSeconds seconds to the {@code step 1} line; NaN when none came
 * @param exitSeconds seconds to the exit
 * @param exitCode the exit status
 * @param firstLines the first lines of output, for an error message
 */
record LaunchTiming(double firstStepSeconds, double exitSeconds, int exitCode, String firstLines) {

    /**
     * Launches and waits.
     *
     * @param command the command
     * @param environment variables to set ({@code null} value: remove)
     * @param stderrLog where standard error goes
     * @param timeoutSeconds how long to wait at most
     * @return the timing
     * @throws IOException if the process cannot be started
     */
    static LaunchTiming launch(List<String> command, Map<String, String> environment, Path stderrLog, long timeoutSeconds)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderrLog.toFile());
        environment.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        long start = Clock.SYSTEM.monotonicNanos();
        Process process = builder.start();
        double firstStep = Double.NaN;
        StringBuilder firstLines = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (Double.isNaN(firstStep) && (line.startsWith("step 1 ") || line.startsWith("step 1/"))) {
                    firstStep = (Clock.SYSTEM.monotonicNanos() - start) / 1e9;
                }
                if (firstLines.length() < 2000) {
                    firstLines.append(line).append('\n');
                }
            }
        }
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish in " + timeoutSeconds + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while waiting for " + command.get(0), e);
        }
        double exit = (Clock.SYSTEM.monotonicNanos() - start) / 1e9;
        return new LaunchTiming(firstStep, exit, process.exitValue(), firstLines.toString());
    }
}
