package dev.metronome.metrics.tensorboard;

import dev.metronome.metrics.MetricEvent;
import dev.metronome.metrics.MetricEventType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps metric values to TensorBoard scalar tags. A numeric value {@code name} of an event becomes
 * the tag {@code group/short}, where {@code group} is {@code train} for log events and the event's
 * wire name otherwise ({@code eval}, {@code save}, {@code end}, {@code resume}), and {@code short}
 * is {@code name} without a leading {@code "<wire name>_"}:
 * <pre>
 * log    loss            -&gt; train/loss         eval  eval_loss       -&gt; eval/loss
 * log    lr              -&gt; train/lr           eval  eval_accuracy   -&gt; eval/accuracy
 * log    samples_per_s   -&gt; train/samples_per_s eval eval_duration_s -&gt; eval/duration_s
 * save   save_duration_s -&gt; save/duration_s
 * </pre>
 * String values (such as {@code checkpoint}) have no scalar form and are left out. Values are
 * stored as 32-bit floats, TensorBoard's {@code simple_value}.
 */
final class TensorBoardTags {

    private TensorBoardTags() {}

    /**
     * Returns the tag group of an event type.
     *
     * @param type the event type
     * @return {@code train} for log events, otherwise the wire name
     */
    public static String group(MetricEventType type) {
        return type == MetricEventType.LOG ? "train" : type.wireName();
    }

    /**
     * Returns the tag of one value.
     *
     * @param type the event type
     * @param name the value name
     * @return e.g. {@code eval/accuracy} for ({@code EVAL}, {@code eval_accuracy})
     */
    public static String tag(MetricEventType type, String name) {
        String prefix = type.wireName() + "_";
        String shortName = name.startsWith(prefix) && name.length() > prefix.length() ? name.substring(prefix.length()) : name;
        return group(type) + "/" + shortName;
    }

    /**
     * Returns the scalars of an event, tag to value, in the event's value order.
     *
     * @param event the event
     * @return the numeric values under their tags; empty when the event has none
     */
    public static Map<String, Float> scalars(MetricEvent event) {
        Map<String, Float> scalars = new LinkedHashMap<>();
        event.values().forEach((name, value) -> {
            if (value instanceof Number number) {
                scalars.put(tag(event.type(), name), number.floatValue());
            }
        });
        return scalars;
    }
}
