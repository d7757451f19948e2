package dev.metronome.metrics;

import dev.metronome.callback.Callback;
import dev.metronome.callback.TrainingControl;
import dev.metronome.callback.event.EvaluateEvent;
import dev.metronome.callback.event.LogEvent;
import dev.metronome.callback.event.SaveEvent;
import dev.metronome.callback.event.SyncEvent;
import dev.metronome.callback.event.TrainBeginEvent;
import dev.metronome.callback.event.TrainEndEvent;
import dev.metronome.callback.event.TrainerView;
import dev.metronome.provenance.RunStatus;
import dev.metronome.time.Clock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;

/**
 * Turns the loop's events into {@link MetricEvent}s for a {@link MetricSink} (typically a
 * {@link MetricsRecorder} over {@code metrics.jsonl}, {@code metrics.csv} and TensorBoard):
 * {@code resume} when a run continues, {@code log}, {@code eval}, {@code save}, and {@code end}.
 * Each event is written as it happens. Closing the sink is the caller's business.
 */
public final class MetricsCallback implements Callback {

    private final MetricSink sink;
    private final Clock clock;

    /**
     * Creates the callback.
     *
     * @param sink where events go
     * @param clock the wall clock for timestamps
     */
    public MetricsCallback(MetricSink sink, Clock clock) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void onTrainBegin(TrainBeginEvent event) {
        if (event.resumed()) {
            write(start(MetricEventType.RESUME, event.view()).value(MetricKeys.CHECKPOINT, event.resumedFrom()));
        }
    }

    @Override
    public void onLog(LogEvent event) {
        MetricEvent.Builder builder = start(MetricEventType.LOG, event.view())
                .value(MetricKeys.LOSS, event.loss())
                .value(MetricKeys.LR, event.learningRate())
                .value(MetricKeys.SAMPLES_PER_S, event.samplesPerSecond());
        if (event.skippedSteps() > 0) {
            builder.value("skipped_steps", event.skippedSteps());
        }
        write(builder);
    }

    @Override
    public void onEvaluate(EvaluateEvent event, TrainingControl control) {
        MetricEvent.Builder builder = start(MetricEventType.EVAL, event.view());
        for (Map.Entry<String, Double> metric : event.evaluation().metrics().entrySet()) {
            builder.value(MetricKeys.EVAL_PREFIX + metric.getKey(), metric.getValue());
        }
        builder.value(MetricKeys.EVAL_DURATION_S, event.durationNanos() / 1e9)
                .value("eval_improved", event.verdict().improved() ? 1L : 0L)
                .value("eval_cause", event.cause());
        write(builder);
    }

    @Override
    public void onSave(SaveEvent event) {
        write(start(MetricEventType.SAVE, event.view())
                .step(event.checkpointStep())
                .epoch((double) event.checkpointStep() / event.view().stepsPerEpoch())
                .value(MetricKeys.CHECKPOINT, event.checkpoint())
                .value(MetricKeys.SAVE_DURATION_S, event.durationNanos() / 1e9)
                .value("save_stall_s", event.stallNanos() / 1e9)
                .value("checkpoint_bytes", event.bytes())
                .value("save_cause", event.cause()));
    }

    @Override
    public void onSync(SyncEvent event) {
        MetricEvent.Builder builder = start(MetricEventType.SYNC, event.view()).value("sync", event.number());
        long[] steps = event.stepsPerRank();
        long[] waits = event.waitNanosPerRank();
        long longestWait = 0;
        for (int rank = 0; rank < steps.length; rank++) {
            builder.value("rank" + rank + "_steps", steps[rank]);
            builder.value("rank" + rank + "_wait_s", waits[rank] / 1e9);
            longestWait = Math.max(longestWait, waits[rank]);
        }
        write(builder.value("wait_s", longestWait / 1e9)
                .value("sync_duration_s", event.durationNanos() / 1e9)
                .value("sync_cause", event.cause()));
    }

    @Override
    public void onTrainEnd(TrainEndEvent event) {
        MetricEvent.Builder builder = start(MetricEventType.END, event.view());
        if (event.failed()) {
            builder.value("status", "failed").value("error", oneLine(event.failure()));
        } else {
            builder.value("status", RunStatus.forStopReason(event.reason()).wireName())
                    .value("stop_reason", event.reason().key());
        }
        double best = event.view().bestValue();
        if (Double.isFinite(best)) {
            builder.value("best_" + MetricKeys.EVAL_PREFIX + event.view().bestMetricName(), best);
        }
        write(builder);
        try {
            sink.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("could not flush metric files: " + e.getMessage(), e);
        }
    }

    private MetricEvent.Builder start(MetricEventType type, TrainerView view) {
        return MetricEvent.builder(type)
                .step(view.step())
                .epoch(view.epochProgress())
                .elapsedSeconds(view.elapsed().wallSeconds())
                .timestamp(clock);
    }

    private void write(MetricEvent.Builder builder) {
        try {
            sink.write(builder.build());
        } catch (IOException e) {
            throw new UncheckedIOException("could not write metric files: " + e.getMessage(), e);
        }
    }

    private static String oneLine(Throwable failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return message.replaceAll("[\\r\\n]+", " ");
    }
}
