package dev.metronome.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.metronome.metrics.MetricEvent;
import dev.metronome.metrics.MetricEventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;

/** Runs with more evaluations than a table or a timeline lane can show one by one. */
class ReportLongRunTest {

    /** {@code count} evaluations of 0.25 s, one per second, the best (lowest loss) at index {@code bestIndex}. */
    private static Document reportOfEvaluations(int count, int bestIndex) {
        List<MetricEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(MetricEvent.builder(MetricEventType.EVAL).step(10L * (i + 1)).elapsedSeconds(i + 1.0)
                    .timestamp(Instant.parse("2026-01-01T00:00:00Z"))
                    .value("eval_loss", i == bestIndex ? 0.01 : 1.0 + i % 7)
                    .value("eval_duration_s", 0.25)
                    .value("eval_improved", i == bestIndex ? 1L : 0L)
                    .value("eval_cause", "1s")
                    .build());
        }
        return Jsoup.parse(HtmlReport.render(new RunInputs("long", events, Optional.empty(), Optional.empty(), List.of(),
                Optional.empty(), List.of())));
    }

    @Test
    void evaluationTable_showsAnEvenSelection_alwaysWithTheFirstTheBestAndTheLast() {
        Document doc = reportOfEvaluations(2_500, 1_234);

        Elements rows = doc.select("table.evaluations tbody tr");
        assertThat(rows.size()).isBetween(EvaluationTable.MAX_ROWS - 2, EvaluationTable.MAX_ROWS + 1);
        assertThat(rows.first().child(0).text()).isEqualTo("10");
        assertThat(rows.last().child(0).text()).isEqualTo("25,000");
        assertThat(doc.select("table.evaluations tr.best").text()).startsWith("12,350");
        assertThat(doc.selectFirst("#evaluations .lede").text())
                .startsWith("2,500 evaluations; " + rows.size() + " evenly spaced ones are shown");
    }

    @Test
    void denseEvaluationLane_mergesTouchingBars_withoutLosingAny() {
        Document doc = reportOfEvaluations(2_000, 0);

        Elements bars = doc.select("svg.timeline[data-chart=timeline] [data-lane=eval] rect.eval-bar");
        assertThat(bars.size()).isLessThan(2_000);
        assertThat(bars.stream().mapToInt(bar -> Integer.parseInt(bar.attr("data-count"))).sum()).isEqualTo(2_000);
    }

    @Test
    void fewEvaluations_getOneBarEach() {
        Document doc = reportOfEvaluations(30, 0);

        Elements bars = doc.select("svg.timeline[data-chart=timeline] [data-lane=eval] rect.eval-bar");
        assertThat(bars).hasSize(30);
        assertThat(bars.eachAttr("data-count")).containsOnly("1");
    }
}
