#!/usr/bin/python3
"""`nnviz convert` against NumPy: models written by numpy in README.md's "NumPy .npz layout" are
converted and their answers compared with a numpy forward pass; models nnviz writes are read by
numpy and compared with the .nnvz file read per README.md ("Model file format"). Runs under
Debian's python3 with python3-numpy (third_party/install-deps). Usage: test_npz.py CASE.
Exit 0 pass, 1 fail, 77 skipped (MNIST absent, for the test-set comparison only)."""
import json
import os
import struct
import subprocess
import sys
import tempfile
import zlib

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_cli import (DATA, MODELS, expect, fixture_files, have_mnist,  # noqa: E402
                      mnist_original, run, skip)

BUNDLED = ("sigmoid.nnvz", "relu.nnvz", "fashion-sigmoid.nnvz", "fashion-relu.nnvz")


# [SECTION] The two formats read with numpy alone, as README.md describes them
def read_nnvz(path):
    """{'W0', 'b0', …, 'hidden', 'output', 'dataset'} of an .nnvz file (versions 1 and 2)."""
    data = open(path, "rb").read()
    expect(data[:4] == b"NNVZ", f"{path}: not an nnviz model")
    version, n = struct.unpack_from("<II", data, 4)
    sizes = struct.unpack_from(f"<{n}I", data, 12)
    hidden, output, dataset = struct.unpack_from("<BBB", data, 12 + 4 * n)
    expect(zlib.crc32(data[:-4]) == struct.unpack_from("<I", data, len(data) - 4)[0], "CRC")
    model = {"hidden": ["sigmoid", "relu"][hidden], "output": {0: "sigmoid", 2: "softmax"}[output],
             "dataset": ["mnist", "fashion"][dataset if version == 2 else 0]}
    pos = 16 + 4 * n
    for l, (fan_in, fan_out) in enumerate(zip(sizes, sizes[1:])):
        model[f"W{l}"] = np.frombuffer(data, "<f4", fan_out * fan_in, pos).reshape(fan_out, fan_in)
        pos += 4 * fan_out * fan_in
        model[f"b{l}"] = np.frombuffer(data, "<f4", fan_out, pos)
        pos += 4 * fan_out
    expect(pos + 4 == len(data), f"{path}: size")
    return model


def save_npz(path, model, compressed=False):
    """The documented layout: W as out × in float32, names as strings."""
    arrays = {k: (np.array(v) if isinstance(v, str) else v) for k, v in model.items()}
    (np.savez_compressed if compressed else np.savez)(path, **arrays)


def forward(model, x):
    """Rows of x (N, in) through every layer in float64: a' = f(W a + b)."""
    layers = sum(1 for k in model if k.startswith("W"))
    a = x.astype(np.float64)
    for l in range(layers):
        z = a @ model[f"W{l}"].astype(np.float64).T + model[f"b{l}"].astype(np.float64)
        f = model["output"] if l == layers - 1 else model["hidden"]
        if f == "sigmoid":
            a = 1 / (1 + np.exp(-z))
        elif f == "relu":
            a = np.maximum(z, 0)
        else:
            e = np.exp(z - z.max(axis=1, keepdims=True))
            a = e / e.sum(axis=1, keepdims=True)
    return a


def mnist_test():
    def idx(name, offset):
        return np.frombuffer(open(os.path.join(DATA, "mnist", name), "rb").read(), np.uint8,
                             offset=offset)
    return (idx("t10k-images-idx3-ubyte", 16).reshape(-1, 784) / 255.0,
            idx("t10k-labels-idx1-ubyte", 8))


def numpy_model(seed):
    """A model numpy makes: the bundled ReLU model's weights, each nudged by 1 % noise (so no
    nnviz file holds them), as a 784-16-16-10 ReLU/softmax network in the .npz layout."""
    rng = np.random.default_rng(seed)
    base = read_nnvz(os.path.join(MODELS, "relu.nnvz"))
    model = {k: v for k, v in base.items() if isinstance(v, str)}
    for k, v in base.items():
        if not isinstance(v, str):
            model[k] = (v * (1 + 0.01 * rng.standard_normal(v.shape))).astype(np.float32)
    return model


def convert(src, dst):
    r = run("convert", src, dst)
    expect(r.returncode == 0, f"convert {src} {dst}: exit {r.returncode}: {r.stderr}")
    return r


# [SECTION] Cases
def case_npz_to_numpy():
    """nnviz writes .npz that numpy reads (no pickles) to exactly the .nnvz file's arrays, and
    converting back gives the .nnvz file byte for byte."""
    with tempfile.TemporaryDirectory() as tmp:
        for name in BUNDLED:
            src = os.path.join(MODELS, name)
            npz, back = os.path.join(tmp, name + ".npz"), os.path.join(tmp, name)
            convert(src, npz)
            want = read_nnvz(src)
            with np.load(npz, allow_pickle=False) as f:
                expect(sorted(f.files) == sorted(want), f"{name}: arrays {f.files}")
                for k, v in want.items():
                    got = f[k]
                    if isinstance(v, str):
                        expect(got.shape == () and got.dtype.kind == "U" and str(got) == v,
                               f"{name}: {k} = {got!r}, expected {v!r}")
                    else:
                        expect(got.dtype == np.float32 and got.shape == v.shape and
                               got.tobytes() == v.tobytes(), f"{name}: {k} differs")
            convert(npz, back)
            expect(open(back, "rb").read() == open(src, "rb").read(),
                   f"{name}: .nnvz → .npz → .nnvz is not byte-exact")


