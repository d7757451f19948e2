package dev.metronome.metrics.tensorboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.metronome.metrics.MetricEvent;
import dev.metronome.metrics.MetricEventType;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TensorBoardTagsTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "LOG,    loss,            train/loss",
        "LOG,    lr,              train/lr",
        "LOG,    samples_per_s,   train/samples_per_s",
        "LOG,    grad_norm,       train/grad_norm",
        "EVAL,   eval_loss,       eval/loss",
        "EVAL,   eval_accuracy,   eval/accuracy",
        "EVAL,   eval_f1_macro,   eval/f1_macro",
        "EVAL,   eval_duration_s, eval/duration_s",
        "EVAL,   samples,         eval/samples",
        "SAVE,   save_duration_s, save/duration_s",
        "END,    eval_accuracy,   end/eval_accuracy",
        "RESUME, resume_step,     resume/step",
        "EVAL,   eval_,           eval/eval_",
    })
    void tag_followsTheGroupAndPrefixRule(MetricEventType type, String name, String expectedTag) {
        assertThat(TensorBoardTags.tag(type, name)).isEqualTo(expectedTag);
    }

    @Test
    void scalars_skipStringValues_andKeepValueOrder() {
        MetricEvent save = MetricEvent.builder(MetricEventType.SAVE)
                .timestamp(Instant.EPOCH)
                .value("checkpoint", "checkpoints/step-100")
                .value("save_duration_s", 0.5)
                .value("bytes", 1024L)
                .build();

        assertThat(TensorBoardTags.scalars(save))
                .containsExactly(Map.entry("save/duration_s", 0.5f), Map.entry("save/bytes", 1024f));
    }
}
