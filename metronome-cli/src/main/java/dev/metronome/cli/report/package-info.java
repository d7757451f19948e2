/**
 * {@code report.html}: one self-contained page (inline SVG charts, nothing loaded from anywhere)
 * read from a run directory's files.
 */
package dev.metronome.cli.report;
