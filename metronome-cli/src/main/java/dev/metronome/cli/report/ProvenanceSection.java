package dev.metronome.cli.report;

import dev.metronome.provenance.DataFile;
import dev.metronome.provenance.DatasetProvenance;
import dev.metronome.provenance.DistributedProvenance;
import dev.metronome.provenance.EnvironmentProvenance;
import dev.metronome.provenance.ResumeRecord;
import dev.metronome.provenance.RunProvenance;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** What ran, on what, with which data: the content of {@code run.json}. */
final class ProvenanceSection {

    private ProvenanceSection() {}

    /**
     * Renders the section.
     *
     * @param provenance the content of {@code run.json}, if it could be read
     * @return a {@code <section id="provenance">} element
     */
    static String render(Optional<RunProvenance> provenance) {
        StringBuilder out = new StringBuilder(8192);
        out.append("<section id=\"provenance\"><h2>Provenance</h2>");
        if (provenance.isEmpty()) {
            out.append("<p class=\"placeholder\">No readable run.json: the environment, data and seeds of this run "
                    + "are unknown.</p></section>");
            return out.toString();
        }
        RunProvenance run = provenance.get();
        out.append("<div class=\"cols\"><div><h3>Run</h3><table class=\"kv run-facts\"><tbody>");
        kv(out, "status", run.status().wireName());
        kv(out, "started (UTC)", ReportTimes.utc(run.startedAt()));
        kv(out, "ended (UTC)", run.endedAt() == null ? ValueFormat.MISSING : ReportTimes.utc(run.endedAt()));
        kv(out, "Metronome", run.metronomeVersion());
        kv(out, "git commit", run.gitCommit() == null ? "not recorded" : run.gitCommit());
        kv(out, "seeds", run.seeds().isEmpty() ? ValueFormat.MISSING : joined(run.seeds()));
        out.append("<tr><th>final parameter hash</th><td class=\"hash\">")
                .append(run.finalParameterHash() == null ? ValueFormat.MISSING : Html.escape(run.finalParameterHash()))
                .append("</td></tr>");
        for (Map.Entry<String, Double> metric : run.finalMetrics().entrySet()) {
            kv(out, "final " + metric.getKey(), ValueFormat.number(metric.getValue()));
        }
        out.append("</tbody></table></div>");
        environment(out, run.environment());
        out.append("</div>");
        datasets(out, run);
        if (!run.resumedFrom().isEmpty()) {
            out.append("<h3>Resumptions</h3><table class=\"resumptions\"><thead><tr><th>checkpoint</th>"
                    + "<th class=\"num\">step</th><th>resumed at (UTC)</th></tr></thead><tbody>");
            for (ResumeRecord resume : run.resumedFrom()) {
                out.append("<tr><td class=\"mono\">").append(Html.escape(resume.checkpoint())).append("</td><td class=\"num\">")
                        .append(ValueFormat.count(resume.step())).append("</td><td>")
                        .append(Html.escape(ReportTimes.utc(resume.resumedAt()))).append("</td></tr>");
            }
            out.append("</tbody></table>");
        }
        out.append("</section>");
        return out.toString();
    }

    private static void environment(StringBuilder out, EnvironmentProvenance environment) {
        out.append("<div><h3>Environment</h3><table class=\"kv environment\"><tbody>");
        kv(out, "Java", environment.javaVendor() + " " + environment.javaVersion());
        kv(out, "OS", environment.osName() + " " + environment.osVersion() + " (" + environment.osArch() + ")");
        kv(out, "processors", Integer.toString(environment.cpuCount()));
        kv(out, "max heap", ValueFormat.bytes(environment.maxHeapBytes()));
        kv(out, "engines", environment.engines().isEmpty() ? ValueFormat.MISSING : joined(environment.engines()));
        kv(out, "device", environment.device() == null ? "unknown" : environment.device());
        kv(out, "threads", environment.threads().isEmpty() ? ValueFormat.MISSING : joined(environment.threads()));
        kv(out, "world size", worldSize(environment.distributed()));
        out.append("</tbody></table></div>");
    }

    private static void datasets(StringBuilder out, RunProvenance run) {
        out.append("<h3>Data</h3>");
        if (run.datasets().isEmpty()) {
            out.append("<p class=\"placeholder\">run.json records no data sets.</p>");
            return;
        }
        out.append("<table class=\"datasets\"><thead><tr><th>name</th><th>source</th><th class=\"num\">examples</th>"
                + "<th class=\"num\">features</th><th class=\"num\">classes</th><th>licence</th><th>data class</th>"
                + "<th>files (size, SHA-256)</th></tr></thead><tbody>");
        for (DatasetProvenance dataset : run.datasets()) {
            out.append("<tr><td>").append(Html.escape(dataset.name())).append("</td><td class=\"mono\">")
                    .append(Html.escape(dataset.source())).append("</td><td class=\"num\">")
                    .append(ValueFormat.count(dataset.exampleCount())).append("</td><td class=\"num\">")
                    .append(ValueFormat.count(dataset.featureCount())).append("</td><td class=\"num\">")
                    .append(dataset.classCount() == null ? ValueFormat.MISSING : dataset.classCount().toString())
                    .append("</td><td>").append(Html.escape(dataset.licence())).append("</td><td>")
                    .append(Html.escape(dataset.dataClass().wireName())).append("</td><td>");
            if (dataset.files().isEmpty()) {
                out.append("<span class=\"muted\">generated, no files</span>");
            }
            for (DataFile file : dataset.files()) {
                out.append("<div><span class=\"mono\">").append(Html.escape(file.path())).append("</span> <span class=\"muted\">")
                        .append(ValueFormat.bytes(file.bytes())).append("</span><br><span class=\"hash\">")
                        .append(Html.escape(file.sha256())).append("</span></div>");
            }
            out.append("</td></tr>");
        }
        out.append("</tbody></table>");
    }

    /** {@code 4 ranks (gloo) on node-a ×2, node-b ×2; per rank: intra_op 1}, or one process. */
    private static String worldSize(DistributedProvenance distributed) {
        if (distributed == null) {
            return "1 (one process)";
        }
        Map<String, Long> perHost = distributed.hosts().stream()
                .collect(Collectors.groupingBy(host -> host, LinkedHashMap::new, Collectors.counting()));
        String hosts = perHost.entrySet().stream().map(entry -> entry.getKey() + " ×" + entry.getValue())
                .collect(Collectors.joining(", "));
        return distributed.worldSize() + " ranks (" + distributed.backend() + ") on " + hosts
                + (distributed.threadsPerRank().isEmpty() ? "" : "; per rank: " + joined(distributed.threadsPerRank()));
    }

    private static void kv(StringBuilder out, String key, String value) {
        out.append("<tr><th>").append(Html.escape(key)).append("</th><td>").append(Html.escape(value)).append("</td></tr>");
    }

    private static String joined(Map<String, ?> map) {
        return map.entrySet().stream().map(entry -> entry.getKey() + " " + entry.getValue())
                .collect(Collectors.joining(", "));
    }
}
