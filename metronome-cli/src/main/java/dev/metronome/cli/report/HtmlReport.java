package dev.metronome.cli.report;

import dev.metronome.files.AtomicFiles;
import dev.metronome.metrics.MetricEventType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Metronome's {@code report.html}: one self-contained page a person opens after (or during) a run.
 * Summary, training curves against step and against active time, the timeline of logs,
 * evaluations and saves, evaluation and checkpoint tables, feature importance when
 * {@code explain.json} is present, the resolved configuration and the provenance. Charts are inline
 * SVG; styles and a small hover script are inline; the page loads nothing from anywhere (a
 * Content-Security-Policy forbids it) and reads the same printed. Every piece of text from the run
 * directory is escaped. See {@code docs/REPORT.md}.
 */
public final class HtmlReport {

    /** The report's file name inside a run directory. */
    public static final String FILE_NAME = "report.html";

    private static final String CSS = resource("report.css");
    private static final String SCRIPT = resource("report.js");

    private HtmlReport() {}

    /**
     * Reads a run directory and writes {@code report.html} into it, atomically (a temporary file,
     * forced to disk, renamed over the old report).
     *
     * @param runDir the run directory; must hold {@code metrics.jsonl}
     * @return the report's path
     * @throws java.nio.file.NoSuchFileException if {@code metrics.jsonl} is missing
     * @throws dev.metronome.metrics.jsonl.MalformedMetricsLogException if a complete line of it is invalid
     * @throws IOException if the directory cannot be read or the report cannot be written
     */
    public static Path write(Path runDir) throws IOException {
        String html = render(RunDirectoryReader.read(runDir));
        Path file = runDir.resolve(FILE_NAME);
        AtomicFiles.write(file, html.getBytes(StandardCharsets.UTF_8));
        return file;
    }

    /**
     * Produces the page from inputs already read. Pure: the same inputs give the same text.
     *
     * @param inputs the run's files
     * @return a complete HTML document
     */
    public static String render(RunInputs inputs) {
        RunHistory history = RunHistory.of(inputs.events());
        ConfigFacts facts = new ConfigFacts(inputs.provenance());
        RunStatusView status = RunStatusView.of(history.end(), inputs.provenance());
        BestMetricView best = BestMetricView.of(history.events(MetricEventType.EVAL), history.end(),
                facts.config());
        StringBuilder page = new StringBuilder(524_288);
        page.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                        + "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<meta name=\"generator\" content=\"Metronome\">")
                .append("<title>").append(Html.escape(inputs.runName() + " · " + status.label() + " · Metronome report"))
                .append("</title><style>").append(CSS).append("</style></head><body><main>\n");
        page.append(SummarySection.render(inputs, history, status, best, facts)).append('\n');
        page.append(CurvesSection.render(history, best)).append('\n');
        Timeline timeline = Timeline.of(history);
        page.append(TimelineSection.render(timeline)).append('\n');
        page.append(EvaluationTable.render(history, best)).append('\n');
        page.append(CheckpointTable.render(inputs.checkpoints())).append('\n');
        page.append(ExplainSection.render(inputs.explain())).append('\n');
        page.append(ConfigSection.render(inputs.configYaml(), facts.config())).append('\n');
        page.append(ProvenanceSection.render(inputs.provenance())).append('\n');
        page.append("<footer>Made by Metronome from the files of this run directory. Times are active run time "
                + "unless marked UTC. The page is self-contained: it loads nothing.</footer>");
        page.append("</main><script>").append(SCRIPT).append("</script></body></html>\n");
        return page.toString();
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("report resource missing from the class path: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("report resource unreadable: " + name, e);
        }
    }
}
