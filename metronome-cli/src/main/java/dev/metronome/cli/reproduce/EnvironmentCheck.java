package dev.metronome.cli.reproduce;

import dev.metronome.provenance.BuildInfo;
import dev.metronome.provenance.EnvironmentProvenance;
import dev.metronome.provenance.RunProvenance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What differs between the environment a run recorded and this one, among the things bit-identical
 * training depends on: the Metronome build, the engine libraries, the JVM, the processor kind and
 * the intra-op thread count.
 */
final class EnvironmentCheck {

    private EnvironmentCheck() {}

    /**
     * Lists the differences.
     *
     * @param recorded the run's provenance
     * @param build this Metronome's build
     * @param now this machine and JVM, with this session's engine versions
     * @param intraOpThreads the intra-op threads of this session's engine, or null if unknown
     * @return one line per difference, {@code name: recorded X, now Y}; empty when all agree
     */
    static List<String> differences(RunProvenance recorded, BuildInfo build, EnvironmentProvenance now, Integer intraOpThreads) {
        EnvironmentProvenance then = recorded.environment();
        List<String> lines = new ArrayList<>();
        compare(lines, "Metronome version", recorded.metronomeVersion(), build.version());
        compare(lines, "Metronome git commit", recorded.gitCommit(), build.gitCommit().orElse(null));
        for (Map.Entry<String, String> engine : then.engines().entrySet()) {
            compare(lines, engine.getKey() + " version", engine.getValue(), now.engines().get(engine.getKey()));
        }
        compare(lines, "Java", then.javaVendor() + " " + then.javaVersion(), now.javaVendor() + " " + now.javaVersion());
        compare(lines, "CPU architecture", then.osArch(), now.osArch());
        compare(lines, "CPU model", then.cpuModel(), now.cpuModel());
        Integer recordedThreads = then.threads().get("intra_op");
        if (recordedThreads != null && intraOpThreads != null) {
            compare(lines, "intra-op threads", recordedThreads.toString(), intraOpThreads.toString());
        }
        return lines;
    }

    private static void compare(List<String> lines, String name, String recorded, String now) {
        if (!Objects.equals(recorded, now)) {
            lines.add(name + ": recorded " + recorded + ", now " + now);
        }
    }
}
