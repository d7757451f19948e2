package dev.metronome.cli.run;

/**
 * The report generator the command line uses.
 *
 * <p><b>Wiring point.</b> The HTML report ({@code dev.metronome.cli.report.HtmlReport}) is not part
 * of this build yet; {@link #html()} returns a writer that says so. When it lands, make
 * {@link #html()} return {@code HtmlReport::write} (its signature is {@code Path write(Path runDir)});
 * {@code train} (at the end of every run) and {@code report} already call it.
 */
public final class Reports {

    /** Says that there is no report generator in this build. */
    public static final ReportWriter UNAVAILABLE = runDirectory -> {
        throw new UnsupportedOperationException("the HTML report is not part of this build of Metronome yet");
    };

    private Reports() {}

    /** @return the HTML report writer */
    public static ReportWriter html() {
        return UNAVAILABLE;
    }
}
