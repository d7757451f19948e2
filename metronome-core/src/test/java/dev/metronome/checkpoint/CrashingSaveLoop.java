package dev.metronome.checkpoint;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metronome.checkpoint.retention.RetentionPolicy;
import dev.metronome.tensor.DType;
import dev.metronome.tensor.TensorData;
import dev.metronome.time.Clock;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The child process of {@link CheckpointCrashTest}: resumes from the latest valid checkpoint, then
 * saves checkpoints of growing step in a tight loop (the first one re-saves the resumed step, so
 * that replacing a checkpoint is exercised too) until it is killed. Prints {@code written <step>}
 * for every completed save.
 *
 * <p>Arguments: checkpoints directory, seed, tensor size in MiB.
 */
public final class CrashingSaveLoop {

    private CrashingSaveLoop() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Random random = new Random(Long.parseLong(args[1]));
        int tensorBytes = Integer.parseInt(args[2]) << 20;
        CheckpointStore store = CheckpointStore.open(dir, Clock.SYSTEM);
        long step = store.latestValid().checkpoint().map(CheckpointInfo::step).orElse(1L);
        CheckpointWriterBuilder builder = CheckpointWriter.builder(store)
                .retention(RetentionPolicy.builder().keepLast(2).keepEverySteps(10).build())
                .whenBusy(BusyPolicy.WAIT);
        builder.protectStep(step);
        byte[] base = new byte[tensorBytes];
        random.nextBytes(base);
        try (CheckpointWriter writer = builder.build()) {
            while (true) {
                writer.save(payload(step, base, random));
                for (SaveResult result : writer.drainCompleted()) {
                    System.out.println("written " + result.step());
                    System.out.flush();
                }
                step++;
            }
        }
    }

    private static CheckpointPayload payload(long step, byte[] base, Random random) {
        Map<String, TensorData> model = new LinkedHashMap<>();
        Map<String, TensorData> optimizer = new LinkedHashMap<>();
        for (String name : new String[] {"encoder.weight", "decoder.weight"}) {
            byte[] weights = base.clone();
            weights[random.nextInt(weights.length)] = (byte) step;
            model.put(name, TensorData.wrap(DType.F32, new long[] {weights.length / 4}, weights));
            optimizer.put(name + ".exp_avg", TensorData.wrap(DType.F32, new long[] {weights.length / 4}, base));
        }
        ObjectNode state = JsonNodeFactory.instance.objectNode().put("global_step", step);
        return new CheckpointPayload(step, step / 100, step * 0.25, model, optimizer, state, null, null);
    }
}
