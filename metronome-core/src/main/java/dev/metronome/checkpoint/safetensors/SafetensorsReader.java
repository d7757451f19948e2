package dev.metronome.checkpoint.safetensors;

import dev.metronome.tensor.TensorData;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads safetensors files, rejecting any file that breaks a rule of the format with a
 * {@link SafetensorsFormatException} whose one-line message names the file and the problem.
 *
 * <p>Hostile files cost little: the declared header length is checked against
 * {@link #MAX_HEADER_BYTES} and against the file size before anything is allocated for it, and
 * tensor bytes are read only after the header has been shown to tile the data section of the
 * actual file exactly, so no allocation ever exceeds the file's own size.
 */
public final class SafetensorsReader {

    /** The largest header accepted, in bytes; the same limit as the reference implementation. */
    public static final long MAX_HEADER_BYTES = 100_000_000L;

    /** The largest single tensor that fits in a {@link TensorData} (a Java byte array), in bytes. */
    public static final long MAX_TENSOR_BYTES = Integer.MAX_VALUE - 8L;

    private SafetensorsReader() {}

    /**
     * Reads and validates only the header of a file. The whole layout is checked against the
     * actual file size, but no tensor bytes are read.
     *
     * @param file the safetensors file
     * @return the validated header
     * @throws SafetensorsFormatException if the file breaks a rule of the format
     * @throws IOException if the file cannot be read
     */
    public static SafetensorsHeader readHeader(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return readHeader(file.toString(), channel);
        }
    }

    /**
     * Reads a whole file: its validated header, then every tensor.
     *
     * @param file the safetensors file
     * @return the tensors in header order and the metadata
     * @throws SafetensorsFormatException if the file breaks a rule of the format, or a tensor is
     *     larger than {@link #MAX_TENSOR_BYTES}
     * @throws IOException if the file cannot be read
     */
    public static SafetensorsFile read(Path file) throws IOException {
        String name = file.toString();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            SafetensorsHeader header = readHeader(name, channel);
            Map<String, TensorData> tensors = new LinkedHashMap<>();
            for (TensorEntry entry : header.tensors()) {
                if (entry.byteLength() > MAX_TENSOR_BYTES) {
                    throw new SafetensorsFormatException(name, "tensor '" + entry.name() + "' has "
                            + entry.byteLength() + " bytes, more than the " + MAX_TENSOR_BYTES
                            + " an in-memory tensor can hold");
                }
                byte[] bytes = new byte[(int) entry.byteLength()];
                readFully(name, channel, ByteBuffer.wrap(bytes), header.dataStart() + entry.beginOffset());
                tensors.put(entry.name(), TensorData.wrap(entry.dtype(), entry.shape(), bytes));
            }
            return new SafetensorsFile(tensors, header.metadata());
        }
    }

    private static SafetensorsHeader readHeader(String name, FileChannel channel) throws IOException {
        long fileBytes = channel.size();
        if (fileBytes < Long.BYTES) {
            throw new SafetensorsFormatException(name,
                    "file is " + fileBytes + " bytes, too short for the 8-byte header length");
        }
        ByteBuffer lengthBuffer = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        readFully(name, channel, lengthBuffer, 0);
        long headerBytes = lengthBuffer.getLong(0);
        if (headerBytes < 0 || headerBytes > MAX_HEADER_BYTES) {
            throw new SafetensorsFormatException(name, "header length " + Long.toUnsignedString(headerBytes)
                    + " exceeds the limit of " + MAX_HEADER_BYTES + " bytes");
        }
        if (headerBytes > fileBytes - Long.BYTES) {
            throw new SafetensorsFormatException(name, "header length " + headerBytes + " runs past the end of the "
                    + fileBytes + "-byte file");
        }
        byte[] header = new byte[(int) headerBytes];
        readFully(name, channel, ByteBuffer.wrap(header), Long.BYTES);
        return HeaderParser.parse(name, header, fileBytes - Long.BYTES - headerBytes);
    }

    private static void readFully(String name, FileChannel channel, ByteBuffer buffer, long position)
            throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new EOFException(name + ": file ended at byte " + at + " while reading (did it shrink?)");
            }
            at += read;
        }
    }
}
