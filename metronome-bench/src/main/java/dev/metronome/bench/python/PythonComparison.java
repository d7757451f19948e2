package dev.metronome.bench.python;

import dev.metronome.bench.loop.AlternatingRounds;
import dev.metronome.bench.loop.LoopOverhead;
import dev.metronome.bench.loop.RoundSettings;
import dev.metronome.data.DataSplits;
import dev.metronome.data.ExampleSet;
import dev.metronome.djl.engine.EngineSetup;
import dev.metronome.djl.model.MlpSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench python}: Metronome's loop against a plain PyTorch eager loop in Python (Debian's
 * {@code python3-torch}), same MLP 784-128-10, Adam 1e-3, batch 64 and 256, same examples, same
 * intra-op thread count, rounds alternating in one session after a warm-up of both. Metronome's
 * side is {@link AlternatingRounds}' loop B (logging, evaluating and saving on time triggers); the
 * Python side only trains. Reports Metronome/Python throughput per round and its median.
 *
 * <p>When the interpreter or its {@code torch} module is missing, prints {@code skipped: <why>}
 * and returns normally.
 */
public final class PythonComparison {

    /** Configuration names for {@code --only}. */
    public static final List<String> CONFIGURATIONS = List.of("mlp64", "mlp256");

    /** The interpreter used unless {@code --python} names another. */
    public static final String DEFAULT_PYTHON = "/usr/bin/python3";

    private static final String SCRIPT = "torch_mlp_loop.py";

    private PythonComparison() {}

    /**
     * Runs the benchmark and prints its report.
     *
     * @param args {@link RoundSettings#USAGE} and {@code --python PATH}
     * @param threads the intra-op threads of this process's engine; the Python side gets as many
     * @throws IOException if the temporary files cannot be written
     */
    public static void run(List<String> args, int threads) throws IOException {
        List<String> rest = new ArrayList<>(args);
        String python = DEFAULT_PYTHON;
        int index = rest.indexOf("--python");
        if (index >= 0) {
            if (index + 1 >= rest.size()) {
                throw new IllegalArgumentException("--python needs a path");
            }
            python = rest.get(index + 1);
            rest.subList(index, index + 2).clear();
        }
        RoundSettings settings = RoundSettings.parse(rest, CONFIGURATIONS);
        System.out.println("== against Python: Metronome's loop (B) against a PyTorch eager loop in Python (A)");
        String problem = checkPython(python);
        if (problem != null) {
            System.out.println("skipped: " + problem);
            System.out.println();
            return;
        }
        System.out.println("Python side (" + python + "), torch.__config__.show():");
        pythonConfig(python).lines().forEach(line -> System.out.println("  " + line));
        String engine = EngineSetup.current().map(info -> info.engineName() + " " + info.engineVersion() + " through DJL "
                + info.djlVersion() + ", " + info.intraOpThreads() + " intra-op / " + info.interOpThreads()
                + " inter-op threads").orElse("engine not started");
        System.out.println("Metronome side: " + engine + " (no torch.__config__ from Java; what the loaded library"
                + " shows):");
        NativeTorchBuild.describe().forEach(line -> System.out.println("  " + line));
        Path directory = Files.createTempDirectory("metronome-bench-python-");
        try {
            DataSplits data = LoopOverhead.miniData();
            Path script = directory.resolve(SCRIPT);
            try (InputStream in = PythonComparison.class.getResourceAsStream(SCRIPT)) {
                Files.copy(in, script);
            }
            Path features = directory.resolve("features.f32");
            Path labels = directory.resolve("labels.i64");
            writeExamples(data.train(), features, labels);
            System.out.println("A: " + python + " " + SCRIPT + " (bench module resources): nn.Sequential(Linear, ReLU, Linear),"
                    + " torch.optim.Adam(lr=0.001, foreach=True), F.cross_entropy, loss.item() every step; one intra-op"
                    + " thread per --threads and one inter-op thread");
            System.out.println("B: Metronome: " + AlternatingRounds.METRONOME_SCHEDULE);
            System.out.printf(Locale.ROOT, "threads: %d intra-op on both sides (Python also OMP_NUM_THREADS=OPENBLAS_NUM_THREADS=%d)%n",
                    threads, threads);
            System.out.println("settings: " + settings.describe());
            System.out.printf(Locale.ROOT, "data: %s, %d train examples (the same float32 values on both sides), %d eval examples%n",
                    data.info().name(), data.train().size(), data.eval().size());
            List<String> summary = new ArrayList<>();
            for (int batchSize : new int[] {64, 256}) {
                if (!settings.runs("mlp" + batchSize)) {
                    continue;
                }
                List<String> command = List.of(python, script.toString(), "--features", features.toString(), "--labels",
                        labels.toString(), "--examples", Integer.toString(data.train().size()), "--batch",
                        Integer.toString(batchSize), "--threads", Integer.toString(threads));
                try (PythonLoop loop = new PythonLoop(command, threads, directory.resolve("python-" + batchSize + ".log"))) {
                    System.out.println("python: " + loop.versions());
                    summary.add(AlternatingRounds.measure("MLP 784-128-10, batch " + batchSize, loop, MlpSpec.of(784, 10, 128),
                            data, batchSize, batchSize == 64 ? 1500 : 800, settings));
                }
            }
            System.out.println("(B/A = Metronome/Python)");
            AlternatingRounds.printSummary(summary);
        } finally {
            AlternatingRounds.deleteTree(directory);
        }
    }

    /** The Python side's torch version, build configuration and CPU capability, as torch reports them. */
    private static String pythonConfig(String python) {
        try {
            Process process = new ProcessBuilder(python, "-c", "import torch; print('torch ' + torch.__version__);"
                    + " print(torch.__config__.show())").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            process.waitFor(60, TimeUnit.SECONDS);
            return output;
        } catch (IOException e) {
            return "cannot be read: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Returns why Python cannot run the loop, or null when it can. */
    private static String checkPython(String python) {
        if (!Files.isExecutable(Path.of(python))) {
            return python + " not found; install it with: apt-get install -y python3-torch libopenblas0-pthread";
        }
        try {
            Process process = new ProcessBuilder(python, "-c", "import numpy, torch; print(torch.__version__)")
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes()).trim();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                String[] lines = output.split("\n");
                return python + " cannot import torch (" + lines[lines.length - 1]
                        + "); install it with: apt-get install -y python3-torch libopenblas0-pthread";
            }
            return null;
        } catch (IOException e) {
            return python + " cannot be run: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while checking " + python;
        }
    }

    private static void writeExamples(ExampleSet train, Path features, Path labels) throws IOException {
        float[] values = train.features();
        ByteBuffer featureBytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        featureBytes.asFloatBuffer().put(values);
        write(features, featureBytes);
        int[] classes = train.labels();
        ByteBuffer labelBytes = ByteBuffer.allocate(classes.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int label : classes) {
            labelBytes.putLong(label);
        }
        labelBytes.flip();
        write(labels, labelBytes);
    }

    private static void write(Path path, ByteBuffer bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }
    }
}
