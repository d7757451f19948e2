package dev.metronome.metrics.csv;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.metronome.metrics.MetricEvent;
import dev.metronome.metrics.MetricKeys;
import dev.metronome.metrics.MetricSink;
import dev.metronome.metrics.MetricTimestamps;
import dev.metronome.metrics.TornLines;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@code metrics.csv}: the same events as {@code metrics.jsonl}, one row per event, for
 * spreadsheets and data-frame libraries. RFC 4180 style: comma-separated, {@code "}-quoted where
 * needed, UTF-8, rows ending in {@code \n}.
 *
 * <p>The header is {@code event,step,epoch,elapsed_s,timestamp} followed by every value name seen
 * so far, in order of first appearance. A row leaves the cells of values its event lacks empty.
 * Integers are written in decimal, doubles as {@link Double#toString(double)} writes them (so
 * {@code NaN}, {@code Infinity} and {@code -Infinity} for non-finite values), timestamps as in
 * {@link MetricTimestamps}.
 *
 * <p><b>Schema growth.</b> When an event brings a value name the header does not have, the file is
 * rewritten with the extended header: the existing rows are streamed from disk into a temporary
 * file beside it, padded with empty cells, forced to the disk, and the temporary file is renamed
 * over the original in one atomic step, so a reader sees either the old file or the new one. This
 * is rare (the set of names settles after the first log, eval and save), so its cost does not
 * matter. A reopened file (resume) continues with the columns of its existing header; an
 * incomplete last row left by a crash is cut off first.
 */
public final class CsvMetricSink implements MetricSink {

    /** The file's name inside a run directory. */
    public static final String FILE_NAME = "metrics.csv";

    private static final Logger LOG = LoggerFactory.getLogger(CsvMetricSink.class);
    private static final CsvMapper MAPPER = new CsvMapper();
    private static final ObjectWriter ROW_WRITER = MAPPER.writerFor(String[].class).with(CsvSchema.emptySchema());
    private static final ObjectReader ROW_READER =
            MAPPER.readerFor(String[].class).with(CsvParser.Feature.WRAP_AS_ARRAY);

    private final Path file;
    private List<String> columns;
    private FileChannel channel;
    private boolean closed;

    private CsvMetricSink(Path file, List<String> columns) throws IOException {
        this.file = file;
        this.columns = columns;
        this.channel = openForAppend(file);
    }

    /**
     * Opens {@code metrics.csv} in a run directory, creating the directory if needed.
     *
     * @param runDirectory the run directory
     * @return the sink
     * @throws IOException if the file cannot be opened, or an existing file has a bad header
     */
    public static CsvMetricSink openIn(Path runDirectory) throws IOException {
        return open(runDirectory.resolve(FILE_NAME));
    }

    /**
     * Opens a CSV metrics file: a new or empty file gets the fixed header; an existing one is
     * continued with its own columns.
     *
     * @param file the file
     * @return the sink
     * @throws IOException if the file cannot be opened, or an existing header does not start with
     *     the fixed columns
     */
    public static CsvMetricSink open(Path file) throws IOException {
        if (TornLines.prepareForAppend(file, "row", LOG) && Files.size(file) > 0) {
            return new CsvMetricSink(file, readHeader(file));
        }
        List<String> columns = List.copyOf(MetricKeys.FIXED_COLUMNS);
        Files.write(file, encodeRow(columns.toArray(String[]::new)));
        return new CsvMetricSink(file, columns);
    }

    private static List<String> readHeader(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file); MappingIterator<String[]> rows = ROW_READER.readValues(in)) {
            List<String> header = Arrays.asList(rows.next());
            if (header.size() < MetricKeys.FIXED_COLUMNS.size()
                    || !header.subList(0, MetricKeys.FIXED_COLUMNS.size()).equals(MetricKeys.FIXED_COLUMNS)) {
                throw new IOException(file + ": header must start with " + String.join(",", MetricKeys.FIXED_COLUMNS)
                        + ", found " + String.join(",", header));
            }
            return List.copyOf(header);
        }
    }

    /** @return the file this sink writes */
    public Path file() {
        return file;
    }

    /** @return the current header, fixed columns first */
    public List<String> columns() {
        return columns;
    }

    /**
     * Appends one row, first extending the header if the event has a new value name.
     *
     * @throws IOException if the write or a header rewrite fails; the file keeps its previous content
     * @throws IllegalStateException if the sink is closed
     */
    @Override
    public void write(MetricEvent event) throws IOException {
        if (closed) {
            throw new IllegalStateException(file + ": sink is closed");
        }
        List<String> added = event.values().keySet().stream().filter(name -> !columns.contains(name)).toList();
        if (!added.isEmpty()) {
            extendHeader(added);
        }
        ByteBuffer row = ByteBuffer.wrap(encodeRow(cells(event)));
        while (row.hasRemaining()) {
            channel.write(row);
        }
    }

    private String[] cells(MetricEvent event) {
        String[] cells = new String[columns.size()];
        cells[0] = event.type().wireName();
        cells[1] = Long.toString(event.step());
        cells[2] = Double.toString(event.epoch());
        cells[3] = Double.toString(event.elapsedSeconds());
        cells[4] = MetricTimestamps.format(event.timestamp());
        Map<String, Object> values = event.values();
        for (int i = MetricKeys.FIXED_COLUMNS.size(); i < cells.length; i++) {
            Object value = values.get(columns.get(i));
            cells[i] = value == null ? "" : value.toString();
        }
        return cells;
    }

    private void extendHeader(List<String> added) throws IOException {
        List<String> extended = new ArrayList<>(columns);
        extended.addAll(added);
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        channel.close();
        try {
            copyWithHeader(temp, extended);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            columns = List.copyOf(extended);
        } finally {
            Files.deleteIfExists(temp);
            channel = openForAppend(file);
        }
    }

    private void copyWithHeader(Path temp, List<String> header) throws IOException {
        try (InputStream in = Files.newInputStream(file);
                MappingIterator<String[]> rows = ROW_READER.readValues(in);
                FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
                OutputStream stream = Channels.newOutputStream(out)) {
            stream.write(encodeRow(header.toArray(String[]::new)));
            rows.next(); // the old header
            long lineNumber = 1;
            while (rows.hasNext()) {
                String[] row = rows.next();
                lineNumber++;
                if (row.length > columns.size()) {
                    throw new IOException(file + ":" + lineNumber + ": row has " + row.length + " cells but the header has "
                            + columns.size());
                }
                stream.write(encodeRow(Arrays.copyOf(row, header.size())));
            }
            stream.flush();
            out.force(true);
        }
    }

    private static byte[] encodeRow(String[] cells) throws IOException {
        for (int i = 0; i < cells.length; i++) {
            if (cells[i] == null) {
                cells[i] = "";
            }
        }
        return ROW_WRITER.writeValueAsBytes(cells);
    }

    private static FileChannel openForAppend(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /** Does nothing: every row is already handed to the operating system by {@link #write}. */
    @Override
    public void flush() {}

    @Override
    public void close() throws IOException {
        closed = true;
        channel.close();
    }
}
