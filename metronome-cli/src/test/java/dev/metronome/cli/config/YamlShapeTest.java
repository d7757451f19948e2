package dev.metronome.cli.config;

import static dev.metronome.cli.config.ConfigResolverTest.errorOf;
import static dev.metronome.cli.config.ConfigResolverTest.resolve;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** YAML the configuration cannot mean unambiguously is refused, naming the line; numbers are read as written. */
class YamlShapeTest {

    @TempDir
    Path dir;

    private Path file(String yaml) throws IOException {
        return Files.writeString(dir.resolve("run.yaml"), yaml);
    }

    @Test
    void anAlias_isRefused_notReadAsItsAnchorsName() throws IOException {
        Path file = file("schedule:\n  evaluate: &5s 20 steps\n  save: *5s\n");
        assertThatThrownBy(() -> ConfigFiles.read(file)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ":3: YAML alias *5s is not supported; write the value itself");
    }

    @Test
    void aMergeKey_isRefused() throws IOException {
        Path file = file("optimizer:\n  <<: {lr: 0.1}\n  name: sgd\n");
        assertThatThrownBy(() -> ConfigFiles.read(file)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ":2: YAML merge key << is not supported; write the keys themselves");
    }

    @Test
    void aSecondDocument_isRefused_notIgnored() throws IOException {
        Path file = file("seed: 1\n---\nseed: 2\n");
        assertThatThrownBy(() -> ConfigFiles.read(file)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ":2: a second YAML document (after ---); expected one configuration per file");
    }

    @Test
    void aLeadingZero_isRefused_inFilesAndFlags_ratherThanReadAsOctal() throws IOException {
        Path file = file("training:\n  batch_size: 064\n");
        assertThatThrownBy(() -> ConfigFiles.read(file)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":2: 064 has a leading zero, which YAML 1.1 reads as an octal number");
        assertThatThrownBy(() -> Overrides.flag("--max-steps", "training.max_steps", "010")).hasMessage(
                "training.max_steps: \"010\": a leading zero makes YAML 1.1 read it as an octal number; write it without"
                        + " the zero (from --max-steps)");
        assertThat(resolve(ConfigFiles.read(file("training:\n  max_steps: 10\n"))).training().maxSteps()).isEqualTo(10L);
    }

    @Test
    void aWholeNumberInExponentForm_isAWholeNumber() {
        assertThat(resolve(Overrides.flag("--max-steps", "training.max_steps", "1e3")).training().maxSteps()).isEqualTo(1000L);
        assertThat(errorOf(Overrides.set("training.batch_size=6.5"))).isEqualTo(
                "training.batch_size: 6.5: expected a whole number from 1 to 1000000 (from --set training.batch_size=6.5)");
    }

    @Test
    void aNumberWithATypeSuffix_isNotANumber() {
        assertThat(errorOf(Overrides.set("optimizer.lr=1.5f")))
                .isEqualTo("optimizer.lr: \"1.5f\": expected a number > 0 (from --set optimizer.lr=1.5f)");
    }

    @Test
    void threadCounts_stopAtWhatTheEngineAccepts() {
        assertThat(errorOf(Overrides.set("engine.threads=4096"))).isEqualTo(
                "engine.threads: 4096: expected a whole number from 1 to 1024 or null (from --set engine.threads=4096)");
    }

    @Test
    void featureColumns_areCheckedUnderTheirConfigurationKey() {
        assertThat(errorOf(Overrides.set("data.name=csv"), Overrides.set("data.path=a.csv"), Overrides.set("data.label=y"),
                Overrides.set("data.features=[a, a]"))).startsWith("data.features: ")
                .contains("names the column 'a' twice; expected each column once");
    }
}
