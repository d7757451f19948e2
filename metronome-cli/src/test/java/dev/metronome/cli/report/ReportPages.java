package dev.metronome.cli.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/** Making a report of a synthetic run and finding things in it, for the report tests. */
final class ReportPages {

    private ReportPages() {}

    /** 200 steps, a log every 10 steps (and step 1), evaluations at 50/100/150/200, saves at 100/200. */
    static SyntheticRun standardRun(Path temp) {
        return SyntheticRun.in(temp.resolve("run-1"));
    }

    static Document parse(Path report) throws IOException {
        return Jsoup.parse(Files.readString(report, StandardCharsets.UTF_8));
    }

    static Document report(SyntheticRun run) throws IOException {
        return parse(HtmlReport.write(run.write()));
    }

    /** The value of a summary fact (without its title and detail line), or the text of a status element. */
    static String field(Document doc, String name) {
        Element element = doc.selectFirst("[data-field=" + name + "]");
        Element value = element.selectFirst("dd");
        return value == null ? element.text() : value.ownText();
    }

    /** The small detail line under a summary fact. */
    static String detail(Document doc, String name) {
        return doc.selectFirst("[data-field=" + name + "] small").text();
    }

    /** The line chart of one quantity against {@code step} or {@code elapsed}. */
    static Elements chart(Document doc, String chartId, String xAxis) {
        return doc.select("svg.chart[data-chart=" + chartId + "][data-x=" + xAxis + "]");
    }
}
