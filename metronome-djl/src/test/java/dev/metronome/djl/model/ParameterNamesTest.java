package dev.metronome.djl.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import dev.metronome.djl.engine.EngineSetup;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParameterNamesTest {

    @BeforeAll
    static void startEngine() {
        EngineSetup.start();
    }

    @ParameterizedTest
    @CsvSource({"01Linear, linear0", "03Linear, linear2", "12SequentialBlock, sequentialBlock11",
        "100Conv2d, conv2d99", "encoder, encoder", "02my.block, my_block1", "07, block6"})
    void segment_turnsDjlChildNamesIntoPathSegments(String djlName, String expected) {
        assertThat(ParameterNames.segment(djlName)).isEqualTo(expected);
    }

    @Test
    void mlp_namesFollowTheStructure() {
        Block block = new MlpSpec(new Shape(4), List.of(8, 6), 3, ActivationKind.RELU, 0.5).newBlock();

        assertThat(ParameterNames.of("mlp", block).keySet()).containsExactly(
                "mlp.linear1.weight", "mlp.linear1.bias",
                "mlp.linear4.weight", "mlp.linear4.bias",
                "mlp.linear7.weight", "mlp.linear7.bias");
    }

    @Test
    void nestedBlocks_getDottedPaths() {
        Block inner = new SequentialBlock().add(Linear.builder().setUnits(2).build());
        Block outer = new SequentialBlock().add(Linear.builder().setUnits(3).build()).add(inner);

        assertThat(ParameterNames.of("", outer).keySet()).containsExactly(
                "linear0.weight", "linear0.bias", "sequentialBlock1.linear0.weight", "sequentialBlock1.linear0.bias");
    }

    @Test
    void names_areTheSameForEveryBuild_whileDjlIdsAreNot() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, Parameter> first = ParameterNames.of("cnn", CnnSpec.fashionMnist().build(manager, 1));
            Map<String, Parameter> second = ParameterNames.of("cnn", CnnSpec.fashionMnist().build(manager, 2));

            assertThat(second.keySet()).containsExactlyElementsOf(first.keySet());
            assertThat(first.values().iterator().next().getId()).isNotEqualTo(second.values().iterator().next().getId());
        }
    }

    @Test
    void sharedParameter_isNamedOnceByItsFirstPath() {
        Block shared = Linear.builder().setUnits(2).build();
        Block block = new SequentialBlock().add(shared).add(shared);

        assertThat(ParameterNames.of("", block).keySet()).containsExactly("linear0.weight", "linear0.bias");
    }
}
