"""Writes mlp.pt: a TorchScript classifier for 28x28 grey images and 10 classes, for Metronome's torch engine.

    /usr/bin/python3 make_model.py [OUT.pt] [SEED]

The module takes a float32 batch shaped like the data's examples ([N, 1, 28, 28] for Fashion-MNIST)
and returns logits [N, 10]: what Metronome expects of any TorchScript model it trains
(`metronome train --engine torch --model torchscript --set model.path=mlp.pt`). It is the built-in
`mlp` with one hidden layer of 64 units, initialised by PyTorch's nn.Linear defaults.
"""
import sys

import torch
from torch import nn


class Mlp(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.fc1 = nn.Linear(784, 64)
        self.drop = nn.Dropout(0.1)
        self.fc2 = nn.Linear(64, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = torch.relu(self.fc1(x.flatten(1)))
        return self.fc2(self.drop(h))


def main() -> None:
    out = sys.argv[1] if len(sys.argv) > 1 else "mlp.pt"
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    torch.manual_seed(seed)
    module = torch.jit.script(Mlp())
    module.save(out)
    print(f"wrote {out} (torch {torch.__version__}, seed {seed}, "
          f"{sum(p.numel() for p in module.parameters())} parameters)")


if __name__ == "__main__":
    main()
