package dev.metronome.data.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metronome.data.FeatureScale;
import dev.metronome.data.Standardization;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The JSON a task writes into checkpoints, read back and compared, without an engine. */
class TaskSignatureTest {

    private static final DatasetIdentity DATA = new DatasetIdentity("fraud-synthetic", 40_000, 10_000, "ab".repeat(32));
    private static final Standardization SCALES = new Standardization(List.of(
            new FeatureScale("amount", 61.5, 80.25), new FeatureScale("hour_of_day", 12.0, 6.5)));

    private static TaskSignature signature(Optional<Standardization> standardization, Optional<double[]> weights) {
        return new TaskSignature(42, 64, 1, false, 625, 625, DATA, standardization, weights);
    }

    private static JsonNode written(TaskSignature signature) {
        ObjectNode optimizer = JsonNodeFactory.instance.objectNode().put("algorithm", "adam").put("step", 9);
        return signature.toJson(optimizer);
    }

    @Test
    void aSignature_acceptsItsOwnState_andReturnsTheOptimizerScalars() {
        TaskSignature own = signature(Optional.of(SCALES), Optional.of(new double[] {0.505, 48.5}));

        JsonNode scalars = own.requireSameAs(written(own));

        assertThat(scalars.toString()).isEqualTo("{\"algorithm\":\"adam\",\"step\":9}");
        assertThat(written(own).get("standardization").toString())
                .isEqualTo("[{\"name\":\"amount\",\"mean\":61.5,\"std\":80.25},{\"name\":\"hour_of_day\",\"mean\":12.0,\"std\":6.5}]");
        assertThat(written(own).get("class_weights").toString()).isEqualTo("[0.505,48.5]");
    }

    @Test
    void otherScaling_isRefused_namingTheFirstFeatureThatDiffers() {
        Standardization other = new Standardization(List.of(
                new FeatureScale("amount", 61.5, 80.25), new FeatureScale("hour_of_day", 12.5, 6.5)));
        JsonNode saved = written(signature(Optional.of(SCALES), Optional.empty()));

        assertThatThrownBy(() -> signature(Optional.of(other), Optional.empty()).requireSameAs(saved))
                .hasMessage("task state: standardization differs: feature 'hour_of_day' has mean 12.0, std 6.5 in the"
                        + " checkpoint but mean 12.5, std 6.5 in this task; resume with the data the run started on");
        assertThatThrownBy(() -> signature(Optional.empty(), Optional.empty()).requireSameAs(saved))
                .hasMessage("task state: standardization differs: the checkpoint's data was standardised but this task's"
                        + " is not; resume with the data the run started on");
    }

    @Test
    void otherClassWeights_areRefused() {
        JsonNode saved = written(signature(Optional.empty(), Optional.of(new double[] {0.5, 50})));

        assertThatThrownBy(() -> signature(Optional.empty(), Optional.empty()).requireSameAs(saved))
                .hasMessage("task state: class_weights is [0.5, 50.0] in the checkpoint but none in this task;"
                        + " resume with the settings the run started with");
    }

    @Test
    void malformedFields_areNamed() {
        ObjectNode saved = (ObjectNode) written(signature(Optional.empty(), Optional.empty()));
        ((ObjectNode) saved.get("sampler")).put("batch_size", "sixty-four");

        assertThatThrownBy(() -> signature(Optional.empty(), Optional.empty()).requireSameAs(saved))
                .hasMessage("task state: sampler.batch_size is \"sixty-four\", expected an integer");
    }
}
