package dev.metronome.coordination;

import dev.metronome.schedule.Action;
import dev.metronome.schedule.BoundaryInput;
import dev.metronome.schedule.StopReason;
import dev.metronome.task.Evaluation;
import dev.metronome.time.ElapsedTime;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The wire form of the values ranks agree on: a tag byte, then the fields in a fixed order
 * (big-endian, as {@link DataOutputStream} writes them). Only the types the loop agrees on are
 * known: null, {@link Boolean}, {@link Long}, {@link StopReason}, {@link BoundaryInput},
 * {@link Evaluation}. Doubles travel as their IEEE bits, so values (NaN included) arrive exactly.
 */
final class AgreedValues {

    private static final byte NULL = 0;
    private static final byte BOOLEAN = 1;
    private static final byte LONG = 2;
    private static final byte STOP_REASON = 3;
    private static final byte BOUNDARY = 4;
    private static final byte EVALUATION = 5;

    private AgreedValues() {}

    static byte[] encode(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            if (value == null) {
                out.writeByte(NULL);
            } else if (value instanceof Boolean flag) {
                out.writeByte(BOOLEAN);
                out.writeBoolean(flag);
            } else if (value instanceof Long number) {
                out.writeByte(LONG);
                out.writeLong(number);
            } else if (value instanceof StopReason reason) {
                out.writeByte(STOP_REASON);
                out.writeByte(reason.ordinal());
            } else if (value instanceof BoundaryInput input) {
                out.writeByte(BOUNDARY);
                writeBoundary(out, input);
            } else if (value instanceof Evaluation evaluation) {
                out.writeByte(EVALUATION);
                writeEvaluation(out, evaluation);
            } else {
                throw new IllegalArgumentException("ranks cannot agree on a " + value.getClass().getName()
                        + "; known: Boolean, Long, StopReason, BoundaryInput, Evaluation");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Object decode(byte[] message) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(message))) {
            byte tag = in.readByte();
            return switch (tag) {
                case NULL -> null;
                case BOOLEAN -> in.readBoolean();
                case LONG -> in.readLong();
                case STOP_REASON -> StopReason.values()[in.readByte()];
                case BOUNDARY -> readBoundary(in);
                case EVALUATION -> readEvaluation(in);
                default -> throw new CoordinationException("unknown agreed-value tag " + tag + " from rank 0", null);
            };
        } catch (IOException e) {
            throw new CoordinationException("a message from rank 0 is cut short (" + message.length + " bytes)", e);
        }
    }

    private static void writeBoundary(DataOutputStream out, BoundaryInput input) throws IOException {
        out.writeLong(input.step());
        ElapsedTime elapsed = input.elapsed();
        out.writeLong(elapsed.wallNanos());
        out.writeLong(elapsed.evaluationNanos());
        out.writeLong(elapsed.saveNanos());
        out.writeLong(elapsed.lastEvaluationNanos());
        out.writeLong(elapsed.lastSaveNanos());
        out.writeByte(input.stopRequest() == null ? -1 : input.stopRequest().ordinal());
        int requested = 0;
        for (Action action : input.requested()) {
            requested |= 1 << action.ordinal();
        }
        out.writeInt(requested);
    }

    private static BoundaryInput readBoundary(DataInputStream in) throws IOException {
        long step = in.readLong();
        ElapsedTime elapsed = new ElapsedTime(in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong());
        byte stop = in.readByte();
        int requestedBits = in.readInt();
        Set<Action> requested = EnumSet.noneOf(Action.class);
        for (Action action : Action.values()) {
            if ((requestedBits & (1 << action.ordinal())) != 0) {
                requested.add(action);
            }
        }
        return new BoundaryInput(step, elapsed, stop < 0 ? null : StopReason.values()[stop], requested);
    }

    private static void writeEvaluation(DataOutputStream out, Evaluation evaluation) throws IOException {
        out.writeLong(evaluation.samples());
        out.writeInt(evaluation.metrics().size());
        for (Map.Entry<String, Double> metric : evaluation.metrics().entrySet()) {
            out.writeUTF(metric.getKey());
            out.writeLong(Double.doubleToRawLongBits(metric.getValue()));
        }
    }

    private static Evaluation readEvaluation(DataInputStream in) throws IOException {
        long samples = in.readLong();
        int count = in.readInt();
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            metrics.put(in.readUTF(), Double.longBitsToDouble(in.readLong()));
        }
        return new Evaluation(metrics, samples);
    }
}
