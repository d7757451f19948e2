package dev.metronome.data.tabular;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.metronome.data.DataFile;
import dev.metronome.data.DataFiles;
import dev.metronome.data.InvalidDataException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a UTF-8 CSV file with a header row into raw numeric features and raw label strings,
 * reporting malformed rows with file and line number. Blank lines are skipped; spaces around
 * values are trimmed; quoted values may span lines (the line reported is where the row starts).
 * The file is read once, front to back, so it may also be a pipe. The feature values go to a
 * {@link ValueSpill}, not the heap; the heap holds one small number per row (the label) and,
 * when asked, the row's line.
 */
final class CsvTableReader {

    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .enable(CsvParser.Feature.TRIM_SPACES)
            // The file stream is drained after parsing to finish its digest, so the parser must not close it.
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();

    /**
     * What one file held; closing it deletes the spilled values.
     *
     * @param featureNames feature columns, in the order chosen
     * @param values raw features, row-major, exactly as parsed
     * @param distinctLabels each trimmed raw label once, in order of first appearance
     * @param labelIds for each row, the position of its label in {@code distinctLabels}
     * @param lines for each row, the 1-based line it starts on; empty unless asked for
     * @param file size and SHA-256 of the file
     */
    record RawCsv(List<String> featureNames, ValueSpill values, List<String> distinctLabels, int[] labelIds,
            long[] lines, DataFile file) implements AutoCloseable {
        int rowCount() {
            return labelIds.length;
        }

        /**
         * @param encoding the label encoding
         * @return each row's class index, or -1 where the encoding has no class for the row's label
         */
        int[] classIndices(LabelEncoding encoding) {
            int[] byId = distinctLabels.stream().mapToInt(label -> encoding.find(label).orElse(-1)).toArray();
            int[] classes = new int[labelIds.length];
            for (int row = 0; row < classes.length; row++) {
                classes[row] = byId[labelIds[row]];
            }
            return classes;
        }

        @Override
        public void close() throws IOException {
            values.close();
        }
    }

    private CsvTableReader() {
    }