def case_npz_from_numpy():
    """A model numpy wrote (savez, savez_compressed, Fortran-ordered W) converts to an .nnvz that
    holds exactly its arrays, and nnviz's predict agrees with numpy's forward pass."""
    model = numpy_model(1)
    files = fixture_files()
    with tempfile.TemporaryDirectory() as tmp:
        originals = []  # 28×28 pages: with --raw the input is exactly pixel / 255
        for f in files:
            out = os.path.join(tmp, os.path.basename(f))
            open(out, "wb").write(b"P5\n28 28\n255\n" + mnist_original(f))
            originals.append(out)
        x = np.array([np.frombuffer(mnist_original(f), np.uint8) for f in files]) / 255.0
        want = forward(model, x)
        fortran = dict(model, W0=np.asfortranarray(model["W0"]))
        for label, arrays, compressed in (("savez", model, False),
                                          ("savez_compressed", model, True),
                                          ("fortran", fortran, False)):
            npz, nnvz = os.path.join(tmp, label + ".npz"), os.path.join(tmp, label + ".nnvz")
            save_npz(npz, arrays, compressed)
            convert(npz, nnvz)
            got = read_nnvz(nnvz)
            for k, v in model.items():
                expect(got[k] == v if isinstance(v, str) else got[k].tobytes() == v.tobytes(),
                       f"{label}: {k} changed in the conversion")
            # predict reads the .npz itself too; both agree with numpy.
            for path in (nnvz, npz):
                r = run("predict", "--json", "--raw", "--model", path, *originals)
                expect(r.returncode == 0, f"{label}: predict {path}: {r.stderr}")
                outs = np.array([json.loads(line)["outputs"] for line in r.stdout.splitlines()])
                worst = np.abs(outs - want).max()
                expect(worst < 1e-5, f"{label}: outputs differ from numpy's by {worst}")


def case_npz_eval():
    """nnviz's eval of a numpy-written model equals numpy's own scoring of the 10,000 test
    images: the accuracy to within two images (float32 against float64 near ties) and the
    confusion matrix."""
    if not have_mnist():
        skip(f"MNIST not found in {DATA}")
    model = numpy_model(2)
    images, labels = mnist_test()
    answers = forward(model, images).argmax(axis=1)
    accuracy = float((answers == labels).mean())
    confusion = np.zeros((10, 10), int)
    np.add.at(confusion, (labels, answers), 1)
    with tempfile.TemporaryDirectory() as tmp:
        npz = os.path.join(tmp, "numpy.npz")
        save_npz(npz, model)
        j = json.loads(run("eval", "--json", "--model", npz).stdout)
        expect(j["count"] == 10000, f"eval counted {j['count']} images")
        expect(abs(j["accuracy"] - accuracy) <= 2e-4,
               f"eval {j['accuracy']} against numpy's {accuracy}")
        expect(np.abs(np.array(j["confusion"]) - confusion).sum() <= 4,
               f"confusion differs:\n{np.array(j['confusion'])}\n{confusion}")
        expect(accuracy > 0.9, f"the nudged model should still read digits: {accuracy}")


def case_npz_broken():
    """Broken models numpy writes are refused with the file and the reason (exit 1)."""
    good = numpy_model(3)
    cases = {
        "float64": (dict(good, W1=good["W1"].astype(np.float64)), "dtype <f8"),
        "missing-b1": ({k: v for k, v in good.items() if k != "b1"}, "missing array b1"),
        "transposed": (dict(good, W2=np.ascontiguousarray(good["W2"].T)),
                       "shapes do not chain"),
        "nan": (dict(good, b0=np.where(np.arange(16) == 5, np.nan, good["b0"]).astype(np.float32)),
                "array b0 has a non-finite value at [5] = nan"),
        "tanh": (dict(good, hidden="tanh"), "hidden activation 'tanh'"),
    }
    with tempfile.TemporaryDirectory() as tmp:
        for label, (arrays, why) in cases.items():
            npz = os.path.join(tmp, label + ".npz")
            save_npz(npz, arrays)
            r = run("convert", npz, os.path.join(tmp, label + ".nnvz"))
            expect(r.returncode == 1 and why in r.stderr and npz in r.stderr,
                   f"{label}: exit {r.returncode}, expected 1 and {why!r}: {r.stderr}")
            expect(not os.path.exists(os.path.join(tmp, label + ".nnvz")),
                   f"{label}: a file was written for a refused model")
        # A zip that is not a model, and a file that is not a zip.
        junk = os.path.join(tmp, "junk.npz")
        np.savez(junk, x=np.zeros(3))
        r = run("convert", junk, os.path.join(tmp, "junk.nnvz"))
        expect(r.returncode == 1 and "unexpected array x" in r.stderr, r.stderr)
        open(junk, "wb").write(b"hello")
        r = run("eval", "--model", junk)
        expect(r.returncode == 1 and "not a zip archive" in r.stderr, r.stderr)


if __name__ == "__main__":
    globals()["case_" + sys.argv[1]]()
    print("ok")
