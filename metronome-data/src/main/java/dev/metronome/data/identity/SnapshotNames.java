package dev.metronome.data.identity;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/** Checks that a snapshot (parameters, optimizer state) holds exactly the entries a model expects. */
public final class SnapshotNames {

    private SnapshotNames() {}

    /**
     * Checks that a set of entries has exactly the expected names.
     *
     * @param what what the entries are, for the message ("parameter", "optimizer state")
     * @param expected the names that must be present
     * @param actual the names given
     * @throws IllegalArgumentException naming the first missing name, else the first unexpected
     *     one in sorted order
     */
    public static void requireExactly(String what, Collection<String> expected, Set<String> actual) {
        TreeSet<String> unexpected = new TreeSet<>(actual);
        for (String name : expected) {
            if (!actual.contains(name)) {
                throw new IllegalArgumentException(name + ": " + what + " missing from the snapshot");
            }
            unexpected.remove(name);
        }
        if (!unexpected.isEmpty()) {
            throw new IllegalArgumentException(unexpected.first() + ": unexpected " + what + " in the snapshot ("
                    + unexpected.size() + " unexpected in all); it was taken from a different model");
        }
    }
}