    /**
     * @param file the CSV file
     * @param labelColumn name of the label column
     * @param featureColumns the feature columns to keep, in order; empty for every column but the label
     * @param recordLines whether to keep each row's line number, for errors found after reading
     * @return the file's rows
     * @throws InvalidDataException naming the file (and line) for a missing or empty file, a missing
     *     column, a duplicated header name, a row with the wrong number of values, or a value that is
     *     not a finite number
     */
    static RawCsv read(Path file, String labelColumn, Optional<List<String>> featureColumns, boolean recordLines)
            throws IOException {
        MessageDigest digest = DataFiles.sha256();
        if (Files.isDirectory(file)) {
            throw new InvalidDataException(file + ": is a directory, expected a CSV file with a header row");
        }
        InputStream raw;
        try {
            raw = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new InvalidDataException(file + ": not found, expected a CSV file with a header row", e);
        }
        RowCollector collector = new RowCollector(file, labelColumn, featureColumns, recordLines);
        CountingInputStream counted = new CountingInputStream(raw);
        boolean complete = false;
        try (DigestInputStream digested = new DigestInputStream(counted, digest);
                Reader reader = withoutByteOrderMark(new InputStreamReader(digested, StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
                JsonParser parser = MAPPER.createParser(reader)) {
            RawCsv csv = collector.collect(parser);
            digested.transferTo(OutputStream.nullOutputStream());
            complete = true;
            return new RawCsv(csv.featureNames(), csv.values(), csv.distinctLabels(), csv.labelIds(), csv.lines(),
                    DataFiles.describe(file.getFileName().toString(), counted.count(), digest));
        } catch (CharacterCodingException e) {
            // A pipe cannot be read a second time to find the line.
            String line = Files.isRegularFile(file) ? ":" + firstLineNotUtf8(file) : "";
            throw new InvalidDataException(file + line + ": not valid UTF-8; expected a UTF-8 text"
                    + " file (convert it first, for example with iconv -f latin1 -t utf-8)", e);
        } catch (JsonProcessingException e) {
            // The parser reports where it noticed the problem (for an open quote: the end of the file),
            // so also say where the last good row was.
            long line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            String lastGood = collector.lastRowLine > 0
                    ? " (last good row starts on line " + collector.lastRowLine + ")"
                    : "";
            throw new InvalidDataException(file + (line > 0 ? ":" + line : "") + ": malformed CSV: "
                    + e.getOriginalMessage() + lastGood, e);
        } finally {
            if (!complete) {
                collector.discard();
            }
        }
    }

    /**
     * The 1-based number of the first line that is not valid UTF-8 (called only after decoding
     * failed, so it reads the file once more, line by line).
     */
    private static long firstLineNotUtf8(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            long number = 1;
            for (int b; (b = in.read()) != -1; ) {
                if (b == '\n') {
                    if (!isUtf8(line.toByteArray())) {
                        return number;
                    }
                    line.reset();
                    number++;
                } else {
                    line.write(b);
                }
            }
            return number;
        }
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Skips a leading UTF-8 byte order mark, which spreadsheet programs often write. */
    private static Reader withoutByteOrderMark(Reader reader) throws IOException {
        PushbackReader pushback = new PushbackReader(reader, 1);
        int first = pushback.read();
        if (first != -1 && first != '\uFEFF') {
            pushback.unread(first);
        }
        return pushback;
    }

    /** Walks the parser's tokens row by row. */
    private static final class RowCollector {
        private final Path file;
        private final String labelColumn;
        private final Optional<List<String>> featureColumns;
        private List<String> header;
        private int labelIndex;
        private int[] featureIndices;
        private ValueSpill values;
        private double[] rowValues;
        private int rowCount;
        private int[] labelIds = new int[1024];
        private final List<String> distinctLabels = new ArrayList<>();
        private final Map<String, Integer> labelIdByLabel = new HashMap<>();
        private long[] rowLines;
        private long lastRowLine;

        RowCollector(Path file, String labelColumn, Optional<List<String>> featureColumns, boolean recordLines) {
            this.file = file;
            this.labelColumn = labelColumn;
            this.featureColumns = featureColumns;
            this.rowLines = new long[recordLines ? labelIds.length : 0];
        }

        RawCsv collect(JsonParser parser) throws IOException {
            List<String> row = new ArrayList<>();
            long line = 0;
            for (JsonToken token; (token = parser.nextToken()) != null; ) {
                if (token == JsonToken.START_ARRAY) {
                    row.clear();
                } else if (token == JsonToken.END_ARRAY) {
                    acceptRow(row, line);
                    lastRowLine = line;
                } else {
                    if (row.isEmpty()) {
                        // The first value's position is the row's true start; START_ARRAY's is the previous row's end.
                        line = parser.currentTokenLocation().getLineNr();
                    }
                    row.add(parser.getText());
                }
            }
            if (header == null) {
                throw new InvalidDataException(file + ": empty, expected a header row naming the columns");
            }
            if (rowCount == 0) {
                throw new InvalidDataException(file + ": no data rows after the header");
            }
            List<String> names = Arrays.stream(featureIndices).mapToObj(header::get).toList();
            return new RawCsv(names, values, List.copyOf(distinctLabels), Arrays.copyOf(labelIds, rowCount),
                    Arrays.copyOf(rowLines, Math.min(rowLines.length, rowCount)), null);
        }

        /** Deletes the spilled values of a read that failed. */
        void discard() {
            if (values != null) {
                try {
                    values.close();
                } catch (IOException e) {
                    // the read already failed with the error worth reporting; the file has no name anyway
                }
            }
        }

        private void acceptRow(List<String> row, long line) throws IOException {
            if (header == null) {
                acceptHeader(row);
                return;
            }
            if (row.size() != header.size()) {
                throw new InvalidDataException(file + ":" + line + ": " + row.size() + " values, expected "
                        + header.size() + " as in the header");
            }
            String label = row.get(labelIndex);
            if (label.isEmpty()) {
                throw new InvalidDataException(file + ":" + line + ": label column '" + labelColumn + "' is empty");
            }
            for (int i = 0; i < featureIndices.length; i++) {
                int column = featureIndices[i];
                rowValues[i] = parseNumber(row.get(column), header.get(column), line);
            }
            if (rowCount == labelIds.length) {
                labelIds = Arrays.copyOf(labelIds, labelIds.length * 2);
                if (rowLines.length > 0) {
                    rowLines = Arrays.copyOf(rowLines, rowLines.length * 2);
                }
            }
            if (rowLines.length > 0) {
                rowLines[rowCount] = line;
            }
            // one small number per row: the label's position among the distinct labels
            labelIds[rowCount] = labelIdByLabel.computeIfAbsent(label, first -> {
                distinctLabels.add(first);
                return distinctLabels.size() - 1;
            });
            values.write(rowValues);
            rowCount++;
        }

        private double parseNumber(String text, String column, long line) throws InvalidDataException {
            if (text.isEmpty()) {
                throw new InvalidDataException(file + ":" + line + ": column '" + column + "' is empty, expected a number");
            }
            double value;
            try {
                value = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new InvalidDataException(file + ":" + line + ": column '" + column + "' is not a number: '"
                        + text + "'", e);
            }
            if (!Double.isFinite(value)) {
                throw new InvalidDataException(file + ":" + line + ": column '" + column + "' is " + text
                        + ", expected a finite number");
            }
            if (Math.abs(value) > Float.MAX_VALUE) {
                throw new InvalidDataException(file + ":" + line + ": column '" + column + "' is " + text
                        + ", beyond the float32 range the model computes in (±3.4e38)");
            }
            return value;
        }

        private void acceptHeader(List<String> row) throws IOException {
            List<String> names = List.copyOf(row);
            Map<String, Integer> positions = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                Integer earlier = positions.putIfAbsent(names.get(i), i);
                if (earlier != null) {
                    throw new InvalidDataException(file + ":1: column '" + names.get(i) + "' appears twice in the header"
                            + " (columns " + (earlier + 1) + " and " + (i + 1) + ")");
                }
            }
            header = names;
            labelIndex = columnIndex(labelColumn, "label column", positions);
            if (featureColumns.isPresent()) {
                List<String> wanted = featureColumns.get();
                featureIndices = new int[wanted.size()];
                for (int i = 0; i < wanted.size(); i++) {
                    featureIndices[i] = columnIndex(wanted.get(i), "feature column", positions);
                    if (featureIndices[i] == labelIndex) {
                        throw new InvalidDataException(file + ": column '" + labelColumn
                                + "' is the label and cannot also be a feature");
                    }
                }
            } else {
                featureIndices = new int[header.size() - 1];
                for (int i = 0, f = 0; i < header.size(); i++) {
                    if (i != labelIndex) {
                        featureIndices[f++] = i;
                    }
                }
            }
            if (featureIndices.length == 0) {
                throw new InvalidDataException(file + ": no feature columns besides the label '" + labelColumn + "'");
            }
            rowValues = new double[featureIndices.length];
            values = ValueSpill.create(file, featureIndices.length);
        }

        private int columnIndex(String name, String role, Map<String, Integer> positions) throws InvalidDataException {
            Integer index = positions.get(name);
            if (index == null) {
                throw new InvalidDataException(file + ": no " + role + " '" + name + "'"
                        + ColumnNames.suggestion(name, header));
            }
            return index;
        }
    }
}
