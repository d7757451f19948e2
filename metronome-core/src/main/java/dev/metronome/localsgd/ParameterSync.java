package dev.metronome.localsgd;

import dev.metronome.coordination.Collective;
import dev.metronome.tensor.DType;
import dev.metronome.tensor.TensorData;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Synchronises the parameters of ranks that train locally between synchronisations (local SGD,
 * DiLoCo). It keeps the shared parameters of the last synchronisation (the anchor); at a
 * synchronisation every rank contributes its change since then, one all-reduce averages the
 * changes, the {@link OuterOptimizer} moves the anchor, and every rank continues from the new
 * anchor. Inner optimizer state stays with each rank.
 *
 * <p>Parameters are float32 arrays by name. Every rank must hold the same names and sizes; the
 * collective order is the names' sorted order, so all ranks compute the same anchor bit for bit.
 * The state ({@link #exportState()}: the anchor and the outer momentum) goes into checkpoints, so
 * a resumed run continues exactly.
 */
public final class ParameterSync {

    /** Suffix of the anchor's tensors in {@link #exportState()}. */
    public static final String ANCHOR = ".outer_anchor";
    /** Suffix of the outer momentum's tensors in {@link #exportState()}. */
    public static final String MOMENTUM = ".outer_momentum";

    private final Collective collective;
    private final OuterOptimizer outer;
    private final TreeMap<String, float[]> anchor = new TreeMap<>();
    private final TreeMap<String, float[]> momentum = new TreeMap<>();
    private long syncs;

    /**
     * Creates a synchroniser.
     *
     * @param collective the ranks' group
     * @param outer the outer update rule
     */
    public ParameterSync(Collective collective, OuterOptimizer outer) {
        this.collective = Objects.requireNonNull(collective, "collective");
        this.outer = Objects.requireNonNull(outer, "outer");
    }

    /**
     * Starts from parameters every rank holds identically (rank 0's, broadcast when the group
     * formed): they become the anchor.
     *
     * @param parameters the starting parameters by name
     */
    public void start(Map<String, float[]> parameters) {
        anchor.clear();
        momentum.clear();
        parameters.forEach((name, values) -> anchor.put(name, values.clone()));
        syncs = 0;
    }

    /**
     * Synchronises: replaces this rank's parameters, in place, with the new shared parameters.
     * Collective: every rank calls it at the same boundary.
     *
     * @param parameters this rank's parameters by name, changed in place
     * @throws IllegalArgumentException naming the tensor if the names or sizes differ from the anchor's
     * @throws dev.metronome.coordination.CoordinationException if a rank does not arrive in time
     */
    public void sync(Map<String, float[]> parameters) {
        requireSameShape(parameters);
        int total = anchor.values().stream().mapToInt(values -> values.length).sum();
        float[] outerGradient = new float[total];
        int offset = 0;
        for (Map.Entry<String, float[]> entry : anchor.entrySet()) {
            float[] shared = entry.getValue();
            float[] local = parameters.get(entry.getKey());
            for (int i = 0; i < shared.length; i++) {
                outerGradient[offset + i] = shared[i] - local[i];
            }
            offset += shared.length;
        }
        collective.allReduceSum(outerGradient);
        float ranks = collective.worldSize();
        offset = 0;
        for (Map.Entry<String, float[]> entry : anchor.entrySet()) {
            float[] shared = entry.getValue();
            float[] buffer = outer.kind() == OuterOptimizer.Kind.NESTEROV
                    ? momentum.computeIfAbsent(entry.getKey(), name -> new float[shared.length]) : null;
            float lr = (float) outer.learningRate();
            float mu = (float) outer.momentum();
            for (int i = 0; i < shared.length; i++) {
                float gradient = outerGradient[offset + i] / ranks;
                if (buffer == null) {
                    shared[i] -= gradient;
                } else {
                    buffer[i] = mu * buffer[i] + gradient;
                    shared[i] -= lr * (gradient + mu * buffer[i]);
                }
            }
            System.arraycopy(shared, 0, parameters.get(entry.getKey()), 0, shared.length);
            offset += shared.length;
        }
        syncs++;
    }

    /** @return how many synchronisations this synchroniser has made since it started or was restored */
    public long syncs() {
        return syncs;
    }

    /**
     * The state a checkpoint holds: the anchor ({@code <name>.outer_anchor}) and, for Nesterov,
     * the outer momentum ({@code <name>.outer_momentum}), as float32 tensors of one dimension.
     *
     * @return the tensors by name, in name order
     */
    public Map<String, TensorData> exportState() {
        Map<String, TensorData> state = new LinkedHashMap<>();
        anchor.forEach((name, values) -> state.put(name + ANCHOR, TensorData.ofFloats(new long[] {values.length}, values)));
        momentum.forEach((name, values) -> state.put(name + MOMENTUM, TensorData.ofFloats(new long[] {values.length}, values)));
        return state;
    }

    /**
     * Restores the state {@link #exportState()} wrote.
     *
     * @param state the tensors by name
     * @throws IllegalArgumentException naming the tensor if one is not float32, or a momentum has no anchor
     */
    public void importState(Map<String, TensorData> state) {
        anchor.clear();
        momentum.clear();
        state.forEach((name, tensor) -> {
            if (tensor.dtype() != DType.F32) {
                throw new IllegalArgumentException(name + ": outer state must be float32, not " + tensor.dtype());
            }
            if (name.endsWith(ANCHOR)) {
                anchor.put(name.substring(0, name.length() - ANCHOR.length()), tensor.toFloatArray());
            } else if (name.endsWith(MOMENTUM)) {
                momentum.put(name.substring(0, name.length() - MOMENTUM.length()), tensor.toFloatArray());
            }
        });
        for (Map.Entry<String, float[]> entry : momentum.entrySet()) {
            float[] shared = anchor.get(entry.getKey());
            if (shared == null || shared.length != entry.getValue().length) {
                throw new IllegalArgumentException(entry.getKey() + MOMENTUM + ": no anchor of the same size");
            }
        }
        syncs = 0;
    }

    private void requireSameShape(Map<String, float[]> parameters) {
        if (!parameters.keySet().equals(anchor.keySet())) {
            throw new IllegalArgumentException("parameters " + new TreeMap<>(parameters).keySet()
                    + " are not the synchronised ones " + anchor.keySet());
        }
        for (Map.Entry<String, float[]> entry : anchor.entrySet()) {
            int size = parameters.get(entry.getKey()).length;
            if (size != entry.getValue().length) {
                throw new IllegalArgumentException(entry.getKey() + ": " + size + " values, expected "
                        + entry.getValue().length + " as when synchronisation started");
            }
        }
    }

    @Override
    public String toString() {
        return "ParameterSync[" + outer + ", " + anchor.size() + " tensors, " + syncs + " syncs]";
    }
}
