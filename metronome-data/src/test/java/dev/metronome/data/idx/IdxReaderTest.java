package dev.metronome.data.idx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.metronome.data.InvalidDataException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class IdxReaderTest {

    private static IdxArray read(byte[] bytes, int dimensions) throws IOException {
        return IdxReader.read(new ByteArrayInputStream(bytes), "f.idx", dimensions);
    }

    @Test
    void readsDimensionsAndUnsignedValues() throws IOException {
        IdxArray array = read(IdxWriter.encode(new int[] {2, 3}, new byte[] {0, 1, 2, (byte) 200, (byte) 255, 7}), 2);
        assertThat(array.dimensions()).containsExactly(2, 3);
        assertThat(array.length()).isEqualTo(6);
        assertThat(array.unsignedValue(3)).isEqualTo(200);
        assertThat(array.unsignedValue(4)).isEqualTo(255);
    }

    @Test
    void wrongMagicNumber_saysWhatWasExpected() {
        byte[] labels = IdxWriter.encode(new int[] {2}, new byte[] {1, 2});
        assertThatThrownBy(() -> read(labels, 3))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("f.idx: not an IDX file of unsigned bytes with 3 dimension(s)"
                        + " (magic number 0x00000803 expected, got 0x00000801)");
    }

    @Test
    void truncatedHeader_isReported() {
        byte[] bytes = Arrays.copyOf(IdxWriter.encode(new int[] {2, 2}, new byte[4]), 6);
        assertThatThrownBy(() -> read(bytes, 2))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("f.idx: truncated: the file ends inside the header (size of dimension 0)");
    }

    @Test
    void truncatedData_countsWhatIsThere() {
        byte[] full = IdxWriter.encode(new int[] {2, 2}, new byte[4]);
        assertThatThrownBy(() -> read(Arrays.copyOf(full, full.length - 1), 2))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("f.idx: truncated: header [2, 2] announces 4 values, the file holds 3");
    }

    @Test
    void trailingBytes_areRejected() {
        byte[] full = IdxWriter.encode(new int[] {2}, new byte[2]);
        assertThatThrownBy(() -> read(Arrays.copyOf(full, full.length + 1), 1))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("unexpected bytes after the 2 values");
    }

    @Test
    void zeroOrNegativeDimension_isRejected() {
        assertThatThrownBy(() -> read(IdxWriter.encode(new int[] {0}, new byte[0]), 1))
                .hasMessage("f.idx: dimension 0 has size 0, expected at least 1");
    }

    @Test
    void hugeDeclaredSize_isRejectedWithoutAllocating() {
        byte[] header = IdxWriter.encode(new int[] {65536, 65536}, new byte[0]);
        assertThatThrownBy(() -> read(header, 2)).hasMessageContaining("more than 2^31 values");
        byte[] large = IdxWriter.encode(new int[] {40000, 40000}, new byte[0]);
        assertThatThrownBy(() -> read(large, 2)).hasMessageContaining("announces 1600000000 values, the file holds 0");
    }
}
