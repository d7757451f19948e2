"""A plain PyTorch eager training loop, driven by Metronome's benchmark harness (`bench python`).

MLP 784-128-10 (Linear, ReLU, Linear), Adam (lr 1e-3, foreach=True: the multi-tensor update), cross-entropy, on the examples the harness
wrote to --features (float32, little-endian, examples x 784) and --labels (int64, little-endian).
Each epoch visits the examples in a fresh random order, in batches of --batch (the last one may be
shorter). Every step: gather the batch, zero the gradients, forward, loss, backward, optimizer step,
and read the loss to the host (as Metronome's loop does).

Protocol, one line per message on stdin/stdout:
  script  -> "ready torch=<version> threads=<n> interop=<n> numpy=<version>"
  harness -> "run <steps>"      script -> "done <steps> <seconds> <last loss>"
  harness -> "quit"
"""
import argparse
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--features", required=True)
    parser.add_argument("--labels", required=True)
    parser.add_argument("--examples", type=int, required=True)
    parser.add_argument("--inputs", type=int, default=784)
    parser.add_argument("--hidden", type=int, default=128)
    parser.add_argument("--classes", type=int, default=10)
    parser.add_argument("--batch", type=int, required=True)
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(args.seed)
    features = np.fromfile(args.features, dtype="<f4", count=args.examples * args.inputs)
    x = torch.from_numpy(features.reshape(args.examples, args.inputs))
    y = torch.from_numpy(np.fromfile(args.labels, dtype="<i8", count=args.examples))
    model = nn.Sequential(nn.Linear(args.inputs, args.hidden), nn.ReLU(), nn.Linear(args.hidden, args.classes))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, foreach=True)
    generator = torch.Generator().manual_seed(args.seed)

    order = torch.randperm(args.examples, generator=generator)
    position = 0
    last_loss = float("nan")

    def step():
        nonlocal order, position, last_loss
        if position >= args.examples:
            order = torch.randperm(args.examples, generator=generator)
            position = 0
        indices = order[position:position + args.batch]
        position += args.batch
        inputs = x.index_select(0, indices)
        targets = y.index_select(0, indices)
        optimizer.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(inputs), targets)
        loss.backward()
        optimizer.step()
        last_loss = loss.item()

    print("ready torch=%s threads=%d interop=%d numpy=%s" % (torch.__version__, torch.get_num_threads(),
                                                             torch.get_num_interop_threads(), np.__version__), flush=True)
    for line in sys.stdin:
        words = line.split()
        if not words or words[0] == "quit":
            break
        if words[0] != "run" or len(words) != 2:
            print("error: unknown command %r" % line.strip(), flush=True)
            continue
        steps = int(words[1])
        start = time.perf_counter()
        for _ in range(steps):
            step()
        seconds = time.perf_counter() - start
        print("done %d %.9f %.6f" % (steps, seconds, last_loss), flush=True)


if __name__ == "__main__":
    main()
