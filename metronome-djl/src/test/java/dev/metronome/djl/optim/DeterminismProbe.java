package dev.metronome.djl.optim;

import dev.metronome.optim.AdamSpec;
import dev.metronome.optim.NonFinitePolicy;
import dev.metronome.optim.schedule.LearningRateSchedule;
import dev.metronome.djl.engine.EngineSetup;
import dev.metronome.tensor.TensorData;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Trains the {@link TrainFixture} model (dropout, Adam, clipping, two micro-batches) for a few
 * steps and prints the parameter names and a SHA-256 of every parameter's bytes. Run in a child
 * JVM by {@link ProcessDeterminismTest} and in the test's own JVM; the lines must be equal.
 */
public final class DeterminismProbe {

    private DeterminismProbe() {}

    /**
     * Prints the names and the digest.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        EngineSetup.start();
        System.out.println(run());
    }

    static String run() {
        try (TrainFixture fixture = new TrainFixture(0.5, AdamSpec.adamW(),
                dev.metronome.optim.schedule.LearningRateSchedule.constant(0.01), 1.0, NonFinitePolicy.STOP)) {
            double lastLoss = 0;
            for (long step = 1; step <= 4; step++) {
                lastLoss = fixture.run(step, 2, 4).loss();
            }
            return "names=" + fixture.parameters.names() + " loss=" + lastLoss
                    + " sha256=" + digest(fixture.parameters.exportTensors());
        }
    }

    private static String digest(Map<String, TensorData> tensors) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, TensorData> entry : tensors.entrySet()) {
                sha.update(entry.getKey().getBytes(StandardCharsets.UTF_8));
                sha.update(entry.getValue().toByteArray());
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
