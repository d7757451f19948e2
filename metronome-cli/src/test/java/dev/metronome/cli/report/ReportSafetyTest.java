package dev.metronome.cli.report;

import static dev.metronome.cli.report.ReportPages.parse;
import static dev.metronome.cli.report.ReportPages.report;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run-directory text never becomes markup, and the page loads nothing from anywhere. */
class ReportSafetyTest {

    @TempDir
    Path temp;

    private SyntheticRun standardRun() {
        return ReportPages.standardRun(temp);
    }

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
