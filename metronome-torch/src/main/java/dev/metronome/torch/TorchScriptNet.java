package dev.metronome.torch;

import java.nio.file.Files;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.IValue;
import org.bytedeco.pytorch.IValueVector;
import org.bytedeco.pytorch.JitModule;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * A TorchScript module as a network the torch engine trains: loaded from its {@code .pt} file,
 * its parameters (those that require a gradient are trained) and float32 buffers under their
 * TorchScript names, its forward pass called with one tensor shaped like the data's examples.
 */
final class TorchScriptNet implements TorchNet {

    private final TorchModelSpec.Script spec;
    private final JitModule module;
    private final Map<String, Tensor> tensors = new LinkedHashMap<>();
    private final Map<String, Tensor> trainable = new LinkedHashMap<>();
    private final long[] batchShape;

    private TorchScriptNet(TorchModelSpec.Script spec, JitModule module) {
        this.spec = spec;
        this.module = module;
        int[] shape = spec.inputShape();
        batchShape = new long[shape.length + 1];
        for (int i = 0; i < shape.length; i++) {
            batchShape[i + 1] = shape[i];
        }
    }

    /**
     * Loads a module.
     *
     * @param spec the file and the data's shape
     * @return the network
     * @throws IllegalArgumentException naming {@code model.path} if the file is missing, not
     *     TorchScript, or holds tensors the engine cannot train or checkpoint
     */
    static TorchScriptNet load(TorchModelSpec.Script spec) {
        if (!Files.isRegularFile(spec.file())) {
            throw new IllegalArgumentException("model.path: " + spec.file() + " is not a file; expected a TorchScript"
                    + " module saved by torch.jit.script(...).save() or torch.jit.trace(...).save()");
        }
        JitModule module;
        try {
            module = torch.load(spec.file().toString());
        } catch (RuntimeException e) {
            String reason = String.valueOf(e.getMessage()).lines().findFirst().orElse("unreadable");
            throw new IllegalArgumentException("model.path: " + spec.file() + " is not a TorchScript module (" + reason + ")");
        }
        TorchScriptNet net = new TorchScriptNet(spec, module);
        var parameters = module.named_parameters(true);
        for (var it = parameters.begin(); it.notEquals(parameters.end()); it.increment()) {
            var named = it.access();
            String name = named.name().getString();
            // value() is a reference into the list entry; a handle of our own keeps the tensor alive
            Tensor value = new Tensor(named.value());
            net.requireFloat(name, value);
            net.tensors.put(name, value);
            if (value.requires_grad()) {
                net.trainable.put(name, value);
            }
        }
        var buffers = module.named_buffers(true);
        for (var it = buffers.begin(); it.notEquals(buffers.end()); it.increment()) {
            var named = it.access();
            String name = named.name().getString();
            // value() is a reference into the list entry; a handle of our own keeps the tensor alive
            Tensor value = new Tensor(named.value());
            net.requireFloat(name, value);
            net.tensors.put(name, value);
        }
        if (net.trainable.isEmpty()) {
            throw new IllegalArgumentException("model.path: " + spec.file() + " has no parameter that requires a gradient;"
                    + " there is nothing to train");
        }
        return net;
    }

    private void requireFloat(String name, Tensor value) {
        if (value.scalar_type().value != torch.ScalarType.Float.value || !value.is_contiguous()) {
            throw new IllegalArgumentException("model.path: " + spec.file() + ": tensor " + name + " is "
                    + value.scalar_type() + (value.is_contiguous() ? "" : ", not contiguous") + "; the torch engine"
                    + " trains and checkpoints contiguous float32 tensors only (integer buffers such as batch-norm's"
                    + " num_batches_tracked are not supported yet)");
        }
    }

    @Override
    public TorchModelSpec spec() {
        return spec;
    }

    @Override
    public Map<String, Tensor> tensors() {
        return Collections.unmodifiableMap(tensors);
    }

    @Override
    public Map<String, Tensor> trainable() {
        return Collections.unmodifiableMap(trainable);
    }

    @Override
    public Tensor forward(Tensor flat, boolean training) {
        if (module.is_training() != training) {
            module.train(training);
        }
        long[] shape = batchShape.clone();
        shape[0] = flat.size(0);
        IValueVector inputs = new IValueVector();
        inputs.push_back(new IValue(flat.view(shape)));
        IValue output = module.forward(inputs);
        if (!output.isTensor()) {
            throw new IllegalStateException("model.path: " + spec.file() + ": forward returned " + output.tagKind().getString()
                    + ", not a tensor of logits");
        }
        return new Tensor(output.toTensor());
    }
}
