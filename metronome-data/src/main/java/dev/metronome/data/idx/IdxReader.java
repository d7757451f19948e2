package dev.metronome.data.idx;

import dev.metronome.data.InvalidDataException;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads IDX files of unsigned bytes, the format of MNIST and Fashion-MNIST: a 4-byte big-endian
 * magic number {@code 0x0000 08 nn} (type 8 = unsigned byte, {@code nn} dimensions), then
 * {@code nn} big-endian 32-bit dimension sizes, then the values row-major, and nothing after them.
 */
public final class IdxReader {

    /** The IDX type code of unsigned bytes, the only type this reader accepts. */
    public static final int UNSIGNED_BYTE_TYPE = 0x08;

    private IdxReader() {
    }

    /**
     * Reads one uncompressed IDX stream to its end.
     *
     * @param in the IDX bytes (decompress {@code .gz} files first); read to the end, not closed
     * @param fileName the file's name, used in error messages
     * @param expectedDimensions number of dimensions the caller expects (1 for labels, 3 for images)
     * @return the array
     * @throws InvalidDataException if the magic number, dimension count or sizes are wrong, the data
     *     is truncated, or bytes follow the data; the message names {@code fileName}
     * @throws IOException if reading fails
     */
    public static IdxArray read(InputStream in, String fileName, int expectedDimensions) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int expectedMagic = (UNSIGNED_BYTE_TYPE << 8) | expectedDimensions;
        int magic = readHeaderInt(data, fileName, "magic number");
        if (magic != expectedMagic) {
            throw new InvalidDataException(String.format(
                    "%s: not an IDX file of unsigned bytes with %d dimension(s) (magic number 0x%08x expected, got 0x%08x)",
                    fileName, expectedDimensions, expectedMagic, magic));
        }
        int[] dimensions = new int[expectedDimensions];
        long length = 1;
        for (int axis = 0; axis < expectedDimensions; axis++) {
            dimensions[axis] = readHeaderInt(data, fileName, "size of dimension " + axis);
            if (dimensions[axis] < 1) {
                throw new InvalidDataException(fileName + ": dimension " + axis + " has size " + dimensions[axis]
                        + ", expected at least 1");
            }
            length *= dimensions[axis];
            if (length > Integer.MAX_VALUE - 8) {
                throw new InvalidDataException(fileName + ": dimensions " + Arrays.toString(dimensions)
                        + " describe more than 2^31 values, which is not supported");
            }
        }
        // readNBytes grows its buffer as bytes arrive, so a corrupt header cannot force a huge allocation.
        byte[] values = readValues(data, fileName, (int) length);
        if (values.length < length) {
            throw new InvalidDataException(fileName + ": truncated: header " + Arrays.toString(dimensions)
                    + " announces " + length + " values, the file holds " + values.length);
        }
        if (readTrailing(data, fileName) >= 0) {
            throw new InvalidDataException(fileName + ": unexpected bytes after the " + length
                    + " values announced by header " + Arrays.toString(dimensions));
        }
        return new IdxArray(dimensions, values);
    }

    private static int readHeaderInt(DataInputStream data, String fileName, String what) throws IOException {
        try {
            return data.readInt();
        } catch (EOFException e) {
            throw new InvalidDataException(fileName + ": truncated: the file ends inside the header (" + what + ")", e);
        }
    }

    private static byte[] readValues(DataInputStream data, String fileName, int length) throws IOException {
        try {
            return data.readNBytes(length);
        } catch (EOFException e) {
            // A gzip stream cut short reports the end of its input this way.
            throw new InvalidDataException(fileName + ": truncated: " + e.getMessage(), e);
        }
    }

    private static int readTrailing(DataInputStream data, String fileName) throws IOException {
        try {
            return data.read();
        } catch (EOFException e) {
            throw new InvalidDataException(fileName + ": truncated: " + e.getMessage(), e);
        }
    }
}
