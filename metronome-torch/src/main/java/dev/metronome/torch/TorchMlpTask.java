package dev.metronome.torch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metronome.data.DataSplits;
import dev.metronome.data.ExampleSet;
import dev.metronome.evaluation.ClassificationAccumulator;
import dev.metronome.evaluation.ClassificationReport;
import dev.metronome.evaluation.ScoreKind;
import dev.metronome.sampling.EpochSampler;
import dev.metronome.task.Evaluation;
import dev.metronome.task.EvaluationAbandonedException;
import dev.metronome.task.StepContext;
import dev.metronome.task.StepOutcome;
import dev.metronome.task.TaskState;
import dev.metronome.task.TrainingTask;
import dev.metronome.tensor.TensorData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * A first training task on libtorch: a multilayer perceptron with ReLU between layers and Adam,
 * at a constant learning rate, on flat features (the embedded Fashion-MNIST images are 784
 * values). Parameters carry the DJL engine's names ({@code mlp.linear1.weight}, {@code
 * mlp.linear3.bias}, …) and Adam's state the same {@code <parameter>.exp_avg} and
 * {@code .exp_avg_sq} names, so checkpoints read the same in both engines. Batches come from the
 * shared {@link EpochSampler}, so a step's examples depend only on (seed, epoch, index in epoch)
 * and a resumed run continues bit for bit.
 *
 * <p>Not yet here (the built-in task is growing toward the DJL engine's): other models and
 * optimizers, learning-rate schedules, accumulation, clipping, class weights, the non-finite
 * policy and initialisation identical to DJL's (this one is He-normal from the seed).
 */
public final class TorchMlpTask implements TrainingTask {

    private static final int EVAL_BATCH = 256;

    private final DataSplits data;
    private final EpochSampler sampler;
    private final int inputs;
    private final int classes;
    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> expAvg = new LinkedHashMap<>();
    private final Map<String, Tensor> expAvgSq = new LinkedHashMap<>();
    private final List<String[]> layers = new ArrayList<>();
    private final float[] features;
    private final float[] labels;
    private long adamStep;
    private boolean closed;

    /**
     * Builds the model from the seed.
     *
     * @param data training and evaluation examples with flat features
     * @param hidden hidden layer sizes, at least one
     * @param batchSize examples per step
     * @param seed the run seed: initial parameters and batch order
     * @param learningRate Adam's rate
     * @throws IllegalArgumentException naming the setting if a size is below 1
     */
    public TorchMlpTask(DataSplits data, List<Integer> hidden, int batchSize, long seed, double learningRate) {
        this.data = Objects.requireNonNull(data, "data");
        if (hidden.isEmpty() || hidden.stream().anyMatch(size -> size < 1)) {
            throw new IllegalArgumentException("model.hidden: " + hidden + " is not valid; expected sizes of at least 1");
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("optimizer.lr: " + learningRate + " is not valid; expected a number > 0");
        }
        TorchRuntime.load(0);
        this.inputs = Math.toIntExact(data.train().features().length / Math.max(1, data.train().size()));
        this.classes = data.train().numClasses();
        this.sampler = new EpochSampler(data.train().size(), batchSize, seed, false);
        this.learningRate = learningRate;
        this.beta1 = 0.9;
        this.beta2 = 0.999;
        this.epsilon = 1e-8;
        this.features = new float[Math.max(batchSize, EVAL_BATCH) * inputs];
        this.labels = new float[Math.max(batchSize, EVAL_BATCH)];
        torch.manual_seed(seed);
        int in = inputs;
        List<Integer> sizes = new ArrayList<>(hidden);
        sizes.add(classes);
        for (int i = 0; i < sizes.size(); i++) {
            int out = sizes.get(i);
            String prefix = "mlp.linear" + (2 * i + 1);
            Tensor weight = torch.randn(out, in).mul(new Scalar(Math.sqrt(2.0 / in))).contiguous();
            Tensor bias = torch.zeros(out);
            weight.set_requires_grad(true);
            bias.set_requires_grad(true);
            add(prefix + ".weight", weight);
            add(prefix + ".bias", bias);
            layers.add(new String[] {prefix + ".weight", prefix + ".bias"});
            in = out;
        }
    }

    private void add(String name, Tensor parameter) {
        parameters.put(name, parameter);
        expAvg.put(name, torch.zeros(TorchTensors.shapeOf(parameter)));
        expAvgSq.put(name, torch.zeros(TorchTensors.shapeOf(parameter)));
    }

    @Override
    public long stepsPerEpoch() {
        return sampler.batchesPerEpoch();
    }

    @Override
    public StepOutcome trainStep(StepContext context) {
        requireOpen();
        int[] batch = sampler.batch(context.epoch(), context.indexInEpoch());
        try (PointerScope scope = new PointerScope()) {
            for (Tensor parameter : parameters.values()) {
                Tensor grad = parameter.grad();
                if (grad.defined()) {
                    grad.zero_();
                }
            }
            Tensor loss = loss(data.train(), batch, batch.length);
            loss.backward();
            float value = loss.item_float();
            adamStep++;
            try (NoGradGuard noGrad = new NoGradGuard()) {
                double correction1 = 1 - Math.pow(beta1, adamStep);
                double correction2 = 1 - Math.pow(beta2, adamStep);
                for (Map.Entry<String, Tensor> entry : parameters.entrySet()) {
                    Tensor parameter = entry.getValue();
                    Tensor gradient = parameter.grad();
                    Tensor m = expAvg.get(entry.getKey());
                    Tensor v = expAvgSq.get(entry.getKey());
                    m.mul_(new Scalar(beta1)).add_(gradient, new Scalar(1 - beta1));
                    v.mul_(new Scalar(beta2)).addcmul_(gradient, gradient, new Scalar(1 - beta2));
                    Tensor denominator = v.sqrt().div(new Scalar(Math.sqrt(correction2))).add_(new Scalar(epsilon));
                    parameter.addcdiv_(m, denominator, new Scalar(-learningRate / correction1));
                }
            }
            return StepOutcome.of(value, batch.length, learningRate);
        }
    }

    /** The mean cross-entropy of a batch (the graph kept for backward when grad mode is on). */
    private Tensor loss(ExampleSet set, int[] indices, int count) {
        return loss(logits(set, indices, count), set, indices, count);
    }

    private Tensor loss(Tensor logits, ExampleSet set, int[] indices, int count) {
        int[] classIndex = new int[count];
        set.copyLabels(indices, count, classIndex);
        for (int i = 0; i < count; i++) {
            labels[i] = classIndex[i];
        }
        Tensor target = torch.empty(count);
        target.data_ptr_float().put(labels, 0, count);
        return torch.nll_loss(torch.log_softmax(logits, 1), target.to(torch.ScalarType.Long));
    }

    private Tensor logits(ExampleSet set, int[] indices, int count) {
        set.copyFeatures(indices, count, features);
        Tensor x = torch.empty(count, inputs);
        x.data_ptr_float().put(features, 0, count * inputs);
        Tensor h = x;
        for (int i = 0; i < layers.size(); i++) {
            h = torch.linear(h, parameters.get(layers.get(i)[0]), parameters.get(layers.get(i)[1]));
            if (i < layers.size() - 1) {
                h = torch.relu(h);
            }
        }
        return h;
    }

    @Override
    public Evaluation evaluate(BooleanSupplier abandon) {
        requireOpen();
        ExampleSet eval = data.eval();
        ClassificationAccumulator accumulator = new ClassificationAccumulator(classes, ScoreKind.LOGITS);
        int[] indices = new int[EVAL_BATCH];
        int[] batchLabels = new int[EVAL_BATCH];
        try (NoGradGuard noGrad = new NoGradGuard()) {
            for (int start = 0; start < eval.size(); start += EVAL_BATCH) {
                if (abandon.getAsBoolean()) {
                    throw new EvaluationAbandonedException(start / EVAL_BATCH);
                }
                int count = Math.min(EVAL_BATCH, eval.size() - start);
                for (int i = 0; i < count; i++) {
                    indices[i] = start + i;
                }
                try (PointerScope scope = new PointerScope()) {
                    Tensor logits = logits(eval, indices, count);
                    float meanLoss = loss(logits, eval, indices, count).item_float();
                    float[] scores = TorchTensors.toTensorData(logits).toFloatArray();
                    eval.copyLabels(indices, count, batchLabels);
                    accumulator.add(scores, batchLabels, count, meanLoss);
                }
            }
        }
        ClassificationReport report = accumulator.result();
        return new Evaluation(report.toMap(), eval.size());
    }

    @Override
    public Optional<List<String>> evaluationMetricNames() {
        return Optional.of(ClassificationReport.metricNames(classes));
    }

    @Override
    public TaskState captureState() {
        requireOpen();
        Map<String, TensorData> parameterData = new LinkedHashMap<>();
        Map<String, TensorData> optimizerData = new LinkedHashMap<>();
        try (PointerScope scope = new PointerScope()) {
            for (Map.Entry<String, Tensor> entry : parameters.entrySet()) {
                String name = entry.getKey();
                parameterData.put(name, TorchTensors.toTensorData(entry.getValue().detach()));
                optimizerData.put(name + ".exp_avg", TorchTensors.toTensorData(expAvg.get(name)));
                optimizerData.put(name + ".exp_avg_sq", TorchTensors.toTensorData(expAvgSq.get(name)));
            }
        }
        ObjectNode extra = JsonNodeFactory.instance.objectNode();
        extra.put("engine", TorchRuntime.ENGINE);
        extra.putObject("optimizer").put("algorithm", "adam").put("step", adamStep);
        return new TaskState(parameterData, optimizerData, extra);
    }

    @Override
    public void restoreState(TaskState state) {
        requireOpen();
        JsonNode optimizer = state.extra().path("optimizer");
        if (!"adam".equals(optimizer.path("algorithm").asText()) || !optimizer.path("step").canConvertToLong()) {
            throw new IllegalArgumentException("optimizer: the checkpoint holds no Adam state of this engine");
        }
        for (String name : parameters.keySet()) {
            for (String required : List.of(name, name + ".exp_avg", name + ".exp_avg_sq")) {
                Map<String, TensorData> source = required.equals(name) ? state.parameters() : state.optimizerState();
                if (!source.containsKey(required)) {
                    throw new IllegalArgumentException(required + ": missing from the checkpoint");
                }
            }
        }
        try (NoGradGuard noGrad = new NoGradGuard()) {
            for (Map.Entry<String, Tensor> entry : parameters.entrySet()) {
                String name = entry.getKey();
                TorchTensors.copyInto(name, state.parameters().get(name), entry.getValue());
                TorchTensors.copyInto(name + ".exp_avg", state.optimizerState().get(name + ".exp_avg"), expAvg.get(name));
                TorchTensors.copyInto(name + ".exp_avg_sq", state.optimizerState().get(name + ".exp_avg_sq"),
                        expAvgSq.get(name));
            }
        }
        adamStep = optimizer.path("step").asLong();
    }

    @Override
    public void close() {
        closed = true;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the task is closed");
        }
    }
}
