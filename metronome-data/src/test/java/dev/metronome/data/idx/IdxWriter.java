package dev.metronome.data.idx;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/** Writes unsigned-byte IDX files, for tests and for generating the embedded Fashion-MNIST subset. */
public final class IdxWriter {

    private IdxWriter() {
    }

    /**
     * @param dimensions dimension sizes, outermost first
     * @param values row-major values, their product many
     * @return the uncompressed IDX bytes
     */
    public static byte[] encode(int[] dimensions, byte[] values) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt((IdxReader.UNSIGNED_BYTE_TYPE << 8) | dimensions.length);
            for (int dimension : dimensions) {
                out.writeInt(dimension);
            }
            out.write(values);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /**
     * @param plain bytes to compress
     * @return gzip with the best compression, no file name and modification time 0
     */
    public static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new BestGzip(bytes)) {
            out.write(plain);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Writes a gzip-compressed IDX file.
     *
     * @param file target path
     * @param dimensions dimension sizes
     * @param values row-major values
     * @throws IOException if the file cannot be written
     */
    public static void writeGzip(Path file, int[] dimensions, byte[] values) throws IOException {
        Files.write(file, gzip(encode(dimensions, values)));
    }

    private static final class BestGzip extends GZIPOutputStream {
        BestGzip(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.BEST_COMPRESSION);
        }
    }
}
