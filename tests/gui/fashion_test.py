#!/usr/bin/python3
"""GUI test of Fashion-MNIST in the window (gui_test.py's harness: real window under Xvfb, real X
input, the JSON event log, screenshots measured by png_check).

The window starts on the bundled fashion-sigmoid.nnvz with a Fashion-MNIST test picture (an ankle
boot, written to a temporary PNG) on the pad. The "confusion" event must come from the 10,000
Fashion-MNIST test images with the accuracy `nnviz eval` gives the model; the "prediction" event
must name the class `nnviz predict` names; a click on the worst cell of the Mistakes tab must open
it in the Data tab, whose first picture clicked goes on the pad read as the cell's answer. The screenshot's Answer panel must show class names (text where
the digits' bars begin), a check that must fail on the same picture read by the MNIST model.
Exit 0 = pass, 1 = fail, 77 = skipped (no Fashion-MNIST, no xvfb-run or xdotool).

  fashion_test.py --nnviz BIN --checker PNG_CHECK --shots DIR
"""
import argparse
import gzip
import json
import os
import struct
import subprocess
import sys
import tempfile
import time
import zlib

sys.path.insert(0, os.path.dirname(__file__))
import gui_test as g  # noqa: E402

MODELS = os.path.join(g.ASSETS, "models")
SIZE = "1600x1000"


def fashion_dir():
    """Where loadDataset finds Fashion-MNIST's test set (core/dataset.cpp), or None."""
    data = os.environ.get("NNVIZ_DATA") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "nnviz")
    for d in (os.path.join(data, "fashion"), "/usr/share/datasets/fashion-mnist"):
        for name in ("t10k-images-idx3-ubyte", "t10k-images-idx3-ubyte.gz"):
            if os.path.exists(os.path.join(d, name)):
                return d, name
    return None


def test_picture(where, index):
    """Test image `index` (28×28 bytes, 0 = background) and its label."""
    d, images = where
    opener = gzip.open if images.endswith(".gz") else open
    with opener(os.path.join(d, images), "rb") as f:
        pixels = f.read()[16 + 784 * index:16 + 784 * (index + 1)]
    labels = images.replace("images-idx3", "labels-idx1")
    with opener(os.path.join(d, labels), "rb") as f:
        label = f.read()[8 + index]
    return pixels, label


def write_png(path, pixels, side=28):
    """An 8-bit grey PNG."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data +
                struct.pack(">I", zlib.crc32(kind + data)))
    rows = b"".join(b"\0" + pixels[y * side:(y + 1) * side] for y in range(side))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 8, 0, 0,
                                                                   0, 0)) +
                chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def cli_json(nnviz, *args):
    r = subprocess.run([nnviz, *args], capture_output=True, text=True, timeout=60)
    if r.returncode != 0:
        g.fail(f"nnviz {' '.join(args)}: exit {r.returncode}: {r.stderr.strip()}")
    return json.loads(r.stdout.splitlines()[0])


def check_confusion(conf, expected):
    m = conf["matrix"]
    total, right = sum(map(sum, m)), sum(m[i][i] for i in range(len(m)))
    print(f"confusion: {conf.get('dataset')}, {conf.get('images')} images, accuracy "
          f"{conf['accuracy']:.4f} (nnviz eval: {expected:.4f}) in {conf['ms']} ms", flush=True)
    if conf.get("dataset") != "fashion" or conf.get("images") != 10000 or total != 10000:
        g.fail(f"the confusion event should come from the 10,000 Fashion-MNIST test images: "
               f"dataset {conf.get('dataset')}, {conf.get('images')} images, matrix total {total}")
    if abs(conf["accuracy"] - right / total) > 1e-9 or abs(conf["accuracy"] - expected) > 1e-9:
        g.fail(f"accuracy {conf['accuracy']}: its diagonal gives {right / total}, nnviz eval "
               f"{expected}")
    return m


def click_worst_cell(w, m):
    """Clicks the Mistakes tab's most frequent mistake: the Data tab must open on that cell of the
    Fashion-MNIST test set, and its first thumbnail clicked must put a picture of the true class
    on the pad that the network reads as the cell's answer. The cells are the grid's right n + 3
    cells' first n (a label column of class names on the left, the accuracies on the right),
    below a label row."""
    n = len(m)
    w.click("tab_mistakes")
    grid = w.rect("mistakes_matrix")
    truth, answer = max(((i, j) for i in range(n) for j in range(n) if i != j),
                        key=lambda c: m[c[0]][c[1]])
    side = grid["h"] / (n + 1)
    left = grid["x"] + grid["w"] - side * (n + 3)
    w.drain(quiet=0.3)
    w.move(left + side * (answer + 0.5), grid["y"] + side * (truth + 1.5))
    w.xdo("click", "1")
    browse = w.collect(lambda e: e.get("event") == "browse" and e.get("truth") == truth and
                       e.get("answer") == answer, f"a 'browse' event for cell ({truth}, {answer})")[-1]
    print(f"cell: true {truth}, answer {answer} ({m[truth][answer]} pictures): {browse}", flush=True)
    if browse.get("dataset") != "fashion" or browse.get("split") != "test" or \
            browse.get("shown") != m[truth][answer]:
        g.fail(f"the Data tab should open on the Fashion-MNIST test set's cell ({truth}, {answer}) "
               f"of {m[truth][answer]} pictures: {browse}")
    first = w.rect("data_first")
    w.drain(quiet=0.3)
    w.move(first["x"] + first["w"] / 2, first["y"] + first["h"] / 3)
    time.sleep(0.15)
    w.xdo("click", "1")
    got = w.collect(lambda e: e.get("event") == "prediction", "a prediction after the click")
    images = [e for e in got if e.get("event") == "set_image"]
    pred = got[-1]
    if not images or images[-1].get("dataset") != "fashion" or images[-1].get("label") != truth:
        g.fail(f"the first thumbnail should put a Fashion-MNIST {truth} on the pad: {got[-3:]}")
    print(f"the pad reads {pred.get('class')} ({pred['confidence']:.2f})", flush=True)
    if not pred["ink"] or pred["digit"] != answer:
        g.fail(f"the first picture of cell ({truth}, {answer}) should be read as {answer} on the "
               f"pad; it reads {pred['digit']} ({pred.get('class')})")


def names_shown(checker, png, size):
    """(passed, figures): bright text in the Answer panel where the rows of a digit model have
    already begun their (dark or grey) bars, past their digits: 2.5 % to 5 % of the width past
    the right column's edge (80 % of the width), between 10 % and 38 % of the height."""
    W, H = size
    strip = (0.825 * W, 0.10 * H, 0.025 * W, 0.28 * H)
    _, (r,) = g.measure(checker, png, g.region(strip))
    share = r["bright"] / max(1, r["pixels"])
    return share >= 0.02, f"{share:.1%} of the label strip is bright text (>= 2%)"


