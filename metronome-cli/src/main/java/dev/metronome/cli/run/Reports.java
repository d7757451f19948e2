package dev.metronome.cli.run;

import dev.metronome.cli.report.HtmlReport;

/** The report generator the command line uses: the self-contained {@code report.html}. */
public final class Reports {

    private Reports() {}

    /** @return the HTML report writer */
    public static ReportWriter html() {
        return HtmlReport::write;
    }
}
