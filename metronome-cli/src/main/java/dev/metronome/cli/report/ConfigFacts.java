package dev.metronome.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.metronome.provenance.DatasetProvenance;
import dev.metronome.provenance.RunProvenance;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One-line descriptions of the data, model, optimizer and seed for the summary, taken from the
 * resolved configuration recorded in {@code run.json} (keys as in the run configuration: {@code data.name},
 * {@code model.name}, {@code model.hidden}, {@code optimizer.name}, {@code optimizer.lr}, {@code seed}, …).
 * Every lookup tolerates missing keys: an absent fact is {@code null}.
 */
final class ConfigFacts {

    private final JsonNode config;
    private final Optional<RunProvenance> provenance;

    ConfigFacts(Optional<RunProvenance> provenance) {
        this.provenance = provenance;
        this.config = provenance.map(RunProvenance::config).orElse(null);
    }

    /** @return the resolved configuration, or {@code null} */
    JsonNode config() {
        return config;
    }

    /** @return e.g. {@code fashion-mnist-train} with its example count, or {@code null} */
    String dataset() {
        if (provenance.isPresent() && !provenance.get().datasets().isEmpty()) {
            DatasetProvenance train = provenance.get().datasets().get(0);
            return train.name() + " (" + ValueFormat.count(train.exampleCount()) + " examples)";
        }
        return text(path("data", "name"));
    }

    /** @return e.g. {@code mlp, hidden [128], relu}, or {@code null} */
    String model() {
        String name = text(path("model", "name"));
        if (name == null) {
            return null;
        }
        List<String> parts = new ArrayList<>(List.of(name));
        JsonNode hidden = path("model", "hidden");
        if (hidden.isArray() && !hidden.isEmpty()) {
            List<String> sizes = new ArrayList<>();
            hidden.forEach(size -> sizes.add(size.asText()));
            parts.add("hidden [" + String.join(", ", sizes) + "]");
        }
        addIfPresent(parts, "", text(path("model", "activation")));
        double dropout = path("model", "dropout").asDouble(0);
        if (dropout > 0) {
            parts.add("dropout " + ValueFormat.number(dropout));
        }
        return String.join(", ", parts);
    }

    /** @return e.g. {@code adam, lr 0.001, cosine schedule, batch 64}, or {@code null} */
    String optimizer() {
        String name = text(path("optimizer", "name"));
        if (name == null) {
            return null;
        }
        List<String> parts = new ArrayList<>(List.of(name));
        JsonNode lr = path("optimizer", "lr");
        if (lr.isNumber()) {
            parts.add("lr " + ValueFormat.number(lr.asDouble()));
        }
        double weightDecay = path("optimizer", "weight_decay").asDouble(0);
        if (weightDecay > 0) {
            parts.add("weight decay " + ValueFormat.number(weightDecay));
        }
        String schedule = text(path("lr_schedule", "name"));
        if (schedule != null && !schedule.equals("constant")) {
            parts.add(schedule + " schedule");
        }
        JsonNode batch = path("training", "batch_size");
        if (batch.isNumber()) {
            parts.add("batch " + batch.asText());
        }
        return String.join(", ", parts);
    }

    /** @return the configured seed, else the recorded seeds, or {@code null} */
    String seed() {
        JsonNode seed = path("seed");
        if (seed.isNumber() || seed.isTextual()) {
            return seed.asText();
        }
        if (provenance.isPresent() && !provenance.get().seeds().isEmpty()) {
            return provenance.get().seeds().entrySet().stream()
                    .map(entry -> entry.getKey() + " " + entry.getValue()).collect(Collectors.joining(", "));
        }
        return null;
    }

    private JsonNode path(String... keys) {
        JsonNode node = config == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : config;
        for (String key : keys) {
            node = node.path(key);
        }
        return node;
    }

    private static String text(JsonNode node) {
        return node.isValueNode() && !node.isNull() && !node.asText().isBlank() ? node.asText() : null;
    }

    private static void addIfPresent(List<String> parts, String prefix, String value) {
        if (value != null) {
            parts.add(prefix + value);
        }
    }
}
