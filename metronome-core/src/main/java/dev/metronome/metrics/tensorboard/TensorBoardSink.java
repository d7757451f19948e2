package dev.metronome.metrics.tensorboard;

import dev.metronome.metrics.MetricEvent;
import dev.metronome.metrics.MetricEventType;
import dev.metronome.metrics.MetricSink;
import dev.metronome.time.Clock;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a TensorBoard event file, {@code tensorboard/events.out.tfevents.<unix-seconds>.<host>},
 * so that {@code tensorboard --logdir <run directory>} shows the run's scalars.
 *
 * <p>The file is a sequence of {@linkplain TfRecords TFRecords}. The first holds an {@code Event}
 * with the wall time and {@code file_version = "brain.Event:2"}. Each metric event with numeric
 * values then becomes one {@code Event} with the event's wall time (its timestamp, in seconds),
 * its step, and one {@code simple_value} per value under the tag given by {@link TensorBoardTags}.
 *
 * <p><b>Resume.</b> Each opened sink writes a new file (a resumed run adds one beside the earlier
 * ones; if the name is taken, {@code .1}, {@code .2}, … is appended). Before the first metric
 * event of a file the sink writes a {@code SessionLog.START} event: at step {@code S + 1} when that
 * event is a {@code resume} event at step {@code S} (the checkpoint's step), otherwise at step 0.
 * TensorBoard treats every START after the first as a restart and hides earlier points at or after
 * its step, so the curves of steps that were run again after a crash are not drawn twice. A later
 * {@code resume} event in the same file writes such a START too.
 *
 * <p>Every metric event is written with one write call before {@link #write} returns.
 */
public final class TensorBoardSink implements MetricSink {

    /** The sub-directory of a run directory that holds the event files. */
    public static final String DIRECTORY_NAME = "tensorboard";

    /** The start of every event file name. */
    public static final String FILE_PREFIX = "events.out.tfevents.";

    private final Path file;
    private final FileChannel channel;
    private boolean sessionStarted;

    private TensorBoardSink(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /**
     * Opens a new event file in {@code <runDirectory>/tensorboard}, named after this machine.
     *
     * @param runDirectory the run directory
     * @param clock the run's clock; its wall time names the file and stamps the first record
     * @return the sink
     * @throws IOException if the directory or file cannot be created
     */
    public static TensorBoardSink openIn(Path runDirectory, Clock clock) throws IOException {
        return open(runDirectory.resolve(DIRECTORY_NAME), clock, localHostName());
    }

    /**
     * Opens a new event file in a directory.
     *
     * @param directory the directory, created if needed
     * @param clock the run's clock; its wall time names the file and stamps the first record
     * @param hostName the host part of the file name; characters other than letters, digits,
     *     {@code .}, {@code _} and {@code -} are replaced by {@code _}
     * @return the sink
     * @throws IOException if the directory or file cannot be created
     */
    public static TensorBoardSink open(Path directory, Clock clock, String hostName) throws IOException {
        Objects.requireNonNull(clock, "clock");
        Files.createDirectories(directory);
        long wallMillis = clock.wallTimeMillis();
        String baseName = FILE_PREFIX + Math.floorDiv(wallMillis, 1000L) + "." + safeHostName(hostName);
        Path file = directory.resolve(baseName);
        FileChannel channel = null;
        for (int suffix = 1; channel == null; suffix++) {
            try {
                channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                file = directory.resolve(baseName + "." + suffix);
            }
        }
        TensorBoardSink sink = new TensorBoardSink(file, channel);
        sink.writeRecords(TfRecords.frame(TensorBoardEvents.fileVersion(wallMillis / 1000.0)));
        return sink;
    }

    /** @return the event file this sink writes */
    public Path file() {
        return file;
    }

    /**
     * Appends the event's scalars (and a session start where described in the class comment).
     *
     * @throws IOException if the write fails
     * @throws IllegalStateException if the sink is closed
     */
    @Override
    public void write(MetricEvent event) throws IOException {
        if (!channel.isOpen()) {
            throw new IllegalStateException(file + ": sink is closed");
        }
        double wallTimeSeconds = event.timestamp().toEpochMilli() / 1000.0;
        byte[] start = new byte[0];
        if (event.type() == MetricEventType.RESUME) {
            start = TfRecords.frame(TensorBoardEvents.sessionStart(wallTimeSeconds, event.step() + 1));
        } else if (!sessionStarted) {
            start = TfRecords.frame(TensorBoardEvents.sessionStart(wallTimeSeconds, 0));
        }
        sessionStarted = true;
        Map<String, Float> scalars = TensorBoardTags.scalars(event);
        byte[] values = scalars.isEmpty()
                ? new byte[0]
                : TfRecords.frame(TensorBoardEvents.scalars(wallTimeSeconds, event.step(), scalars));
        writeRecords(start, values);
    }

    private void writeRecords(byte[]... records) throws IOException {
        ByteBuffer[] buffers = new ByteBuffer[records.length];
        long remaining = 0;
        for (int i = 0; i < records.length; i++) {
            buffers[i] = ByteBuffer.wrap(records[i]);
            remaining += records[i].length;
        }
        while (remaining > 0) {
            remaining -= channel.write(buffers);
        }
    }

    /** Does nothing: every event is already handed to the operating system by {@link #write}. */
    @Override
    public void flush() {}

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /**
     * Returns this machine's host name for event file names: the {@code HOSTNAME} environment
     * variable if set, else the name the network stack reports, else {@code localhost}.
     *
     * @return a host name
     */
    public static String localHostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    private static String safeHostName(String hostName) {
        String safe = hostName == null ? "" : hostName.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() ? "localhost" : safe;
    }
}
