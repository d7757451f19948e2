package dev.metronome.cli.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Optional;

/** The resolved configuration: {@code config.yaml} verbatim, or the copy in {@code run.json} when the file is missing. */
final class ConfigSection {

    private ConfigSection() {}

    /**
     * Renders the section.
     *
     * @param configYaml the text of config.yaml, if present
     * @param recordedConfig the configuration recorded in run.json, or {@code null}
     * @return a {@code <section id="config">} element
     */
    static String render(Optional<String> configYaml, JsonNode recordedConfig) {
        StringBuilder out = new StringBuilder(4096);
        out.append("<section id=\"config\"><h2>Configuration</h2>");
        if (configYaml.isPresent()) {
            out.append("<p class=\"lede\">The resolved configuration (every default filled in), as written to "
                    + "<code>config.yaml</code>.</p><pre class=\"config\" data-source=\"config.yaml\">")
                    .append(Html.escape(configYaml.get())).append("</pre>");
        } else if (recordedConfig != null && !recordedConfig.isMissingNode()) {
            out.append("<p class=\"lede\">config.yaml is missing; this is the configuration recorded in "
                    + "<code>run.json</code>.</p><pre class=\"config\" data-source=\"run.json\">")
                    .append(Html.escape(pretty(recordedConfig))).append("</pre>");
        } else {
            out.append("<p class=\"placeholder\">Neither config.yaml nor run.json is available.</p>");
        }
        out.append("</section>");
        return out.toString();
    }

    private static String pretty(JsonNode config) {
        try {
            return JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(config);
        } catch (JsonProcessingException e) {
            return config.toString();
        }
    }
}
