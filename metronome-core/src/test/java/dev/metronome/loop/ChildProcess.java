package dev.metronome.loop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A {@link ChildTraining} JVM whose standard output is read line by line on a daemon thread. */
final class ChildProcess {

    final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    final List<String> seen = new ArrayList<>();

    private ChildProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("<stdout closed: " + e.getMessage() + ">");
            }
        }, "child-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    static ChildProcess start(Path runDir, long maxSteps, String mode) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ChildTraining.class.getName(), runDir.toString(), Long.toString(maxSteps), mode);
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        return new ChildProcess(builder.start());
    }

    /** Waits for a line starting with {@code prefix}; returns it, or fails after {@code timeout}. */
    String awaitLine(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("no line starting with '" + prefix + "' within " + timeout + "; saw " + seen);
            }
            seen.add(line);
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /**
     * Waits until the child has reported {@code count} more steps ("step N" lines), or has stopped
     * ("stopped …"), or {@code timeout} has passed, whichever comes first.
     */
    void awaitStepReports(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int reports = 0;
        while (reports < count) {
            long left = deadline - System.nanoTime();
            String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
            if (line == null) {
                return;
            }
            seen.add(line);
            if (line.startsWith("stopped")) {
                return;
            }
            if (line.startsWith("step ")) {
                reports++;
            }
        }
    }

    /** Drains what the child printed so far. */
    List<String> output() {
        lines.drainTo(seen);
        return seen;
    }
}
