#!/usr/bin/python3
"""Reference timing with PyTorch (Debian's python3-torch) for the same job as `nnviz train`:
one epoch of the 60,000 MNIST training images through 784-16-16-10, softmax + cross-entropy,
the given optimizer and batch size, on the CPU with a fixed thread count. Prints one JSON line:
{"epoch_s":…, "eval_s":…, "test_accuracy":…, "batch":…, "threads":…}.
Usage: torch_epoch.py [--batch 32] [--threads 1] [--activation sigmoid|relu] [--optimizer adam|sgd]
                      [--eval-repeats N] [--eval-only]
The fastest idiomatic loop: whole dataset as one float tensor, a permutation per epoch, slicing.
eval_s is the median of --eval-repeats timings of forward + argmax over the 10,000 test images
(already a float tensor, like nnviz's evaluate() on the loaded set); eval_runs lists them all.
--eval-only skips the epoch (epoch_s is null): for timing a whole evaluation process."""
import argparse
import json
import os
import time

import numpy as np
import torch


def load(data, split):
    prefix = "train" if split == "train" else "t10k"
    d = os.path.join(data, "mnist")
    x = np.fromfile(os.path.join(d, f"{prefix}-images-idx3-ubyte"), np.uint8, offset=16)
    y = np.fromfile(os.path.join(d, f"{prefix}-labels-idx1-ubyte"), np.uint8, offset=8)
    return torch.from_numpy(x.reshape(-1, 784).astype(np.float32) / 255.0), torch.from_numpy(y.astype(np.int64))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--activation", default="sigmoid")
    p.add_argument("--optimizer", default="adam")
    p.add_argument("--lr", type=float, default=0.001)
    p.add_argument("--eval-repeats", type=int, default=1)
    p.add_argument("--eval-only", action="store_true")
    p.add_argument("--data", default=os.environ.get("NNVIZ_DATA") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "nnviz"))
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    xtr, ytr = load(a.data, "train") if not a.eval_only else (None, None)
    xte, yte = load(a.data, "test")
    act = torch.nn.Sigmoid if a.activation == "sigmoid" else torch.nn.ReLU
    net = torch.nn.Sequential(torch.nn.Linear(784, 16), act(), torch.nn.Linear(16, 16), act(),
                              torch.nn.Linear(16, 10))
    opt = (torch.optim.Adam(net.parameters(), lr=a.lr) if a.optimizer == "adam"
           else torch.optim.SGD(net.parameters(), lr=a.lr))
    loss_fn = torch.nn.CrossEntropyLoss()

    epoch = None
    if not a.eval_only:
        start = time.perf_counter()
        perm = torch.randperm(xtr.shape[0])
        for i in range(0, xtr.shape[0], a.batch):
            idx = perm[i:i + a.batch]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(net(xtr[idx]), ytr[idx])
            loss.backward()
            opt.step()
        epoch = time.perf_counter() - start

    runs = []
    for _ in range(max(1, a.eval_repeats)):
        start = time.perf_counter()
        with torch.no_grad():
            pred = net(xte).argmax(1)
        runs.append(time.perf_counter() - start)
    evaluation = sorted(runs)[len(runs) // 2]
    acc = (pred == yte).float().mean().item()
    print(json.dumps({"epoch_s": epoch, "eval_s": evaluation, "eval_runs": runs, "test_accuracy": acc,
                      "batch": a.batch, "threads": a.threads, "activation": a.activation,
                      "optimizer": a.optimizer, "torch": torch.__version__}))


if __name__ == "__main__":
    main()
