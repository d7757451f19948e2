package dev.metronome.cli.report;

import dev.metronome.metrics.MetricEvent;
import dev.metronome.provenance.RunProvenance;
import dev.metronome.provenance.RunStatus;
import java.util.Locale;
import java.util.Optional;

/**
 * How the run ended, as the summary shows it. The {@code end} event of the last session is
 * authoritative; without one, {@code run.json}'s status is used; without either the run is still
 * running or its process died before it could record an end.
 *
 * @param key {@code completed}, {@code stopped}, {@code failed} or {@code running}; used as a CSS class
 * @param label what a person reads, e.g. {@code Stopped by signal}
 * @param stopReason the stop reason as a sentence, or {@code null}
 * @param error the error message of a failed run, or {@code null}
 */
record RunStatusView(String key, String label, String stopReason, String error) {

    static RunStatusView of(Optional<MetricEvent> end, Optional<RunProvenance> provenance) {
        if (end.isPresent()) {
            String status = text(end.get(), "status").orElse("completed");
            String reasonKey = text(end.get(), "stop_reason").orElse(null);
            String error = text(end.get(), "error").orElse(null);
            boolean signal = reasonKey != null && reasonKey.startsWith("signal_");
            String label = switch (status) {
                case "completed" -> "Completed";
                case "failed" -> "Failed";
                case "stopped" -> signal ? "Stopped by signal" : "Stopped";
                default -> status;
            };
            return new RunStatusView(cssKey(status), label, reasonKey == null ? null : reasonText(reasonKey), error);
        }
        if (provenance.isPresent() && provenance.get().status() != RunStatus.RUNNING) {
            String status = provenance.get().status().wireName();
            String label = status.substring(0, 1).toUpperCase(Locale.ROOT) + status.substring(1);
            return new RunStatusView(status, label, "recorded in run.json; metrics.jsonl has no end event", null);
        }
        return new RunStatusView("running", "Running",
                "no end event yet: still running, or the process died without recording one (resume continues it)", null);
    }

    /**
     * Turns a stop reason key into words.
     *
     * @param key e.g. {@code max_time}
     * @return e.g. {@code time limit reached (max_time)}; unknown keys as given
     */
    static String reasonText(String key) {
        String words = switch (key) {
            case "max_steps" -> "step limit reached";
            case "max_epochs" -> "epoch limit reached";
            case "max_time" -> "time limit reached";
            case "early_stopping" -> "early stopping: the best metric stopped improving";
            case "requested" -> "a callback asked to stop";
            case "signal_term" -> "SIGTERM received; a checkpoint of the last step was saved";
            case "signal_int" -> "SIGINT (Ctrl-C) received; a checkpoint of the last step was saved";
            default -> null;
        };
        return words == null ? key : words + " (" + key + ")";
    }

    private static String cssKey(String status) {
        return switch (status) {
            case "completed", "stopped", "failed", "running" -> status;
            default -> "unknown";
        };
    }

    private static Optional<String> text(MetricEvent event, String name) {
        return event.values().get(name) instanceof String value ? Optional.of(value) : Optional.empty();
    }
}
