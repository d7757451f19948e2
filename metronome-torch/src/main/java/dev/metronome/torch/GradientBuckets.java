package dev.metronome.torch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * Sums every rank's gradients and loss share before a synchronous data-parallel update: the
 * gradients are copied into coalesced buckets of at most {@value #BUCKET_VALUES} values (the loss
 * share rides in the last), one all-reduce per bucket, and the sums are written back.
 */
final class GradientBuckets {

    /** The most values one gradient all-reduce carries (16 MiB of float32). */
    static final long BUCKET_VALUES = 4L << 20;

    private final TorchProcessGroup group;

    GradientBuckets(TorchProcessGroup group) {
        this.group = group;
    }

    /**
     * Replaces every parameter's gradient (zeros where none was computed) and the loss share with
     * their sums over the ranks.
     *
     * @param parameters the trainable parameters, in the same order on every rank
     * @param lossShare this rank's share of the loss, one value
     * @return the summed loss: the global batch's mean loss
     */
    double allReduce(Collection<Tensor> parameters, Tensor lossShare) {
        try (NoGradGuard noGrad = new NoGradGuard()) {
            List<Tensor> gradients = new ArrayList<>();
            for (Tensor parameter : parameters) {
                Tensor gradient = parameter.grad();
                if (!gradient.defined()) {
                    parameter.mutable_grad().put(torch.zeros_like(parameter));
                    gradient = parameter.grad();
                }
                gradients.add(gradient);
            }
            List<Tensor> bucket = new ArrayList<>();
            long values = 0;
            int bucketNumber = 0;
            for (int i = 0; i <= gradients.size(); i++) {
                boolean last = i == gradients.size();
                if (!last && (bucket.isEmpty() || values + gradients.get(i).numel() <= BUCKET_VALUES)) {
                    bucket.add(gradients.get(i));
                    values += gradients.get(i).numel();
                    continue;
                }
                if (last) {
                    bucket.add(lossShare.reshape(1));
                }
                reduce(bucket, ++bucketNumber);
                bucket.clear();
                values = 0;
                if (!last) {
                    bucket.add(gradients.get(i));
                    values += gradients.get(i).numel();
                }
            }
            return lossShare.item_double();
        }
    }

    private void reduce(List<Tensor> tensors, int number) {
        TensorVector flat = new TensorVector();
        for (Tensor tensor : tensors) {
            flat.push_back(tensor.reshape(-1));
        }
        Tensor buffer = torch.cat(flat);
        group.allReduceSum(buffer, "gradient bucket " + number);
        long offset = 0;
        for (Tensor tensor : tensors) {
            long size = tensor.numel();
            tensor.copy_(buffer.narrow(0, offset, size).view(TorchTensors.shapeOf(tensor)));
            offset += size;
        }
    }
}
