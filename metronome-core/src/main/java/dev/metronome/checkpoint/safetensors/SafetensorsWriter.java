package dev.metronome.checkpoint.safetensors;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.metronome.tensor.TensorData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.util.Map;
import java.util.Objects;

/**
 * Writes safetensors files deterministically: the same tensors and metadata always give the same
 * bytes.
 *
 * <ul>
 *   <li>The header is compact JSON: {@code __metadata__} first (omitted when empty), then one entry
 *       per tensor in the iteration order of the given map, each written as
 *       {@code {"dtype":…,"shape":[…],"data_offsets":[begin,end]}}.
 *   <li>Tensors are laid out in the same order, contiguously from offset 0.
 *   <li>The header is padded with trailing spaces so that its length is a multiple of 8, as the
 *       reference implementation does; the data section therefore starts 8-byte aligned.
 * </ul>
 */
public final class SafetensorsWriter {

    /** The header key reserved for string metadata. */
    public static final String METADATA_KEY = "__metadata__";

    private static final JsonFactory JSON = new JsonFactory();

    private SafetensorsWriter() {}

    /**
     * Streams a safetensors file to a channel. The channel is neither flushed nor closed.
     *
     * @param tensors tensors in the order they are to be written
     * @param metadata string pairs for {@code __metadata__}, in order; may be empty
     * @param out where the bytes go
     * @return the number of bytes written
     * @throws IOException if the channel fails
     * @throws IllegalArgumentException if a tensor is named {@code __metadata__}
     */
    public static long write(Map<String, TensorData> tensors, Map<String, String> metadata, WritableByteChannel out)
            throws IOException {
        long written = writeFully(out, ByteBuffer.wrap(encodeHeader(tensors, metadata)));
        for (TensorData tensor : tensors.values()) {
            written += writeFully(out, tensor.buffer());
        }
        return written;
    }

    /**
     * Streams a safetensors file to an output stream. The stream is neither flushed nor closed.
     *
     * @param tensors tensors in the order they are to be written
     * @param metadata string pairs for {@code __metadata__}, in order; may be empty
     * @param out where the bytes go
     * @return the number of bytes written
     * @throws IOException if the stream fails
     * @throws IllegalArgumentException if a tensor is named {@code __metadata__}
     */
    public static long write(Map<String, TensorData> tensors, Map<String, String> metadata, OutputStream out)
            throws IOException {
        return write(tensors, metadata, Channels.newChannel(out));
    }

    /**
     * Returns the length of the file that {@link #write} would produce, without producing it.
     *
     * @param tensors the tensors
     * @param metadata the metadata
     * @return file length in bytes
     */
    public static long fileBytes(Map<String, TensorData> tensors, Map<String, String> metadata) {
        long total = encodeHeader(tensors, metadata).length;
        for (TensorData tensor : tensors.values()) {
            total += tensor.byteLength();
        }
        return total;
    }

    /** Returns the 8-byte length prefix followed by the padded JSON header. */
    static byte[] encodeHeader(Map<String, TensorData> tensors, Map<String, String> metadata) {
        Objects.requireNonNull(tensors, "tensors");
        Objects.requireNonNull(metadata, "metadata");
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        try (JsonGenerator generator = JSON.createGenerator(json, JsonEncoding.UTF8)) {
            generator.writeStartObject();
            if (!metadata.isEmpty()) {
                writeMetadata(generator, metadata);
            }
            long offset = 0;
            for (Map.Entry<String, TensorData> entry : tensors.entrySet()) {
                String name = Objects.requireNonNull(entry.getKey(), "tensor name");
                TensorData tensor = Objects.requireNonNull(entry.getValue(), () -> "tensor '" + name + "'");
                if (METADATA_KEY.equals(name)) {
                    throw new IllegalArgumentException("a tensor may not be named " + METADATA_KEY);
                }
                generator.writeFieldName(name);
                generator.writeStartObject();
                generator.writeStringField("dtype", tensor.dtype().name());
                generator.writeFieldName("shape");
                long[] shape = tensor.shape();
                generator.writeArray(shape, 0, shape.length);
                generator.writeFieldName("data_offsets");
                generator.writeArray(new long[] {offset, offset + tensor.byteLength()}, 0, 2);
                generator.writeEndObject();
                offset += tensor.byteLength();
            }
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: writing to memory", e);
        }
        int padding = (8 - json.size() % 8) % 8;
        for (int i = 0; i < padding; i++) {
            json.write(' ');
        }
        ByteBuffer header = ByteBuffer.allocate(Long.BYTES + json.size()).order(ByteOrder.LITTLE_ENDIAN);
        header.putLong(json.size()).put(json.toByteArray());
        return header.array();
    }

    private static void writeMetadata(JsonGenerator generator, Map<String, String> metadata) throws IOException {
        generator.writeFieldName(METADATA_KEY);
        generator.writeStartObject();
        for (Map.Entry<String, String> pair : metadata.entrySet()) {
            generator.writeStringField(Objects.requireNonNull(pair.getKey(), "metadata key"),
                    Objects.requireNonNull(pair.getValue(), () -> "metadata value of '" + pair.getKey() + "'"));
        }
        generator.writeEndObject();
    }

    private static long writeFully(WritableByteChannel out, ByteBuffer buffer) throws IOException {
        long count = buffer.remaining();
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
        return count;
    }
}
