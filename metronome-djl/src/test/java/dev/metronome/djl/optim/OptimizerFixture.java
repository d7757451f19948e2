package dev.metronome.djl.optim;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.metronome.djl.model.LinearSpec;
import dev.metronome.djl.model.NamedParameters;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** A tiny model (4 inputs, 3 outputs) whose gradients come from a squared loss on seeded random data. */
final class OptimizerFixture implements AutoCloseable {

    final NDManager manager;
    final Block block;
    final NamedParameters parameters;

    OptimizerFixture(long initSeed) {
        manager = NDManager.newBaseManager();
        block = new LinearSpec(new Shape(4), 3).build(manager, initSeed);
        parameters = NamedParameters.of(block);
    }

    /** Runs forward and backward on batch number {@code dataSeed}, accumulating gradients. */
    void backward(long dataSeed) {
        SplittableRandom random = new SplittableRandom(dataSeed);
        float[] x = new float[5 * 4];
        float[] y = new float[5 * 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) random.nextGaussian();
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray input = scope.create(x, new Shape(5, 4));
            NDArray target = scope.create(y, new Shape(5, 3));
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray output = block.forward(new ParameterStore(manager, false), new NDList(input), true)
                        .singletonOrThrow();
                collector.backward(output.sub(target).square().mean());
            }
        }
    }

    Map<String, float[]> gradients() {
        Map<String, float[]> gradients = new LinkedHashMap<>();
        for (String name : parameters.trainableNames()) {
            try (NDArray gradient = parameters.array(name).getGradient()) {
                gradients.put(name, gradient.toFloatArray());
            }
        }
        return gradients;
    }

    Map<String, double[]> weightsAsDoubles() {
        Map<String, double[]> weights = new LinkedHashMap<>();
        for (String name : parameters.trainableNames()) {
            float[] values = parameters.array(name).toFloatArray();
            double[] copy = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                copy[i] = values[i];
            }
            weights.put(name, copy);
        }
        return weights;
    }

    @Override
    public void close() {
        manager.close();
    }
}
