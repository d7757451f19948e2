package dev.metronome.metrics.tensorboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TfRecordCrcTest {

    @Test
    void crc32c_ofCheckString_isTheCastagnoliCheckValue() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);

        assertThat(TfRecordCrc.crc32c(check, 0, check.length)).isEqualTo(0xE3069283);
    }

    @Test
    void crc32c_ofThirtyTwoZeroBytes_matchesTheIscsiTestVector() {
        // RFC 3720, appendix B.4: 32 bytes of zeroes.
        assertThat(TfRecordCrc.crc32c(new byte[32], 0, 32)).isEqualTo(0x8A9136AA);
    }

    @Test
    void mask_ofZero_isTheDelta() {
        assertThat(TfRecordCrc.mask(0)).isEqualTo(0xa282ead8);
    }

    @Test
    void mask_rotatesRightBy15ThenAddsTheDelta() {
        // 0xE3069283 rotated right by 15 bits is 0x2507C60D (worked by hand); + 0xA282EAD8 = 0xC78AB0E5.
        assertThat(TfRecordCrc.mask(0xE3069283)).isEqualTo(0xC78AB0E5);
    }

    @Test
    void mask_wrapsAroundOnOverflow() {
        // 0x00008000 rotated right by 15 is 0x00000001; 0xFFFFFFFF rotated is 0xFFFFFFFF, + delta wraps.
        assertThat(TfRecordCrc.mask(0x00008000)).isEqualTo(0xa282ead9);
        assertThat(TfRecordCrc.mask(0xFFFFFFFF)).isEqualTo(0xa282ead7);
    }

    @Test
    void maskedCrc32c_coversOnlyTheGivenRange() {
        byte[] padded = "xx123456789yy".getBytes(StandardCharsets.US_ASCII);

        assertThat(TfRecordCrc.maskedCrc32c(padded, 2, 9)).isEqualTo(0xC78AB0E5);
    }
}