def screenshot(args, model, png_in, shot):
    w = g.Window(args.nnviz, ["--model", os.path.join(MODELS, model), "--image", png_in],
                 size=SIZE)
    try:
        w.park()
        w.still_screenshot(shot)
        return w.size
    finally:
        w.close()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--nnviz", required=True)
    p.add_argument("--checker", required=True)
    p.add_argument("--shots", default="screenshots")
    args = p.parse_args()
    where = fashion_dir()
    if where is None:
        print("SKIP: no Fashion-MNIST test set (make setup installs dataset-fashion-mnist)")
        sys.exit(g.SKIP)
    g.reexec_under_xvfb("2560x1440")
    os.makedirs(args.shots, exist_ok=True)
    model = os.path.join(MODELS, "fashion-sigmoid.nnvz")
    expected = cli_json(args.nnviz, "eval", "--json", "--model", model)["accuracy"]
    with tempfile.TemporaryDirectory() as tmp:
        pixels, label = test_picture(where, 0)
        png_in = os.path.join(tmp, "fashion0.png")
        write_png(png_in, pixels)
        said = cli_json(args.nnviz, "predict", "--json", "--model", model, png_in)
        print(f"test picture 0: label {label}; nnviz predict: {said['class']}", flush=True)

        w = g.Window(args.nnviz, ["--model", model, "--image", png_in], size=SIZE)
        try:
            image = [e for e in w.seen if e.get("event") == "image"]
            preds = [e for e in w.seen if e.get("event") == "prediction" and e.get("ink")]
            if not image or not preds:
                g.fail(f"no 'image' and inked 'prediction' events at start: {w.seen[:6]}")
            pred = preds[-1]
            print(f"prediction: {pred.get('class')} ({pred['confidence']:.2f}), "
                  f"dataset {pred.get('dataset')}", flush=True)
            if pred.get("dataset") != "fashion" or pred.get("class") != said["class"] or \
                    pred["digit"] != said["digit"]:
                g.fail(f"the window reads the picture as {pred.get('class')} "
                       f"({pred.get('dataset')}); nnviz predict says {said['class']}")
            if not w.test_set():
                g.fail("the Fashion-MNIST test set did not load (no 'dataset' event of 10,000)")
            m = check_confusion(w.wait_for("confusion", 30), expected)
            w.park()
            shot = os.path.join(args.shots, "fashion.png")
            w.still_screenshot(shot)
            click_worst_cell(w, m)
            w.park()
            w.still_screenshot(os.path.join(args.shots, "fashion_mistakes.png"))
            size = w.size
        finally:
            w.close()

        ok, figures = names_shown(args.checker, shot, size)
        print(f"class names, fashion-sigmoid.nnvz: {figures}", flush=True)
        if not ok:
            g.fail(f"no class names in the Answer panel of {shot}: {figures}")
        # The same picture read by the MNIST model: digits only, so the check must fail.
        digits = os.path.join(args.shots, "fashion_on_mnist_model.png")
        ok, figures = names_shown(args.checker, digits, screenshot(args, "sigmoid.nnvz", png_in,
                                                                   digits))
        print(f"class names, sigmoid.nnvz (MNIST): {figures}", flush=True)
        if ok:
            g.fail(f"the class-name check passes on the digits of {digits}: {figures}")
    print("PASS", flush=True)


if __name__ == "__main__":
    main()
