package dev.metronome.bench.python;

import dev.metronome.bench.loop.ComparedLoop;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Loop A of {@code bench python}: a Python process running {@code torch_mlp_loop.py}, told over
 * its standard input how many steps to train and answering with the time they took (Python's
 * {@code time.perf_counter}), so the pipe's latency is not counted.
 */
final class PythonLoop implements ComparedLoop {

    private final Process process;
    private final BufferedReader replies;
    private final Writer commands;
    private final String readyLine;
    private double lastLoss = Double.NaN;

    /**
     * Starts the script and waits for its {@code ready} line.
     *
     * @param command interpreter, script and arguments
     * @param threads intra-op threads: also set as {@code OMP_NUM_THREADS}, {@code OPENBLAS_NUM_THREADS}
     *     and {@code MKL_NUM_THREADS} for the child
     * @param stderrLog where the child's standard error goes
     * @throws IOException if the process cannot be started or says something else than ready
     */
    PythonLoop(List<String> command, int threads, Path stderrLog) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderrLog.toFile());
        Map<String, String> environment = builder.environment();
        environment.put("OMP_NUM_THREADS", Integer.toString(threads));
        environment.put("OPENBLAS_NUM_THREADS", Integer.toString(threads));
        environment.put("MKL_NUM_THREADS", Integer.toString(threads));
        this.process = builder.start();
        this.replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        String line = replies.readLine();
        if (line == null || !line.startsWith("ready ")) {
            close();
            throw new IOException("the Python loop did not start (first line: " + line + "); see " + stderrLog);
        }
        this.readyLine = line.substring("ready ".length());
    }

    /** @return what the script reported at start, e.g. {@code torch=1.13.0a0 threads=1 numpy=1.24.2} */
    String versions() {
        return readyLine;
    }

    @Override
    public long run(long steps) {
        try {
            commands.write("run " + steps + "\n");
            commands.flush();
            String line = replies.readLine();
            String[] words = line == null ? new String[0] : line.split(" ");
            if (words.length != 4 || !words[0].equals("done")) {
                throw new IllegalStateException("the Python loop answered '" + line + "' to 'run " + steps + "'");
            }
            lastLoss = Double.parseDouble(words[3]);
            return Math.round(Double.parseDouble(words[2]) * 1e9);
        } catch (IOException e) {
            throw new UncheckedIOException("the Python loop stopped answering", e);
        }
    }

    @Override
    public double lastLoss() {
        return lastLoss;
    }

    @Override
    public void close() {
        try {
            commands.write("quit\n");
            commands.flush();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
