package dev.metronome.metrics.tensorboard;

import java.util.Map;

/**
 * Encodes the TensorBoard {@code Event} messages Metronome writes (field numbers from TensorFlow's
 * {@code event.proto} and {@code summary.proto}):
 * <pre>
 * Event   { double wall_time = 1; int64 step = 2; string file_version = 3; Summary summary = 5;
 *           SessionLog session_log = 7; }
 * Summary { repeated Value value = 1; }
 * Value   { string tag = 1; float simple_value = 2; }
 * SessionLog { SessionStatus status = 1; }   // START = 1
 * </pre>
 */
final class TensorBoardEvents {

    /** The file version TensorBoard expects in the first record of an event file. */
    static final String FILE_VERSION = "brain.Event:2";

    private static final int EVENT_WALL_TIME = 1;
    private static final int EVENT_STEP = 2;
    private static final int EVENT_FILE_VERSION = 3;
    private static final int EVENT_SUMMARY = 5;
    private static final int EVENT_SESSION_LOG = 7;
    private static final int SUMMARY_VALUE = 1;
    private static final int VALUE_TAG = 1;
    private static final int VALUE_SIMPLE_VALUE = 2;
    private static final int SESSION_LOG_STATUS = 1;
    private static final int SESSION_STATUS_START = 1;

    private TensorBoardEvents() {}

    /** The first event of every file: wall time and file version. */
    static byte[] fileVersion(double wallTimeSeconds) {
        return new ProtoWriter()
                .doubleField(EVENT_WALL_TIME, wallTimeSeconds)
                .stringField(EVENT_FILE_VERSION, FILE_VERSION)
                .toByteArray();
    }

    /** One event carrying a scalar per tag, in the map's order. */
    static byte[] scalars(double wallTimeSeconds, long step, Map<String, Float> valuesByTag) {
        ProtoWriter summary = new ProtoWriter();
        valuesByTag.forEach((tag, value) -> summary.bytesField(SUMMARY_VALUE, new ProtoWriter()
                .stringField(VALUE_TAG, tag)
                .floatField(VALUE_SIMPLE_VALUE, value)
                .toByteArray()));
        return new ProtoWriter()
                .doubleField(EVENT_WALL_TIME, wallTimeSeconds)
                .varintField(EVENT_STEP, step)
                .bytesField(EVENT_SUMMARY, summary.toByteArray())
                .toByteArray();
    }

    /** A {@code SessionLog.START} event: TensorBoard discards earlier points whose step is at least {@code step}. */
    static byte[] sessionStart(double wallTimeSeconds, long step) {
        return new ProtoWriter()
                .doubleField(EVENT_WALL_TIME, wallTimeSeconds)
                .varintField(EVENT_STEP, step)
                .bytesField(EVENT_SESSION_LOG, new ProtoWriter()
                        .varintField(SESSION_LOG_STATUS, SESSION_STATUS_START)
                        .toByteArray())
                .toByteArray();
    }
}
