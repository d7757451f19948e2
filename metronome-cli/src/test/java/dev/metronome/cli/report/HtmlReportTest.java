package dev.metronome.cli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.metronome.time.Clock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HtmlReportTest {

    @TempDir
    Path temp;

    /** 200 steps, a log every 10 steps (and step 1), evaluations at 50/100/150/200, saves at 100/200. */
    private SyntheticRun standardRun() {
        return SyntheticRun.in(temp.resolve("run-1"));
    }

    private static Document parse(Path report) throws IOException {
        return Jsoup.parse(Files.readString(report, StandardCharsets.UTF_8));
    }

    private static Document report(SyntheticRun run) throws IOException {
        return parse(HtmlReport.write(run.write()));
    }

    /** The value of a summary fact (without its title and detail line), or the text of a status element. */
    private static String field(Document doc, String name) {
        Element element = doc.selectFirst("[data-field=" + name + "]");
        Element value = element.selectFirst("dd");
        return value == null ? element.text() : value.ownText();
    }

    /** The small detail line under a summary fact. */
    private static String detail(Document doc, String name) {
        return doc.selectFirst("[data-field=" + name + "] small").text();
    }

    private static Elements chart(Document doc, String chartId, String xAxis) {
        return doc.select("svg.chart[data-chart=" + chartId + "][data-x=" + xAxis + "]");
    }

    @Nested
    class Summary {

        @Test
        void completedRun_showsStatusReasonAndRunFacts() throws IOException {
            Document doc = report(standardRun());

            assertThat(field(doc, "status")).isEqualTo("Completed");
            assertThat(field(doc, "stop-reason")).isEqualTo("step limit reached (max_steps)");
            assertThat(field(doc, "steps")).isEqualTo("200");
            assertThat(field(doc, "epochs")).isEqualTo("2");
            assertThat(doc.selectFirst("[data-field=best] dt").text()).isEqualTo("Best eval_loss");
            assertThat(detail(doc, "best")).isEqualTo("at step 200 (lower is better)");
            assertThat(field(doc, "last-eval")).isEqualTo("step 200");
            assertThat(detail(doc, "last-eval")).startsWith("loss ").contains(" · accuracy ");
            assertThat(field(doc, "dataset")).isEqualTo("fashion-mnist-mini-train (2,000 examples)");
            assertThat(field(doc, "model")).isEqualTo("mlp, hidden [128], relu");
            assertThat(field(doc, "optimizer")).isEqualTo("adam, lr 0.001");
            assertThat(field(doc, "seed")).isEqualTo("42");
            assertThat(field(doc, "events")).isEqualTo("21 logs");
            assertThat(detail(doc, "events")).isEqualTo("4 evaluations · 2 saves");
            assertThat(doc.title()).isEqualTo("run-1 · Completed · Metronome report");
        }

        @Test
        void activeTime_isTheLastEventsElapsedSeconds() throws IOException {
            // 200 steps of 0.05 s + 4 evaluations of 0.8 s + 2 saves of 0.2 s = 13.6 s.
            assertThat(field(report(standardRun()), "active-time")).isEqualTo("13.6 s");
        }

        @Test
        void overhead_isEvaluationTimePlusBlockedSaveTime_overActiveTime() throws IOException {
            Document doc = report(standardRun());

            // (4 × 0.8 s + 2 × 0.2 s) / 13.6 s
            assertThat(field(doc, "overhead")).isEqualTo("26.5%");
            assertThat(detail(doc, "overhead")).isEqualTo("of active time: evaluating 23.5%, saving 2.9% (loop blocked)");
        }

        @ParameterizedTest
        @CsvSource({
            "stopped, signal_term, Stopped by signal, SIGTERM received",
            "completed, early_stopping, Completed, early stopping",
            "completed, max_time, Completed, time limit reached (max_time)",
            "failed, , Failed, loss became NaN at step 200"})
        void endEvent_decidesStatusLabel(String status, String reason, String label, String detail) throws IOException {
            SyntheticRun run = standardRun();
            run.endStatus = status;
            run.stopReason = reason;

            Document doc = report(run);

            assertThat(field(doc, "status")).isEqualTo(label);
            assertThat(doc.selectFirst(".status-line").text()).contains(detail);
            assertThat(doc.selectFirst(".badge").hasClass(status)).isTrue();
        }

        @Test
        void noEndEvent_isReportedAsRunning() throws IOException {
            SyntheticRun run = standardRun();
            run.endStatus = null;

            Document doc = report(run);

            assertThat(field(doc, "status")).isEqualTo("Running");
            assertThat(field(doc, "stop-reason")).contains("no end event yet");
        }
    }

    @Nested
    class Charts {

        @Test
        void lossIsDrawnAgainstStepAndAgainstActiveTime_withTrainingAndEvaluationSeries() throws IOException {
            Document doc = report(standardRun());

            for (String xAxis : List.of("step", "elapsed")) {
                Elements charts = chart(doc, "loss", xAxis);
                assertThat(charts).hasSize(1);
                assertThat(charts.select("g.series").eachAttr("data-series")).containsExactly("loss", "eval_loss");
                assertThat(charts.select("g.series[data-series=loss]").attr("data-points")).isEqualTo("21");
                assertThat(charts.select("g.series[data-series=eval_loss] circle.marker")).hasSize(4);
                assertThat(charts.select(".x-axis .axis-title").text())
                        .isEqualTo(xAxis.equals("step") ? "step" : "active run time");
            }
        }

        @Test
        void otherEvaluationMetrics_learningRateAndThroughput_haveTheirOwnCharts() throws IOException {
            SyntheticRun run = standardRun();
            run.cosineLr = true;
            run.stepJitter = 0.2;

            Document doc = report(run);

            assertThat(chart(doc, "eval-metrics", "step").select("g.series").eachAttr("data-series"))
                    .containsExactly("eval_accuracy");
            assertThat(chart(doc, "lr", "elapsed").select("g.series")).hasSize(1);
            assertThat(chart(doc, "throughput", "step").select("g.series").attr("data-series")).isEqualTo("samples_per_s");
            assertThat(doc.select("svg.chart[data-chart]").select(".y-axis .tick-label")).isNotEmpty();
        }

        @Test
        void constantLearningRate_isOneSentence_notTwoFlatCharts() throws IOException {
            Document doc = report(standardRun());

            assertThat(doc.select("svg[data-chart=lr]")).isEmpty();
            assertThat(doc.selectFirst("p.constant[data-group=lr]").text())
                    .isEqualTo("Learning rate: lr constant at 0.001 over 21 values.");
        }

        @Test
        void nonFiniteLosses_breakTheLineAndAreCountedInTheLegend() throws IOException {
            SyntheticRun run = standardRun();
            run.nonFiniteLossSteps = Set.of(50L, 120L);

            Document doc = report(run);

            Element loss = chart(doc, "loss", "step").select("g.series[data-series=loss]").first();
            assertThat(loss.selectFirst("path.line").attr("d").chars().filter(c -> c == 'M')).hasSize(3);
            assertThat(loss.select("circle.marker")).hasSize(19);
            assertThat(chart(doc, "loss", "step").select(".legend-label").text()).contains("loss (2 non-finite)");
        }

        @Test
        void runWithoutEvaluations_drawsTrainingLossAlone_andSaysThereAreNone() throws IOException {
            SyntheticRun run = standardRun();
            run.evaluate = false;

            Document doc = report(run);

            assertThat(chart(doc, "loss", "step").select("g.series").eachAttr("data-series")).containsExactly("loss");
            assertThat(doc.select("svg[data-chart=eval-metrics]")).isEmpty();
            assertThat(doc.selectFirst("#evaluations").text()).contains("This run recorded no evaluations.");
            assertThat(detail(doc, "best")).isEqualTo("no evaluation measured it");
            assertThat(doc.select("[data-lane=eval] rect.eval-bar")).isEmpty();
        }

        @Test
        void singleStepRun_drawsEachValueAsAMarker() throws IOException {
            SyntheticRun run = standardRun();
            run.steps = 1;

            Document doc = report(run);

            Elements loss = chart(doc, "loss", "step");
            assertThat(loss.select("g.series[data-series=loss] circle.marker")).hasSize(1);
            assertThat(loss.select("g.series[data-series=eval_loss] circle.marker")).hasSize(1);
            assertThat(doc.select("[data-lane=eval] rect.eval-bar")).hasSize(1);
        }
    }

    @Nested
    class TimelineLanes {

        @Test
        void threeLanes_oneBarPerEvaluationAndSave_oneTickPerLog() throws IOException {
            Document doc = report(standardRun());

            Element timeline = doc.selectFirst("svg.timeline[data-chart=timeline]");
            assertThat(timeline.select("g.lane").eachAttr("data-lane")).containsExactly("log", "eval", "save");
            assertThat(timeline.select("[data-lane=eval] rect.eval-bar").eachAttr("data-step"))
                    .containsExactly("50", "100", "150", "200");
            assertThat(timeline.select("[data-lane=save] rect.save-bar").eachAttr("data-step")).containsExactly("100", "200");
            assertThat(timeline.select("[data-lane=save] line.save-tick")).hasSize(2);
            assertThat(timeline.selectFirst("[data-lane=log] path.log-tick").attr("data-drawn")).isEqualTo("21");
        }

        @Test
        void evaluationBar_spansItsDuration_endingAtItsEvent() throws IOException {
            Document doc = report(standardRun());

            // The timeline is 13.6 s over 1060 px; an evaluation of 0.8 s is about 62 px wide.
            Element bar = doc.selectFirst("svg.timeline [data-lane=eval] rect.eval-bar[data-step=50]");
            assertThat(Double.parseDouble(bar.attr("width"))).isBetween(60.0, 64.0);
            assertThat(bar.selectFirst("title").text()).startsWith("evaluation at step 50 · 800 ms · trigger 50 steps");
        }

        @Test
        void rhythmTable_summarisesEachAction() throws IOException {
            Document doc = report(standardRun());

            Element evaluate = doc.selectFirst("table.rhythm tr[data-action=evaluate]");
            assertThat(evaluate.select("td").eachText()).startsWith("evaluate", "4").contains("800 ms", "50 steps ×3, end ×1");
        }
    }

    @Nested
    class ResumedRun {

        /** Crashes after step 150 and resumes from checkpoint-100, then runs to 200. */
        private SyntheticRun crashingRun() {
            SyntheticRun run = standardRun();
            run.crashAfterStep = 150;
            return run;
        }

        @Test
        void stepsRunAgainAfterAResume_countOnce_laterOccurrenceWins() throws IOException {
            Document doc = report(crashingRun());

            assertThat(chart(doc, "loss", "step").select("g.series[data-series=loss]").attr("data-points")).isEqualTo("21");
            assertThat(doc.select("svg.timeline[data-chart=timeline] [data-lane=eval] rect.eval-bar").eachAttr("data-step"))
                    .containsExactly("50", "100", "150", "200");
            assertThat(doc.select("table.evaluations tbody tr")).hasSize(4);
            // logs 110..150 and the evaluation at 150 of the first attempt
            assertThat(detail(doc, "events")).contains("1 resumption", "6 re-run events superseded");
        }

        @Test
        void resumePoint_isMarkedOnEveryChartAndOnTheTimeline() throws IOException {
            Document doc = report(crashingRun());

            assertThat(chart(doc, "loss", "step").select("line.resume-mark")).hasSize(1);
            assertThat(chart(doc, "loss", "elapsed").select("line.resume-mark")).hasSize(1);
            assertThat(doc.selectFirst("svg.timeline g.resume").text()).contains("resumed @ 100");
            assertThat(doc.select("table.resumptions tbody tr")).hasSize(1);
        }
    }

    @Nested
    class Tables {

        @Test
        void evaluationTable_hasOneRowPerEvaluation_everyMetricColumn_andTheBestMarked() throws IOException {
            Document doc = report(standardRun());

            assertThat(doc.select("table.evaluations thead th").eachText())
                    .containsExactly("step", "epoch", "active time", "eval_loss", "eval_accuracy", "duration", "trigger");
            Elements rows = doc.select("table.evaluations tbody tr");
            assertThat(rows).hasSize(4);
            assertThat(rows.get(3).hasClass("best")).isTrue();
            assertThat(rows.get(3).select("td").last().text()).isEqualTo("end");
        }

        @Test
        void checkpointTable_listsEachCheckpoint_andFlagsACorruptOne() throws IOException {
            Path runDir = standardRun().write();
            Files.write(runDir.resolve("checkpoints/checkpoint-100/trainer_state.json"), new byte[] {'{', '}'});

            Document doc = parse(HtmlReport.write(runDir));

            Elements rows = doc.select("table.checkpoints tbody tr");
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0).hasClass("corrupt")).isTrue();
            assertThat(rows.get(0).text()).contains("checkpoint-100", "corrupt", "size mismatch");
            assertThat(rows.get(1).text()).contains("checkpoint-200", "ok", "eval_loss =");
        }

        @Test
        void configIsShownVerbatim_andProvenanceListsDataWithLicenceClassAndHash() throws IOException {
            Document doc = report(standardRun());

            assertThat(doc.selectFirst("pre.config").wholeText()).isEqualTo(String.format(SyntheticRun.CONFIG_YAML, 200, 50));
            Element dataset = doc.selectFirst("table.datasets tbody tr");
            assertThat(dataset.text()).contains("fashion-mnist-mini-train", "MIT", "open", "ab".repeat(32));
            assertThat(doc.selectFirst("table.environment").text()).contains("Debian 17.0.15", "djl 0.35.1", "cpu()");
            assertThat(doc.selectFirst("table.run-facts").text()).contains("9f3c" + "0".repeat(60), "init 42", "data 7");
        }
    }

    @Nested
    class Safety {

        @Test
        void textFromTheRunDirectory_isEscaped_neverMarkup() throws IOException {
            SyntheticRun run = standardRun();
            run.configYaml = "name: \"</pre><script>alert(1)</script><img src=x onerror=alert(2)>\"\n";
            run.extraEvalMetric = "eval_<b onmouseover=alert(3)>acc</b>";

            Document doc = report(run);

            assertThat(doc.select("script")).hasSize(1);
            assertThat(doc.select("script").first().data()).doesNotContain("alert");
            assertThat(doc.select("img, b, [onerror], [onmouseover]")).isEmpty();
            assertThat(doc.selectFirst("pre.config").text()).contains("<script>alert(1)</script>");
            assertThat(doc.select("table.evaluations thead th").eachText()).contains("eval_<b onmouseover=alert(3)>acc</b>");
        }

        @Test
        void pageReferencesNothingOutsideItself() throws IOException {
            SyntheticRun run = standardRun();
            run.explain = ReportDemo.explain(5);
            Path report = HtmlReport.write(run.write());
            String html = Files.readString(report);

            assertThat(html).doesNotContain("http://", "https://", "//cdn", "@import", "url(");
            Document doc = Jsoup.parse(html);
            assertThat(doc.select("link, img, iframe, object, embed, script[src]")).isEmpty();
            assertThat(doc.select("meta[http-equiv=Content-Security-Policy]").attr("content")).startsWith("default-src 'none'");
            assertThat(doc.select("a[href]").eachAttr("href")).allMatch(href -> href.startsWith("#"));
        }
    }

    @Nested
    class FeatureImportanceChart {

        @Test
        void explainFile_isDrawnAsRankedBarsWithErrorBars() throws IOException {
            SyntheticRun run = standardRun();
            run.explain = new ExplainResult(1, "eval_accuracy", "permutation", 0.87, 5, null, null, List.of(
                    new FeatureImportance("b", 0.01, 0.002),
                    new FeatureImportance("a", 0.05, 0.004),
                    new FeatureImportance("c", -0.001, null)));

            Document doc = report(run);

            Element chart = doc.selectFirst("svg[data-chart=importance]");
            assertThat(chart.select("g.feature").eachAttr("data-feature")).containsExactly("a", "b", "c");
            assertThat(chart.select("path.error-bar")).hasSize(2);
            assertThat(doc.selectFirst("#explain").text()).contains("eval_accuracy", "permutation", "5 repeats");
        }

        @Test
        void manyFeatures_showTheThirtyMostImportant() throws IOException {
            SyntheticRun run = standardRun();
            run.explain = ReportDemo.explain(45);

            Document doc = report(run);

            assertThat(doc.select("svg[data-chart=importance] g.feature")).hasSize(ExplainSection.MAX_FEATURES);
            assertThat(doc.selectFirst("#explain").text()).contains("The 30 most important of 45 features are shown.");
        }

        @Test
        void withoutExplainFile_theSectionSaysHowToMakeOne() throws IOException {
            Document doc = report(standardRun());

            assertThat(doc.select("svg[data-chart=importance]")).isEmpty();
            assertThat(doc.selectFirst("#explain").text()).contains("No explain.json", "metronome explain");
        }

        @Test
        void brokenExplainFile_isNamedInTheNotes_andTheReportStillRenders() throws IOException {
            Path runDir = standardRun().write();
            Files.writeString(runDir.resolve(ExplainFile.FILE_NAME), "{\"format_version\": 1, \"features\": []}");

            Document doc = parse(HtmlReport.write(runDir));

            assertThat(doc.selectFirst(".notes").text()).contains("explain.json could not be read", "metric");
            assertThat(doc.select("svg[data-chart=loss]")).hasSize(2);
        }
    }

    @Nested
    class MissingInputs {

        @Test
        void onlyTheMetricLog_stillMakesAReport_thatSaysWhatIsMissing() throws IOException {
            SyntheticRun run = standardRun();
            run.writeProvenance = false;
            run.writeConfig = false;
            run.writeCheckpoints = false;

            Document doc = report(run);

            assertThat(doc.select(".notes li").eachText()).hasSize(3).anySatisfy(note -> assertThat(note).contains("run.json"))
                    .anySatisfy(note -> assertThat(note).contains("config.yaml"))
                    .anySatisfy(note -> assertThat(note).contains("checkpoints/"));
            assertThat(field(doc, "dataset")).isEqualTo("—");
            assertThat(doc.selectFirst("#provenance .placeholder")).isNotNull();
            assertThat(doc.select("svg[data-chart=loss]")).hasSize(2);
        }

        @Test
        void configYamlMissing_showsTheConfigurationRecordedInRunJson() throws IOException {
            SyntheticRun run = standardRun();
            run.writeConfig = false;

            Document doc = report(run);

            assertThat(doc.selectFirst("pre.config").attr("data-source")).isEqualTo("run.json");
            assertThat(doc.selectFirst("pre.config").text()).contains("\"seed\" : 42");
        }

        @Test
        void withoutMetricLog_writingFails_namingTheFile() {
            assertThatThrownBy(() -> HtmlReport.write(temp))
                    .isInstanceOf(NoSuchFileException.class)
                    .hasMessageContaining("metrics.jsonl");
        }
    }

    @Nested
    class Writing {

        @Test
        void write_replacesTheReportInPlace_leavingNoTemporaryFile() throws IOException {
            Path runDir = standardRun().write();
            Files.writeString(runDir.resolve(HtmlReport.FILE_NAME), "old");

            Path written = HtmlReport.write(runDir);

            assertThat(written).isEqualTo(runDir.resolve("report.html"));
            assertThat(Files.readString(written)).startsWith("<!DOCTYPE html>");
            try (var files = Files.list(runDir)) {
                assertThat(files.map(path -> path.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
            }
        }

        @Test
        void render_isAPureFunctionOfItsInputs() throws IOException {
            Path runDir = standardRun().write();
            RunInputs inputs = RunDirectoryReader.read(runDir);

            assertThat(HtmlReport.render(inputs)).isEqualTo(HtmlReport.render(RunDirectoryReader.read(runDir)));
        }

        @Test
        void hundredThousandLogEvents_giveAReportOfReasonableSize() throws IOException {
            SyntheticRun run = standardRun();
            run.steps = 100_000;
            run.logEvery = 1;
            run.evalEvery = 2_000;
            run.saveEvery = 10_000;
            run.stepSeconds = 0.01;
            run.writeCheckpoints = false;
            Path runDir = run.write();

            long startNanos = Clock.SYSTEM.monotonicNanos();
            Path report = HtmlReport.write(runDir);
            double seconds = (Clock.SYSTEM.monotonicNanos() - startNanos) / 1e9;

            long bytes = Files.size(report);
            System.out.printf("100k-event report: %,d bytes in %.2f s%n", bytes, seconds);
            assertThat(bytes).isLessThan(600_000);
            Document doc = parse(report);
            assertThat(field(doc, "events")).isEqualTo("100,000 logs");
            Element loss = chart(doc, "loss", "step").select("g.series[data-series=loss]").first();
            assertThat(loss.attr("data-points")).isEqualTo("100000");
            long drawnPoints = loss.selectFirst("path.line").attr("d").chars().filter(c -> c == ',').count();
            assertThat(drawnPoints).isBetween(480L, 5L * 480);
            assertThat(Integer.parseInt(doc.selectFirst("svg.timeline [data-lane=log] path.log-tick").attr("data-drawn")))
                    .isLessThanOrEqualTo(2 * TimelineChart.WIDTH);
        }
    }
}
