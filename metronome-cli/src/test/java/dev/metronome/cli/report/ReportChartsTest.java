package dev.metronome.cli.report;

import static dev.metronome.cli.report.ReportPages.chart;
import static dev.metronome.cli.report.ReportPages.detail;
import static dev.metronome.cli.report.ReportPages.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.metronome.metrics.MetricEvent;
import dev.metronome.metrics.MetricEventType;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training curves: both x axes, the series each chart carries, gaps, markers. */
class ReportChartsTest {

    @TempDir
    Path temp;

    private SyntheticRun standardRun() {
        return ReportPages.standardRun(temp);
    }

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
    void bestEvaluation_isRingedOnTheChartsOfItsMetric() throws IOException {
        Document doc = report(standardRun());

        for (String xAxis : List.of("step", "elapsed")) {
            assertThat(chart(doc, "loss", xAxis).select("circle.best-mark").eachText())
                    .singleElement().asString().startsWith("best eval_loss ").endsWith(" at step 200");
            assertThat(chart(doc, "eval-metrics", xAxis).select("circle.best-mark")).isEmpty();
        }
    }

    @Test
    void constantLearningRate_isOneSentence_notTwoFlatCharts() throws IOException {
        Document doc = report(standardRun());

        assertThat(doc.select("svg[data-chart=lr]")).isEmpty();
        assertThat(doc.selectFirst("p.constant[data-group=lr]").text())
                .isEqualTo("Learning rate: lr constant at 0.001 over 21 values.");
    }

    @Test
    void manyEvaluationMetrics_areSplitIntoChartsOfAtMostFour() throws IOException {
        List<MetricEvent> events = new ArrayList<>();
        for (long step = 1; step <= 3; step++) {
            MetricEvent.Builder eval = MetricEvent.builder(MetricEventType.EVAL).step(step).elapsedSeconds(step)
                    .timestamp(Instant.parse("2026-01-01T00:00:00Z")).value("eval_loss", 1.0 / step);
            for (int metric = 0; metric < 9; metric++) {
                eval.value("eval_metric_" + metric + "_with_a_rather_long_name", step * 0.1 + metric);
            }
            events.add(eval.build());
        }
        RunInputs inputs = new RunInputs("many", events, Optional.empty(), Optional.empty(), List.of(), Optional.empty(),
                List.of());

        Document doc = Jsoup.parse(HtmlReport.render(inputs));

        assertThat(doc.select("svg.chart[data-x=step]").eachAttr("data-chart"))
                .containsExactly("loss", "eval-metrics", "eval-metrics-2", "eval-metrics-3");
        assertThat(chart(doc, "eval-metrics-3", "step").select("g.series")).hasSize(1);
        assertThat(doc.select(".chart-group h3").eachText()).contains("Evaluation metrics (3 of 3)");
        assertThat(chart(doc, "eval-metrics", "step").select(".legend-label").eachText())
                .allSatisfy(label -> assertThat(label).hasSizeLessThanOrEqualTo(28).endsWith("…"));
    }

    @Test
    void aLegendWiderThanThePlot_wrapsToASecondRow_insteadOfRunningIntoTheNextChart() {
        List<MetricEvent> events = new ArrayList<>();
        for (long step = 1; step <= 3; step++) {
            events.add(MetricEvent.builder(MetricEventType.EVAL).step(step).elapsedSeconds(step)
                    .timestamp(Instant.parse("2026-01-01T00:00:00Z")).value("eval_loss", 1.0 / step)
                    .value("eval_accuracy", 0.7 + step * 0.01).value("eval_precision_macro", 0.6 + step * 0.01)
                    .value("eval_recall_macro", 0.5 + step * 0.01).value("eval_f1_macro", 0.4 + step * 0.01).build());
        }
        Document doc = Jsoup.parse(HtmlReport.render(new RunInputs("legend", events, Optional.empty(), Optional.empty(),
                List.of(), Optional.empty(), List.of())));

        Elements labels = chart(doc, "eval-metrics", "step").select(".legend-label");
        assertThat(labels.eachText())
                .containsExactly("eval_accuracy", "eval_precision_macro", "eval_recall_macro", "eval_f1_macro");
        assertThat(labels.eachAttr("y")).containsExactly("11", "11", "11", "27");
        for (Element label : labels) {
            double estimatedEnd = Double.parseDouble(label.attr("x")) + 7.2 * label.text().length();
            assertThat(estimatedEnd).as(label.text()).isLessThanOrEqualTo(LineChart.WIDTH - 14);
        }
        assertThat(chart(doc, "loss", "step").select(".legend-label").eachAttr("y")).containsOnly("18");
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
