"""The article's training step in PyTorch, timed: the benchmark's reference.

Same networks (generator 1 -> 5 -> 5 -> 1 tanh with a linear output,
discriminator 4 -> 10 -> 10 -> 1 sigmoid), the same moments preprocessing
(mean, population std, skewness, excess kurtosis of the whole minibatch),
binary cross-entropy from the logit, SGD with momentum 0.9 and learning
rate 1e-3 on both networks, minibatch 500, 20 discriminator and 20
generator steps per round. One thread, as the fused engine uses one core.
In float32, PyTorch's default and the article's: the time of networks this
small is per-operation overhead, which the precision barely changes.

Run by bench/bench.ts when python3 can import torch; never a dependency of
gansweep. Prints one JSON line: wall and CPU milliseconds per round.

    python3 bench/reference_torch.py --warmup 20 --rounds 50
"""

import argparse
import json
import time

import torch
from torch import nn


def moments(x):
    """[mean, std, skewness, excess kurtosis] of the whole minibatch."""
    mean = torch.mean(x)
    diffs = x - mean
    std = torch.sqrt(torch.mean(diffs**2))
    z = diffs / std
    skew = torch.mean(z**3)
    kurt = torch.mean(z**4) - 3.0
    return torch.stack([mean, std, skew, kurt]).reshape(1, 4)


def build():
    generator = nn.Sequential(
        nn.Linear(1, 5), nn.Tanh(), nn.Linear(5, 5), nn.Tanh(), nn.Linear(5, 1)
    )
    # The logit; the sigmoid lives in BCEWithLogitsLoss (the stable form).
    discriminator = nn.Sequential(
        nn.Linear(4, 10),
        nn.Sigmoid(),
        nn.Linear(10, 10),
        nn.Sigmoid(),
        nn.Linear(10, 1),
    )
    return generator, discriminator


def train_round(g, d, g_opt, d_opt, loss, n, steps):
    ones = torch.ones(1, 1)
    zeros = torch.zeros(1, 1)

    for _ in range(steps):
        d_opt.zero_grad()
        real = torch.randn(n, 1) * 1.25 + 4.0
        loss(d(moments(real)), ones).backward()
        fake = g(torch.rand(n, 1)).detach()
        loss(d(moments(fake)), zeros).backward()
        d_opt.step()

    for _ in range(steps):
        g_opt.zero_grad()
        fake = g(torch.rand(n, 1))
        loss(d(moments(fake)), ones).backward()
        g_opt.step()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()

    torch.set_num_threads(1)
    torch.manual_seed(1)
    g, d = build()
    g_opt = torch.optim.SGD(g.parameters(), lr=1e-3, momentum=0.9)
    d_opt = torch.optim.SGD(d.parameters(), lr=1e-3, momentum=0.9)
    loss = nn.BCEWithLogitsLoss()

    for _ in range(args.warmup):
        train_round(g, d, g_opt, d_opt, loss, 500, 20)

    wall = time.perf_counter()
    cpu = time.process_time()
    for _ in range(args.rounds):
        train_round(g, d, g_opt, d_opt, loss, 500, 20)
    wall = time.perf_counter() - wall
    cpu = time.process_time() - cpu

    print(
        json.dumps(
            {
                "torch": torch.__version__,
                "threads": torch.get_num_threads(),
                "rounds": args.rounds,
                "wallMsPerRound": 1000 * wall / args.rounds,
                "cpuMsPerRound": 1000 * cpu / args.rounds,
            }
        )
    )


if __name__ == "__main__":
    main()
