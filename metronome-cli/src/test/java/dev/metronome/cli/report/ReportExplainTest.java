package dev.metronome.cli.report;

import static dev.metronome.cli.report.ReportPages.parse;
import static dev.metronome.cli.report.ReportPages.report;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The feature-importance chart from explain.json. */
class ReportExplainTest {

    @TempDir
    Path temp;

    private SyntheticRun standardRun() {
        return ReportPages.standardRun(temp);
    }

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
