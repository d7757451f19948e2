package dev.metronome.cli.run;

import dev.metronome.coordination.Collective;
import dev.metronome.provenance.DistributedProvenance;
import java.util.Objects;

/**
 * A task whose engine has joined a data-parallel group: the task (sharding its batches and
 * evaluation, averaging its gradients through the group), the group's collective for the
 * coordinator, and what {@code run.json} records about the group. Closing it closes the task, then
 * the group.
 *
 * @param prepared the task and its provenance
 * @param collective the group's collective operations
 * @param provenance world size, backend, hosts and per-rank threads
 * @param group what to close after the task (the process group), or null
 */
public record GroupTask(PreparedTask prepared, Collective collective, DistributedProvenance provenance, AutoCloseable group)
        implements AutoCloseable {

    /** Checks for nulls. */
    public GroupTask {
        Objects.requireNonNull(prepared, "prepared");
        Objects.requireNonNull(collective, "collective");
        Objects.requireNonNull(provenance, "provenance");
    }

    @Override
    public void close() {
        try {
            prepared.close();
        } finally {
            if (group != null) {
                try {
                    group.close();
                } catch (Exception e) {
                    throw new IllegalStateException("closing the process group: " + e.getMessage(), e);
                }
            }
        }
    }
}
