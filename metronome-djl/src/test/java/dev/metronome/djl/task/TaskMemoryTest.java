package dev.metronome.djl.task;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.metronome.djl.engine.EngineSetup;
import dev.metronome.djl.model.ActivationKind;
import dev.metronome.djl.model.MlpSpec;
import dev.metronome.optim.AdamSpec;
import dev.metronome.task.StepContext;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Engine memory stays flat over a long run: every step's and every evaluation batch's arrays live
 * in a sub-manager that is closed when it ends.
 */
class TaskMemoryTest {

    private static final long MIB = 1024 * 1024;

    @BeforeAll
    static void startEngine() {
        EngineSetup.start();
    }

    @Test
    void liveArraysAndResidentMemory_stayFlat_overThousandsOfStepsAndEvaluations() throws IOException {
        try (DjlTrainingTask task = DjlTrainingTask.builder()
                .setData(TaskData.fashion(2000, 256))
                .setModel(new MlpSpec(new Shape(784), List.of(8), 10, ActivationKind.RELU, 0.2))
                .optOptimizer(AdamSpec.adamW())
                .optBatchSize(128)
                .optGradientAccumulation(2)
                .optMaxGradientNorm(1.0)
                .build()) {
            long step = 1;
            for (; step <= 200; step++) {
                task.trainStep(StepContext.of(step, task.stepsPerEpoch()));
            }
            task.evaluate(() -> false);
            int liveArrays = task.manager().getManagedArrays().size();
            long residentBytes = residentBytes();

            for (; step <= 2200; step++) {
                task.trainStep(StepContext.of(step, task.stepsPerEpoch()));
                if (step % 400 == 0) {
                    task.evaluate(() -> false);
                }
            }
            long growth = residentBytes() - residentBytes;
            long heapCommitted = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();

            assertThat(task.manager().getManagedArrays()).hasSize(liveArrays);
            // Resident memory also grows while the Java heap is touched for the first time (up to its
            // committed size, a few hundred MiB here), so only growth beyond that counts as native.
            // 2,000 steps each build 2 micro-batches of 128 x 784 floats (784 KiB a step): leaking
            // them alone would add about 1.5 GiB; DJL's own way of creating arrays from Java data
            // grew it by 800 MiB over 3,000 smaller steps before NDListBatcher reused its buffer.
            assertThat(growth - heapCommitted)
                    .as("resident growth %d MiB, heap committed %d MiB", growth / MIB, heapCommitted / MIB)
                    .isLessThan(64 * MIB);

            // the count does see an array left behind in the task's manager
            NDArray leaked = task.manager().zeros(new Shape(3));
            assertThat(task.manager().getManagedArrays()).hasSize(liveArrays + 1);
            leaked.close();
        }
    }

    /** The process's resident set size, from {@code /proc/self/status} (Linux). */
    private static long residentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("/proc/self/status has no VmRSS line");
    }
}
