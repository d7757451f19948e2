"""One rank of `bench distributed`'s Python anchor: torch.distributed (Gloo) DistributedDataParallel.

    RANK=0 WORLD_SIZE=2 MASTER_ADDR=127.0.0.1 MASTER_PORT=29500 python3 torch_distributed_bench.py mlp 256 50 200

Trains the same model as Metronome's (MLP 784-128-10 or the CNN conv32-conv64-dense128), Adam at
1e-3 (foreach), one intra-op and one inter-op thread, on random data of the embedded images' shape
(throughput does not depend on the values), each rank on batch/world examples per step. Prints
`rate <steps/s> allreduce_ms <median> values <n>` like the Java probe.
"""
import os
import statistics
import sys
import time
from datetime import timedelta

import torch
import torch.distributed as dist
from torch import nn


def model(kind: str) -> nn.Module:
    if kind == "mlp":
        return nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))
    return nn.Sequential(
        nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 128), nn.ReLU(), nn.Dropout(0.25), nn.Linear(128, 10))


def main() -> None:
    kind, batch, warmup, steps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    world = int(os.environ.get("WORLD_SIZE", "1"))
    rank = int(os.environ.get("RANK", "0"))
    torch.manual_seed(42)
    net = model(kind)
    if world > 1:
        dist.init_process_group("gloo", rank=rank, world_size=world, timeout=timedelta(seconds=120))
        net = nn.parallel.DistributedDataParallel(net)
    optimizer = torch.optim.Adam(net.parameters(), lr=1e-3, foreach=True)
    loss_fn = nn.CrossEntropyLoss()
    local = batch // world
    x = torch.randn(local, 1, 28, 28)
    y = torch.randint(0, 10, (local,))

    def step() -> None:
        optimizer.zero_grad(set_to_none=True)
        loss_fn(net(x), y).backward()
        optimizer.step()

    for _ in range(warmup):
        step()
    start = time.perf_counter()
    for _ in range(steps):
        step()
    rate = steps / (time.perf_counter() - start)
    values = sum(p.numel() for p in net.parameters())
    all_reduce = float("nan")
    if world > 1:
        buffer = torch.ones(values)
        times = []
        for i in range(33):
            begin = time.perf_counter()
            dist.all_reduce(buffer)
            if i >= 3:
                times.append((time.perf_counter() - begin) * 1e3)
        all_reduce = statistics.median(times)
    print(f"rate {rate:.3f} allreduce_ms {all_reduce:.3f} values {values}", flush=True)
    # Gloo's teardown at interpreter exit can hang (seen with Debian's torch 1.13); the result is out.
    os._exit(0)


if __name__ == "__main__":
    main()
