package dev.metronome.torch;

import java.util.Map;
import org.bytedeco.pytorch.Tensor;

/** A network the torch engine trains: a built-in model or a TorchScript module. */
interface TorchNet {

    /** @return the architecture */
    TorchModelSpec spec();

    /** @return every tensor a checkpoint holds (parameters, then buffers), by name, in a fixed order */
    Map<String, Tensor> tensors();

    /** @return the parameters the optimizer updates, by name (a subset of {@link #tensors()}) */
    Map<String, Tensor> trainable();

    /**
     * Runs the network on a batch of examples given as flat rows.
     *
     * @param flat {@code [count, features]} float32
     * @param training true for training mode (dropout on)
     * @return the logits {@code [count, outputs]}
     */
    Tensor forward(Tensor flat, boolean training);

    /**
     * Builds the network of a spec.
     *
     * @param spec the architecture
     * @param seed the run seed (a built-in model's initial parameters; a TorchScript module keeps its own)
     * @return the network
     */
    static TorchNet build(TorchModelSpec spec, long seed) {
        if (spec instanceof TorchModelSpec.Script script) {
            return TorchScriptNet.load(script);
        }
        return TorchModel.build(spec, seed);
    }
}
