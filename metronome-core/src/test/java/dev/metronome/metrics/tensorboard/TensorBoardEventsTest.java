package dev.metronome.metrics.tensorboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Golden byte sequences worked out by hand from the protobuf encoding rules: a key is
 * {@code (field << 3) | wire_type}; double is wire type 1 (8 bytes LE), int64 wire type 0
 * (varint), float wire type 5 (4 bytes LE), strings and messages wire type 2 (varint length).
 */
class TensorBoardEventsTest {

    private static final HexFormat HEX = HexFormat.of();

    @Nested
    class Encoding {

        @Test
        void scalarEvent_matchesHandEncodedBytes() {
            // Event{wall_time=1.5, step=3, summary{value{tag="a", simple_value=2.0}}}
            //   09 000000000000F83F      field 1 (double) = 1.5
            //   10 03                    field 2 (varint) = 3
            //   2A 0A                    field 5, 10 bytes: Summary
            //     0A 08                  field 1, 8 bytes: Value
            //       0A 01 61             field 1 (string) = "a"
            //       15 00000040          field 2 (float) = 2.0
            byte[] expected = HEX.parseHex("09000000000000f83f" + "1003" + "2a0a" + "0a08" + "0a0161" + "1500000040");

            byte[] actual = TensorBoardEvents.scalars(1.5, 3, Map.of("a", 2.0f));

            assertThat(HEX.formatHex(actual)).isEqualTo(HEX.formatHex(expected));
        }

        @Test
        void fileVersionEvent_matchesHandEncodedBytes() {
            // 09 <1.5>, then field 3 (string, key 0x1A) of 13 bytes "brain.Event:2"
            String expected = "09000000000000f83f" + "1a0d" + HEX.formatHex("brain.Event:2".getBytes());

            assertThat(HEX.formatHex(TensorBoardEvents.fileVersion(1.5))).isEqualTo(expected);
        }

        @Test
        void sessionStartEvent_matchesHandEncodedBytes() {
            // 09 <1.5>, 10 07 (step 7), 3A 02 (field 7, 2 bytes: SessionLog) 08 01 (status = START)
            String expected = "09000000000000f83f" + "1007" + "3a02" + "0801";

            assertThat(HEX.formatHex(TensorBoardEvents.sessionStart(1.5, 7))).isEqualTo(expected);
        }

        @Test
        void multiByteVarint_isLittleEndianGroupsOfSeven() {
            // 300 = 0b10_0101100 -> groups 0101100 (with continuation: 0xAC), 0000010 (0x02)
            byte[] actual = TensorBoardEvents.scalars(0.0, 300, Map.of());

            assertThat(HEX.formatHex(actual)).isEqualTo("090000000000000000" + "10ac02" + "2a00");
        }
    }

    @Nested
    class Framing {

        @Test
        void record_matchesBytesComputedWithAnIndependentCrc32c() {
            // Length 23 (LE), masked CRC of the length, payload, masked CRC of the payload; the two
            // CRCs were computed with a bit-by-bit CRC-32C (polynomial 0x82F63B78) outside Java.
            byte[] payload = TensorBoardEvents.scalars(1.5, 3, Map.of("a", 2.0f));

            byte[] record = TfRecords.frame(payload);

            assertThat(HEX.formatHex(record)).isEqualTo("1700000000000000" + "e7cef81e"
                    + "09000000000000f83f10032a0a0a080a01611500000040" + "e81c3a9d");
        }
    }

    @Nested
    class Decoding {

        @Test
        void ourDecoder_recoversEveryField() {
            Map<String, Float> scalars = new LinkedHashMap<>();
            scalars.put("train/loss", 0.25f);
            scalars.put("train/lr", 1e-3f);

            DecodedEvent event = DecodedEvent.decode(TensorBoardEvents.scalars(1_767_225_600.5, 123_456_789_012L, scalars));

            assertThat(event.wallTime()).isEqualTo(1_767_225_600.5);
            assertThat(event.step()).isEqualTo(123_456_789_012L);
            assertThat(event.scalars()).containsExactly(Map.entry("train/loss", 0.25f), Map.entry("train/lr", 1e-3f));
            assertThat(event.sessionStatus()).isNull();
        }
    }
}
