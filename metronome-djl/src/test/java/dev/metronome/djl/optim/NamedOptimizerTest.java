package dev.metronome.djl.optim;

import dev.metronome.optim.AdamSpec;
import dev.metronome.optim.OptimizerSpec;
import dev.metronome.optim.OptimizerState;
import dev.metronome.optim.SgdSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.metronome.djl.engine.EngineSetup;
import dev.metronome.tensor.TensorData;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NamedOptimizerTest {

    @BeforeAll
    static void startEngine() {
        EngineSetup.start();
    }

    static Stream<Arguments> specs() {
        return Stream.of(
                Arguments.of("adam", AdamSpec.adam()),
                Arguments.of("adam+l2", AdamSpec.adam().withWeightDecay(0.1)),
                Arguments.of("adamw", AdamSpec.adamW().withWeightDecay(0.1)),
                Arguments.of("sgd", SgdSpec.plain()),
                Arguments.of("sgd+l2", new SgdSpec(0, false, 0.05)),
                Arguments.of("momentum", new SgdSpec(0.9, false, 0.05)),
                Arguments.of("nesterov", new SgdSpec(0.9, true, 0.05)));
    }

    @Nested
    class Semantics {

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.metronome.djl.optim.NamedOptimizerTest#specs")
        void updates_matchThePlainJavaReference_withChangingRateAndScale(String label, OptimizerSpec spec) {
            try (OptimizerFixture fixture = new OptimizerFixture(1)) {
                NamedOptimizer optimizer = NamedOptimizer.of(spec, fixture.parameters);
                ReferenceOptimizer reference = new ReferenceOptimizer(spec);
                Map<String, double[]> expected = fixture.weightsAsDoubles();
                double[] rates = {0.01, 0.02, 0.005, 0.01, 0.03, 0.01};
                float[] scales = {1f, 0.5f, 1f, 0.25f, 1f, 1f};
                for (int step = 0; step < rates.length; step++) {
                    fixture.backward(100 + step);
                    reference.update(expected, fixture.gradients(), rates[step], scales[step]);
                    optimizer.update(rates[step], scales[step]);

                    Map<String, double[]> actual = fixture.weightsAsDoubles();
                    for (String name : expected.keySet()) {
                        for (int i = 0; i < expected.get(name).length; i++) {
                            assertThat(actual.get(name)[i])
                                    .as("%s step %d %s[%d]", label, step + 1, name, i)
                                    .isCloseTo(expected.get(name)[i], within(2e-6));
                        }
                    }
                }
                assertThat(optimizer.stepCount()).isEqualTo(rates.length);
            }
        }

        @Test
        void update_zeroesTheGradients() {
            try (OptimizerFixture fixture = new OptimizerFixture(1)) {
                NamedOptimizer optimizer = NamedOptimizer.of(AdamSpec.adam(), fixture.parameters);
                fixture.backward(1);
                assertThat(fixture.gradients().get("linear1.weight")).isNotEqualTo(new float[12]);

                optimizer.update(0.01, 1f);

                assertThat(fixture.gradients().get("linear1.weight")).containsOnly(0f);
                assertThat(fixture.gradients().get("linear1.bias")).containsOnly(0f);
            }
        }

        @Test
        void update_rejectsNegativeRate() {
            try (OptimizerFixture fixture = new OptimizerFixture(1)) {
                NamedOptimizer optimizer = NamedOptimizer.of(SgdSpec.plain(), fixture.parameters);

                assertThatThrownBy(() -> optimizer.update(-0.1, 1f))
                        .hasMessage("learning rate -0.1 is not valid; expected finite and >= 0");
                assertThat(optimizer.stepCount()).isZero();
            }
        }
    }

    @Nested
    class State {

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.metronome.djl.optim.NamedOptimizerTest#specs")
        void exportThenImportIntoAFreshOptimizer_continuesBitForBit(String label, OptimizerSpec spec) {
            try (OptimizerFixture original = new OptimizerFixture(1); OptimizerFixture resumed = new OptimizerFixture(2)) {
                NamedOptimizer first = NamedOptimizer.of(spec, original.parameters);
                for (int step = 1; step <= 3; step++) {
                    original.backward(step);
                    first.update(0.01 * step, 1f);
                }
                OptimizerState snapshot = first.exportState();
                resumed.parameters.importTensors(original.parameters.exportTensors());
                NamedOptimizer second = NamedOptimizer.of(spec, resumed.parameters);
                second.importState(OptimizerState.fromJson(snapshot.scalarsJson(), snapshot.tensors()));

                for (int step = 4; step <= 6; step++) {
                    original.backward(step);
                    first.update(0.01 * step, 0.5f);
                    resumed.backward(step);
                    second.update(0.01 * step, 0.5f);
                }

                assertThat(second.stepCount()).isEqualTo(6);
                assertThat(resumed.parameters.exportTensors()).isEqualTo(original.parameters.exportTensors());
                assertThat(second.exportState()).isEqualTo(first.exportState());
            }
        }

        @Test
        void export_namesSlotsAfterParameters() {
            try (OptimizerFixture fixture = new OptimizerFixture(1)) {
                assertThat(NamedOptimizer.of(AdamSpec.adamW(), fixture.parameters).exportState().tensors().keySet()).containsExactly(
                        "linear1.weight.exp_avg", "linear1.weight.exp_avg_sq",
                        "linear1.bias.exp_avg", "linear1.bias.exp_avg_sq");
                assertThat(NamedOptimizer.of(new SgdSpec(0.9, true, 0), fixture.parameters).exportState().tensors().keySet())
                        .containsExactly("linear1.weight.momentum_buffer", "linear1.bias.momentum_buffer");
                assertThat(NamedOptimizer.of(SgdSpec.plain(), fixture.parameters).exportState().tensors()).isEmpty();
                assertThat(NamedOptimizer.of(AdamSpec.adamW(), fixture.parameters).exportState().scalarsJson().toString())
                        .isEqualTo("{\"algorithm\":\"adamw\",\"step\":0}");
            }
        }

        @Test
        void import_otherAlgorithm_isRejected() {
            try (OptimizerFixture fixture = new OptimizerFixture(1)) {
                OptimizerState adamState = NamedOptimizer.of(AdamSpec.adam(), fixture.parameters).exportState();

                assertThatThrownBy(() -> NamedOptimizer.of(AdamSpec.adamW(), fixture.parameters).importState(adamState))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("optimizer.algorithm: the snapshot was taken with 'adam' but this run uses 'adamw'");
            }
        }

        @Test
        void import_misShapedSlot_isNamed_andNothingIsWritten() {
            try (OptimizerFixture fixture = new OptimizerFixture(1)) {
                NamedOptimizer optimizer = NamedOptimizer.of(AdamSpec.adam(), fixture.parameters);
                fixture.backward(1);
                optimizer.update(0.01, 1f);
                OptimizerState before = optimizer.exportState();
                Map<String, TensorData> tensors = new LinkedHashMap<>(before.tensors());
                tensors.put("linear1.weight.exp_avg", TensorData.ofFloats(new long[] {12}, new float[12]));
                tensors.put("linear1.bias.exp_avg", TensorData.ofFloats(new long[] {3}, 9, 9, 9));

                assertThatThrownBy(() -> optimizer.importState(new OptimizerState("adam", 7, tensors)))
                        .hasMessage("linear1.weight.exp_avg: shape mismatch (expected [3, 4], got [12])");
                assertThat(optimizer.exportState()).isEqualTo(before);
            }
        }

        @Test
        void import_missingSlot_isNamed() {
            try (OptimizerFixture fixture = new OptimizerFixture(1)) {
                NamedOptimizer optimizer = NamedOptimizer.of(new SgdSpec(0.9, false, 0), fixture.parameters);
                Map<String, TensorData> tensors = new LinkedHashMap<>(optimizer.exportState().tensors());
                tensors.remove("linear1.bias.momentum_buffer");

                assertThatThrownBy(() -> optimizer.importState(new OptimizerState("sgd", 3, tensors)))
                        .hasMessage("linear1.bias.momentum_buffer: optimizer state missing from the snapshot");
            }
        }

        @Test
        void fromJson_rejectsMissingStep() {
            assertThatThrownBy(() -> OptimizerState.fromJson(
                            new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("algorithm", "sgd"),
                            Map.of()))
                    .hasMessageStartingWith("optimizer.step: missing or not an integer");
        }
    }

    @Nested
    class Specs {

        @Test
        void specs_rejectBadValues_namingTheField() {
            assertThatThrownBy(() -> new AdamSpec(1.0, 0.999, 1e-8, 0, false))
                    .hasMessage("adam.beta1: 1.0 is not valid; expected [0, 1)");
            assertThatThrownBy(() -> AdamSpec.adamW().withWeightDecay(-1))
                    .hasMessage("adamw.weight_decay: -1.0 is not valid; expected >= 0");
            assertThatThrownBy(() -> new SgdSpec(0, true, 0))
                    .hasMessage("sgd.nesterov: Nesterov momentum needs sgd.momentum > 0");
        }
    }
}
