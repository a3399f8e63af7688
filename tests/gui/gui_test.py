#!/usr/bin/python3
"""GUI tests for the nnviz window: real window, real X input events.

Runs the window under Xvfb with --log-events, draws digits on the canvas with xdotool, and checks
the JSON events it prints; or takes screenshots and checks their pixels with png_check.
Exit 0 = pass, 1 = fail, 77 = skipped (no xvfb-run or xdotool).

  gui_test.py interaction --nnviz BIN
  gui_test.py screenshot  --nnviz BIN --checker PNG_CHECK --shots DIR --size WxH
"""
import argparse
import json
import math
import os
import queue
import shutil
import subprocess
import sys
import threading
import time

SKIP = 77


def fail(message):
    print("FAIL: " + message, flush=True)
    sys.exit(1)


def reexec_under_xvfb(size):
    """Runs this script again inside a fresh virtual X server of the given size."""
    if os.environ.get("NNVIZ_GUI_TEST_INNER"):
        return
    for tool in ("xvfb-run", "xdotool"):
        if shutil.which(tool) is None:
            print(f"SKIP: {tool} not found (third_party/install-deps installs it)")
            sys.exit(SKIP)
    env = dict(os.environ, NNVIZ_GUI_TEST_INNER="1")
    cmd = ["xvfb-run", "-a", "-s", f"-screen 0 {size}x24", sys.executable] + sys.argv
    sys.exit(subprocess.call(cmd, env=env))


