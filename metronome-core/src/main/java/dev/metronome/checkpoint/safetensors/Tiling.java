package dev.metronome.checkpoint.safetensors;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Checks that tensor byte ranges tile the data section exactly: sorted by offset, each begins where
 * the previous ended, the first at 0 and the last at the end of the data section.
 */
final class Tiling {

    private final String file;
    private final long dataBytes;

    Tiling(String file, long dataBytes) {
        this.file = file;
        this.dataBytes = dataBytes;
    }

    void check(List<TensorEntry> entries) throws SafetensorsFormatException {
        for (TensorEntry entry : entries) {
            if (entry.endOffset() > dataBytes) {
                throw new SafetensorsFormatException(file, "tensor '" + entry.name() + "': data_offsets ["
                        + entry.beginOffset() + ", " + entry.endOffset() + "] run past the " + dataBytes
                        + "-byte data section");
            }
        }
        List<TensorEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(TensorEntry::beginOffset).thenComparingLong(TensorEntry::endOffset));
        long cursor = 0;
        TensorEntry previous = null;
        for (TensorEntry entry : sorted) {
            if (entry.beginOffset() < cursor) {
                throw new SafetensorsFormatException(file, "tensor '" + entry.name() + "' at [" + entry.beginOffset()
                        + ", " + entry.endOffset() + "] overlaps tensor '" + previous.name() + "' at ["
                        + previous.beginOffset() + ", " + previous.endOffset() + "]");
            }
            if (entry.beginOffset() > cursor) {
                throw new SafetensorsFormatException(file, "data section has a hole at bytes [" + cursor + ", "
                        + entry.beginOffset() + ") before tensor '" + entry.name() + "'");
            }
            cursor = entry.endOffset();
            previous = entry;
        }
        if (cursor != dataBytes) {
            throw new SafetensorsFormatException(file, "data section has " + (dataBytes - cursor)
                    + " trailing bytes not covered by any tensor (tensors end at " + cursor + " of " + dataBytes + ")");
        }
    }
}
