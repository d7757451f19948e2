package dev.metronome.torch;

import dev.metronome.coordination.Collective;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/** Core's {@link Collective} on a c10d process group: Java arrays through CPU tensors. */
public final class GlooCollective implements Collective {

    private final TorchProcessGroup group;

    /**
     * Wraps a group.
     *
     * @param group the joined process group
     */
    public GlooCollective(TorchProcessGroup group) {
        this.group = group;
    }

    @Override
    public int rank() {
        return group.rank();
    }

    @Override
    public int worldSize() {
        return group.worldSize();
    }

    @Override
    public void allReduceSum(long[] values) {
        if (values.length == 0) {
            return;
        }
        try (PointerScope scope = new PointerScope()) {
            Tensor tensor = torch.empty(values.length).to(torch.ScalarType.Long);
            tensor.data_ptr_long().put(values);
            group.allReduceSum(tensor, "agreed values");
            tensor.data_ptr_long().get(values);
        }
    }

    @Override
    public void allReduceSum(double[] values) {
        if (values.length == 0) {
            return;
        }
        try (PointerScope scope = new PointerScope()) {
            Tensor tensor = torch.empty(values.length).to(torch.ScalarType.Double);
            new DoublePointer(tensor.data_ptr()).put(values);
            group.allReduceSum(tensor, "agreed values");
            new DoublePointer(tensor.data_ptr()).get(values);
        }
    }

    @Override
    public void allReduceSum(float[] values) {
        if (values.length == 0) {
            return;
        }
        try (PointerScope scope = new PointerScope()) {
            Tensor tensor = torch.empty(values.length);
            tensor.data_ptr_float().put(values);
            group.allReduceSum(tensor, "agreed values");
            tensor.data_ptr_float().get(values);
        }
    }

    @Override
    public void broadcast(float[] values, int rootRank) {
        if (values.length == 0) {
            return;
        }
        try (PointerScope scope = new PointerScope()) {
            Tensor tensor = torch.empty(values.length);
            tensor.data_ptr_float().put(values);
            group.broadcast(tensor, rootRank, "rank " + rootRank + "'s values");
            tensor.data_ptr_float().get(values);
        }
    }
}