class Window:
    """The nnviz process and a reader thread collecting its JSON event lines."""

    def __init__(self, nnviz, extra=()):
        self.proc = subprocess.Popen([nnviz, "--window", "1600x1000", "--log-events", *extra],
                                     stdout=subprocess.PIPE, text=True)
        self.events = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.ready = self.wait_for("ready", 30)
        self.wid = self._find_window()

    def _read(self):
        for line in self.proc.stdout:
            line = line.strip()
            if line.startswith("{"):
                try:
                    self.events.put(json.loads(line))
                except json.JSONDecodeError:
                    pass

    def _find_window(self):
        out = subprocess.run(["xdotool", "search", "--sync", "--name", "nnviz"],
                             capture_output=True, text=True, timeout=20).stdout.split()
        if not out:
            fail("no X window whose title contains 'nnviz'")
        return out[0]

    def wait_for(self, kind, timeout=10.0):
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                e = self.events.get(timeout=0.1)
            except queue.Empty:
                if self.proc.poll() is not None:
                    fail(f"nnviz exited with {self.proc.returncode} while waiting for '{kind}'")
                continue
            if e.get("event") == kind:
                return e
        fail(f"no '{kind}' event within {timeout} s")

    def drain(self, quiet=0.6, timeout=10.0):
        """All events until none has arrived for `quiet` seconds."""
        got, deadline, last = [], time.time() + timeout, time.time()
        while time.time() < deadline and time.time() - last < quiet:
            try:
                got.append(self.events.get(timeout=0.05))
                last = time.time()
            except queue.Empty:
                pass
        return got

    def xdo(self, *args):
        subprocess.run(["xdotool", *map(str, args)], check=True, timeout=20)

    def move(self, x, y):
        self.xdo("mousemove", "--window", self.wid, int(x), int(y))

    def stroke(self, points):
        """Presses the left button at the first point, moves through the rest in small steps."""
        self.move(*points[0])
        time.sleep(0.05)
        self.xdo("mousedown", 1)
        for p in points[1:]:
            self.move(*p)
            time.sleep(0.008)
        self.xdo("mouseup", 1)

    def key(self, name):
        # Without a window manager, keyboard focus follows the pointer: keep it over the window.
        self.move(self.ready["window"]["w"] // 2, 10)
        self.xdo("key", "--window", self.wid, name)

    def close(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def last_prediction(events, what):
    preds = [e for e in events if e.get("event") == "prediction"]
    if not preds:
        fail(f"no prediction event after {what}")
    return preds[-1]


def interaction(args):
    w = Window(args.nnviz)
    try:
        c = w.ready["canvas"]
        x, y, cw, ch = c["x"], c["y"], c["w"], c["h"]
        if cw < 100 or ch < 100:
            fail(f"canvas too small: {c}")
        print(f"ready: window {w.ready['window']}, canvas {c}", flush=True)
        w.drain(quiet=0.3)

        # A "1": one vertical stroke down the middle.
        w.stroke([(x + cw * 0.5, y + ch * (0.15 + 0.7 * i / 40)) for i in range(41)])
        one = last_prediction(w.drain(), "drawing a 1")
        print(f"'1' → {one['digit']} ({one['confidence']:.2f}, {one['activation']})", flush=True)

        if one.get("ink") is not True:
            fail(f"a drawn 1 should report ink: {one}")

        # Clearing: the outputs still have values, but with no ink there is no answer to show
        # (the network view and the Answer panel highlight nothing).
        w.key("c")
        got = w.drain(quiet=0.6)  # the prediction comes before its "cleared"
        if not any(e.get("event") == "cleared" for e in got):
            fail("no 'cleared' event after pressing C")
        empty = last_prediction(got, "clearing")
        if empty.get("ink") is not False or len(empty["outputs"]) != 10:
            fail(f"an empty pad should report no ink and still ten outputs: {empty}")

        # A "0": an ellipse.
        ring = [(x + cw * (0.5 + 0.25 * math.sin(t / 60 * 2 * math.pi)),
                 y + ch * (0.5 - 0.33 * math.cos(t / 60 * 2 * math.pi))) for t in range(64)]
        w.stroke(ring)
        zero = last_prediction(w.drain(), "drawing a 0")
        print(f"'0' → {zero['digit']} ({zero['confidence']:.2f})", flush=True)
        if len(zero["outputs"]) != 10:
            fail(f"prediction outputs should have 10 values: {zero}")
        diff = sum(abs(a - b) for a, b in zip(one["outputs"], zero["outputs"]))
        if zero["digit"] == one["digit"] or diff < 0.1:
            fail(f"a 1 and a 0 got the same answer: {one['outputs']} vs {zero['outputs']}")
        if not os.environ.get("NNVIZ_GUI_UNTRAINED_OK") and (one["digit"], zero["digit"]) != (1, 0):
            fail(f"expected the bundled model to read 1 and 0, got {one['digit']} and {zero['digit']}")

        # A: the hidden activation toggles, and the outputs change with it.
        before = zero["activation"]
        w.key("a")
        act = w.wait_for("activation")
        after = last_prediction(w.drain(), "pressing A")
        print(f"A → activation {act['value']}, answer {after['digit']}", flush=True)
        if act["value"] == before or after["activation"] != act["value"]:
            fail(f"activation did not toggle: {before} → {act}, prediction says {after['activation']}")
        if sum(abs(a - b) for a, b in zip(after["outputs"], zero["outputs"])) < 1e-4:
            fail("outputs did not change when the activation was toggled")

        # Resizes, including a sliver, then check it still answers.
        for size in ((900, 600), (300, 40), (1, 1), (1280, 800)):
            w.xdo("windowsize", w.wid, *size)
            time.sleep(0.4)
            if w.proc.poll() is not None:
                fail(f"nnviz died after resizing to {size}")
        w.key("c")
        w.wait_for("cleared")
        print("resizes survived; window still answers", flush=True)
    finally:
        w.close()
    print("PASS", flush=True)


def screenshot(args):
    os.makedirs(args.shots, exist_ok=True)
    width, height = map(int, args.size.split("x"))
    out = os.path.join(args.shots, f"window-{args.size}.png")
    if os.path.exists(out):
        os.remove(out)
    env = dict(os.environ, NNVIZ_DEMO_DIGIT="1")
    r = subprocess.run([args.nnviz, "--window", args.size, "--screenshot", out], env=env,
                       timeout=120)
    if r.returncode != 0 or not os.path.exists(out):
        fail(f"--screenshot exited {r.returncode}, wrote {os.path.exists(out)}")
    print(f"screenshot: {out}", flush=True)
    # Regions as fractions: the network view (centre top) and the weight maps (centre bottom).
    regions = [
        # network view: green and red edges, and far from blank
        "0.25", "0.06", "0.78", "0.55", "300", "300", "200",
        # weight maps: green and red heatmaps
        "0.22", "0.60", "0.80", "0.95", "200", "200", "100",
    ]
    r = subprocess.run([args.checker, out, str(width), str(height), *regions])
    if r.returncode != 0:
        fail(f"pixel check failed for {out}")
    print("PASS", flush=True)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["interaction", "screenshot"])
    p.add_argument("--nnviz", required=True)
    p.add_argument("--checker")
    p.add_argument("--shots", default="screenshots")
    p.add_argument("--size", default="1600x1000")
    args = p.parse_args()
    w, h = map(int, args.size.split("x"))
    reexec_under_xvfb(f"{max(w, 1920)}x{max(h, 1200)}")
    {"interaction": interaction, "screenshot": screenshot}[args.mode](args)


if __name__ == "__main__":
    main()
