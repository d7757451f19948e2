package dev.metronome.bench.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoundSettingsTest {

    private static final List<String> NAMES = List.of("mlp64", "cnn64");

    @Test
    void quick_shortensEverything_andLaterOptionsOverrideIt() {
        RoundSettings settings = RoundSettings.parse(List.of("--rounds", "7", "--quick", "--only", "CNN64"), NAMES);

        assertThat(settings).isEqualTo(new RoundSettings(7, 0.5, 0.2, List.of("cnn64"), true));
        assertThat(settings.runs("cnn64")).isTrue();
        assertThat(settings.runs("mlp64")).isFalse();
    }

    @Test
    void defaults_areTwentyRoundsOfThreeSeconds_everyConfiguration() {
        RoundSettings settings = RoundSettings.parse(List.of(), NAMES);

        assertThat(settings).isEqualTo(new RoundSettings(20, 3.0, 1.0, List.of(), false));
        assertThat(settings.runs("mlp64")).isTrue();
    }

    @Test
    void unknownConfigurationOrOption_isRefused_namingIt() {
        assertThatThrownBy(() -> RoundSettings.parse(List.of("--only", "mlp512"), NAMES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--only: unknown configuration 'mlp512'; expected mlp64, cnn64");
        assertThatThrownBy(() -> RoundSettings.parse(List.of("--fast"), NAMES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown option '--fast'");
    }
}
