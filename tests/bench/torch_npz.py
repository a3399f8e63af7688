#!/usr/bin/python3
"""The README's PyTorch example, run as written: for a Sigmoid and a ReLU network, trains a tiny
nn.Sequential MLP (784-32-10, Linear + activation, logits into CrossEntropyLoss) for a few seconds
on MNIST, exports it with the README's export_npz, converts it with `nnviz convert`, and compares
`nnviz eval --json` with PyTorch's accuracy on the 10,000 test images; then converts nnviz's
.nnvz back to .npz, loads it with the README's import_npz and checks PyTorch gives the same
answers again. Part of `make bench` (python3-torch). Prints one JSON line per network:
{"hidden","torch_accuracy","nnviz_accuracy","differing_images","reimported_accuracy","train_s"}.
Exit 1 when nnviz and PyTorch disagree on more than 2 images, or the re-import changes an answer.
Usage: torch_npz.py --nnviz build/app/nnviz [--seconds 3] [--data DIR]"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time

import numpy as np
import torch
from torch import nn

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def readme_example():
    """The README's PyTorch example: the ```python block that defines export_npz."""
    text = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    for block in re.findall(r"```python\n(.*?)```", text, re.S):
        if "def export_npz(" in block:
            namespace = {}
            exec(compile(block, "README.md (PyTorch example)", "exec"), namespace)
            return namespace
    raise SystemExit("torch_npz: README.md has no ```python block defining export_npz")


def load(data, prefix):
    d = os.path.join(data, "mnist")
    x = np.fromfile(os.path.join(d, f"{prefix}-images-idx3-ubyte"), np.uint8, offset=16)
    y = np.fromfile(os.path.join(d, f"{prefix}-labels-idx1-ubyte"), np.uint8, offset=8)
    return torch.from_numpy(x.reshape(-1, 784).astype(np.float32) / 255), torch.from_numpy(
        y.astype(np.int64))


def train(model, x, y, seconds):
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    loss_fn = nn.CrossEntropyLoss()
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        order = torch.randperm(len(x))
        for i in range(0, len(x), 64):
            idx = order[i:i + 64]
            opt.zero_grad()
            loss_fn(model(x[idx]), y[idx]).backward()
            opt.step()
            if time.monotonic() - start >= seconds:
                break
    return time.monotonic() - start


def nnviz(binary, *args):
    r = subprocess.run([binary, *args], capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"torch_npz: nnviz {' '.join(args)} failed: {r.stderr}")
    return r.stdout


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--nnviz", required=True)
    p.add_argument("--seconds", type=float, default=3.0)
    p.add_argument("--data", default=os.environ.get("NNVIZ_DATA") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "nnviz"))
    a = p.parse_args()
    example = readme_example()
    torch.manual_seed(0)
    torch.set_num_threads(1)
    x, y = load(a.data, "train")
    tx, ty = load(a.data, "t10k")
    ok = True
    for hidden in (nn.Sigmoid, nn.ReLU):
        model = nn.Sequential(nn.Linear(784, 32), hidden(), nn.Linear(32, 10))
        seconds = train(model, x, y, a.seconds)
        with torch.no_grad():
            answers = model(tx).argmax(dim=1)
        with tempfile.TemporaryDirectory() as tmp:
            npz, nnvz, back = (os.path.join(tmp, n) for n in ("t.npz", "t.nnvz", "back.npz"))
            example["export_npz"](model, npz)
            nnviz(a.nnviz, "convert", npz, nnvz)
            scored = json.loads(nnviz(a.nnviz, "eval", "--json", "--model", nnvz))
            nnviz(a.nnviz, "convert", nnvz, back)
            again = example["import_npz"](back)
            with torch.no_grad():
                reanswers = again(tx).argmax(dim=1)
        torch_accuracy = float((answers == ty).float().mean())
        differing = round(abs(scored["accuracy"] - torch_accuracy) * len(ty))
        row = {"hidden": hidden.__name__.lower(), "torch_accuracy": torch_accuracy,
               "nnviz_accuracy": scored["accuracy"], "differing_images": differing,
               "reimported_accuracy": float((reanswers == ty).float().mean()),
               "reimported_changed": int((reanswers != answers).sum()), "train_s": seconds}
        print(json.dumps(row), flush=True)
        ok = ok and differing <= 2 and row["reimported_changed"] == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
