package dev.metronome.provenance;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a data-parallel run was spread: recorded in {@code run.json} under {@code environment.distributed}
 * (absent for a one-process run).
 *
 * @param worldSize number of processes
 * @param backend the collective library, e.g. {@code gloo} or {@code nccl}
 * @param hosts every rank's host name, by rank
 * @param threadsPerRank each rank's thread pools, e.g. {@code intra_op -> 1}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DistributedProvenance(int worldSize, String backend, List<String> hosts, Map<String, Integer> threadsPerRank) {

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if the world size is below 1 or the hosts are not one per rank
     */
    public DistributedProvenance {
        Objects.requireNonNull(backend, "backend");
        hosts = List.copyOf(hosts);
        threadsPerRank = threadsPerRank == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(threadsPerRank));
        if (worldSize < 1) {
            throw new IllegalArgumentException("distributed world_size must be at least 1: " + worldSize);
        }
        if (hosts.size() != worldSize) {
            throw new IllegalArgumentException("distributed hosts: expected one per rank (" + worldSize + "), got " + hosts);
        }
    }
}
