package dev.metronome.data.tabular;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The raw feature values of a CSV file, row-major float64, kept in a temporary file instead of the
 * heap while the file is read: the heap then holds only the final float32 arrays. The values are
 * written once, as the CSV is parsed, and read back in sequential passes ({@link #forEachRow}),
 * exactly as parsed. The temporary file is deleted on {@link #close()} (on Linux its name is
 * removed as soon as it is open, so not even a killed process leaves it behind). Not thread-safe.
 */
final class ValueSpill implements AutoCloseable {

    /** Bytes moved per read or write: large enough for sequential disk speed, small next to any table. */
    private static final int BUFFER_BYTES = 1 << 20;

    private final Path source;
    private final Path temporary;
    private final FileChannel channel;
    private final int columns;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
    private long rows;
    private boolean writing = true;

    /** Receives one row of a pass: the row's 0-based index and its values (a buffer reused for every row). */
    @FunctionalInterface
    interface RowVisitor {
        void visit(int row, double[] values);
    }

    private ValueSpill(Path source, Path temporary, FileChannel channel, int columns) {
        this.source = source;
        this.temporary = temporary;
        this.channel = channel;
        this.columns = columns;
    }

    /**
     * @param source the CSV file the values come from, for messages
     * @param columns values per row, at least one
     * @return an empty spill in {@code java.io.tmpdir}
     * @throws IOException if the temporary file cannot be created
     */
    static ValueSpill create(Path source, int columns) throws IOException {
        return create(source, columns, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * @param source the CSV file the values come from, for messages
     * @param columns values per row, at least one
     * @param folder where the temporary file goes
     * @return an empty spill
     * @throws IOException if the temporary file cannot be created
     */
    static ValueSpill create(Path source, int columns, Path folder) throws IOException {
        if (columns < 1) {
            throw new IllegalArgumentException("a row needs at least one value, got " + columns);
        }
        Path temporary;
        try {
            temporary = Files.createTempFile(folder, "metronome-csv-", ".f64");
        } catch (IOException e) {
            throw failure(source, folder, e);
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(temporary, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.DELETE_ON_CLOSE);
        } catch (IOException e) {
            Files.deleteIfExists(temporary);
            throw failure(source, folder, e);
        }
        return new ValueSpill(source, temporary, channel, columns);
    }

    private static IOException failure(Path source, Path folder, IOException cause) {
        String why = cause instanceof NoSuchFileException ? "no such folder" : cause.getMessage();
        return new IOException(source + ": cannot keep its values in a temporary file in " + folder
                + " (8 bytes per value): " + why + "; expected a writable folder with room for them, chosen with"
                + " METRONOME_JAVA_OPTS=-Djava.io.tmpdir=/some/folder", cause);
    }

    /** @return values per row */
    int columns() {
        return columns;
    }

    /** @return rows written so far */
    long rowCount() {
        return rows;
    }

    /**
     * Appends one row.
     *
     * @param values the row's values, exactly {@link #columns()} of them
     * @throws IOException if the temporary file cannot be written (a full disk, say)
     */
    void write(double[] values) throws IOException {
        if (!writing) {
            throw new IllegalStateException("the values are complete; no row can be added");
        }
        for (int column = 0; column < columns; column++) {
            if (buffer.remaining() < Double.BYTES) {
                flush();
            }
            buffer.putDouble(values[column]);
        }
        rows++;
    }

    private void flush() throws IOException {
        buffer.flip();
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            throw failure(source, temporary.getParent(), e);
        }
        buffer.clear();
    }

    /**
     * Reads every row once, in the order written (the first call ends the writing).
     *
     * @param visitor receives each row
     * @throws IOException if the temporary file cannot be read
     */
    void forEachRow(RowVisitor visitor) throws IOException {
        if (writing) {
            flush();
            writing = false;
        }
        double[] row = new double[columns];
        long position = 0;
        buffer.clear().limit(0);
        for (long index = 0; index < rows; index++) {
            for (int column = 0; column < columns; column++) {
                if (buffer.remaining() < Double.BYTES) {
                    buffer.compact();
                    while (buffer.position() < Double.BYTES) {
                        int read = channel.read(buffer, position);
                        if (read < 0) {
                            throw new IOException(temporary + ": ended after " + position + " bytes, " + rows + " rows of "
                                    + columns + " values were written");
                        }
                        position += read;
                    }
                    buffer.flip();
                }
                row[column] = buffer.getDouble();
            }
            visitor.visit((int) index, row);
        }
    }

    /** Deletes the temporary file. */
    @Override
    public void close() throws IOException {
        channel.close();
    }
}
