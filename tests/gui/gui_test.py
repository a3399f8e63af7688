#!/usr/bin/python3
"""GUI tests for the nnviz window: real window, real X input events.

Runs the window under Xvfb with --log-events, draws digits on the canvas with xdotool, checks the
JSON events it prints, and photographs the window with ImageMagick's import to check what its
panels show (png_check measures the pixels, this script decides).
Exit 0 = pass, 1 = fail, 77 = skipped (no xvfb-run or xdotool; for --hidden, no MNIST).

  gui_test.py interaction --nnviz BIN --checker PNG_CHECK --shots DIR
  gui_test.py screenshot  --nnviz BIN --checker PNG_CHECK --shots DIR --size WxH [--hidden N,N]
  gui_test.py train       --nnviz BIN --shots DIR --size WxH
"""
import argparse
import ctypes
import ctypes.util
import json
import math
import os
import queue
import shutil
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zlib

SKIP = 77
ASSETS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "assets")


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

    def __init__(self, nnviz, extra=(), size="1600x1000", cwd=None, config_home=None):
        # The window reads and writes its settings (the zoom) in XDG_CONFIG_HOME: a fresh
        # directory for each window unless the test gives one, never the real ~/.config.
        self.own_config = None if config_home else tempfile.mkdtemp(prefix="nnviz-config-")
        env = dict(os.environ, XDG_CONFIG_HOME=config_home or self.own_config)
        self.proc = subprocess.Popen([nnviz, "--window", size, "--log-events", *extra],
                                     stdout=subprocess.PIPE, text=True, cwd=cwd, env=env)
        self.events = queue.Queue()
        self.widgets = {}  # the latest "layout" event's rectangles, whenever it came
        self.seen = []     # every event, in order (events before "ready" included)
        threading.Thread(target=self._read, daemon=True).start()
        self.ready = self.wait_for("ready", 30)
        self.size = (self.ready["window"]["w"], self.ready["window"]["h"])
        self.wid = self._find_window()

    def _read(self):
        for line in self.proc.stdout:
            line = line.strip()
            if line.startswith("{"):
                try:
                    e = json.loads(line)
                except json.JSONDecodeError:
                    continue
                if e.get("event") == "layout":
                    self.widgets = e["widgets"]
                self.seen.append(e)
                self.events.put(e)

    def _find_window(self):
        out = subprocess.run(["xdotool", "search", "--sync", "--name", "nnviz"],
                             capture_output=True, text=True, timeout=20).stdout.split()
        if not out:
            fail("no X window whose title contains 'nnviz'")
        return out[0]

    def collect(self, stop, what, timeout=10.0):
        """Events up to and including the first one for which stop(event) is true."""
        got, deadline = [], time.time() + timeout
        while time.time() < deadline:
            try:
                e = self.events.get(timeout=0.1)
            except queue.Empty:
                if self.proc.poll() is not None:
                    fail(f"nnviz exited with {self.proc.returncode} while waiting for {what}")
                continue
            got.append(e)
            if stop(e):
                return got
        fail(f"no {what} within {timeout} s; last events: {got[-5:]}")

    def wait_for(self, kind, timeout=10.0):
        return self.collect(lambda e: e.get("event") == kind, f"'{kind}' event", timeout)[-1]

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

    def park(self):
        """Puts the pointer on the network view's title bar: over the window (without a window
        manager, keyboard focus follows the pointer) and off the pad (no brush outline)."""
        self.move(self.size[0] // 2, 10)

    def key(self, name):
        self.park()
        self.xdo("key", "--window", self.wid, name)

    def resize(self, width, height):
        """Resizes the window and waits for the "layout" event saying the tabs moved (the frame
        at the new size has been laid out), then for that frame to reach the screen."""
        before = dict(self.widgets)
        self.drain(quiet=0.2)
        self.xdo("windowsize", self.wid, width, height)
        self.size = (width, height)
        self.collect(lambda e: e.get("event") == "layout" and e["widgets"] != before,
                     f"a 'layout' event after resizing to {width}x{height}")
        time.sleep(0.3)

    def rect(self, name, timeout=5.0):
        """A widget's rectangle from the "layout" events, waiting for it to be drawn (the first
        frame's layout event has empty rectangles)."""
        deadline = time.time() + timeout
        while not self.widgets.get(name, {}).get("w"):
            if time.time() > deadline:
                fail(f"no widget '{name}' in the layout events: {sorted(self.widgets)}")
            time.sleep(0.05)
        return self.widgets[name]

    def click(self, name):
        r = self.rect(name)
        self.move(r["x"] + r["w"] / 2, r["y"] + r["h"] / 2)
        time.sleep(0.1)
        self.xdo("click", 1)
        time.sleep(0.2)

    def hold(self, key):
        """Presses a key for 0.1 s: ImGui 1.86 reads keys (not characters) once per frame, so a
        press and release between two frames would be lost."""
        self.xdo("keydown", "--window", self.wid, key)
        time.sleep(0.1)
        self.xdo("keyup", "--window", self.wid, key)

    def type_into(self, name, text):
        """Clicks a text field (its text is then all selected), types over it and presses Return
        (which leaves the field)."""
        self.click(name)
        # From stdin: a text starting with "-" is not an option. Characters are queued, not lost.
        subprocess.run(["xdotool", "type", "--window", self.wid, "--delay", "15", "--file", "-"],
                       input=text, text=True, check=True, timeout=20)
        self.hold("Return")
        time.sleep(0.2)

    def test_set(self, timeout=15.0):
        """Waits for the MNIST test set to load or fail to (after the first frame); whether its
        10,000 images came."""
        deadline = time.time() + timeout
        while not any(e.get("event") in ("dataset", "error") for e in self.seen):
            if time.time() > deadline:
                fail("neither a 'dataset' nor an 'error' event for the test set")
            time.sleep(0.05)
        return any(e.get("event") == "dataset" and e.get("images") == 10000 for e in self.seen)

    def screenshot(self, path):
        """The window as it is on the screen, at whatever size it has."""
        subprocess.run(["import", "-window", self.wid, path], check=True, timeout=30)

    def still_screenshot(self, path, timeout=12.0):
        """A screenshot once the window has stopped drawing (an idle window draws nothing; until
        then the test set loads, the network's edges are rendered a part per frame, the Learn
        outline pulses for 3 s): once three captures 0.3 s apart were the same (one frame with
        many edges can take longer than 0.3 s on a busy machine)."""
        self.test_set()

        def pixels():
            return subprocess.run(["import", "-window", self.wid, "ppm:-"], capture_output=True,
                                  check=True, timeout=30).stdout
        deadline, same, last = time.time() + timeout, 0, pixels()
        while same < 2 and time.time() < deadline:
            time.sleep(0.3)
            now = pixels()
            same = same + 1 if now == last else 0
            last = now
        if same < 2:
            print(f"note: the window was still drawing after {timeout:.0f} s", flush=True)
        self.screenshot(path)

    def close_window(self):
        """Asks the window to close as a window manager would (WM_DELETE_WINDOW)."""
        x11 = ctypes.CDLL(ctypes.util.find_library("X11"))
        x11.XOpenDisplay.restype = ctypes.c_void_p
        x11.XInternAtom.restype = ctypes.c_ulong
        x11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
        x11.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long,
                                   ctypes.c_void_p]
        x11.XFlush.argtypes = x11.XCloseDisplay.argtypes = [ctypes.c_void_p]

        class ClientMessage(ctypes.Structure):  # XClientMessageEvent
            _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong),
                        ("send_event", ctypes.c_int), ("display", ctypes.c_void_p),
                        ("window", ctypes.c_ulong), ("message_type", ctypes.c_ulong),
                        ("format", ctypes.c_int), ("data", ctypes.c_long * 5),
                        ("pad", ctypes.c_long * 12)]  # XEvent is 24 longs

        d = x11.XOpenDisplay(None)
        ev = ClientMessage(type=33, send_event=1, display=d, window=int(self.wid), format=32)
        ev.message_type = x11.XInternAtom(d, b"WM_PROTOCOLS", 0)
        ev.data[0] = x11.XInternAtom(d, b"WM_DELETE_WINDOW", 0)
        x11.XSendEvent(d, int(self.wid), 0, 0, ctypes.byref(ev))
        x11.XFlush(d)
        x11.XCloseDisplay(d)

    def close(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        if self.own_config:
            shutil.rmtree(self.own_config, ignore_errors=True)


def last_prediction(events, what):
    preds = [e for e in events if e.get("event") == "prediction"]
    if not preds:
        fail(f"no prediction event after {what}")
    return preds[-1]


def one_stroke(pad, at=0.5):
    """A "1": a vertical stroke at `at` of the pad's width, from 15 % to 85 % of its height."""
    return [(pad["x"] + pad["w"] * at, pad["y"] + pad["h"] * (0.15 + 0.7 * i / 40))
            for i in range(41)]


def zero_stroke(pad):
    """A "0": an ellipse around the pad's centre, drawn once round and a little over."""
    return [(pad["x"] + pad["w"] * (0.5 + 0.25 * math.sin(t / 60 * 2 * math.pi)),
             pad["y"] + pad["h"] * (0.5 - 0.33 * math.cos(t / 60 * 2 * math.pi)))
            for t in range(64)]


def draw(w, points, what):
    """Draws a stroke and returns its prediction, which must report ink on the pad."""
    w.stroke(points)
    pred = last_prediction(w.drain(), what)
    if pred.get("ink") is not True:
        fail(f"{what} should report ink: {pred}")
    return pred


# [SECTION] Checking a screenshot
#
# What each panel must show on a correct frame, with thresholds set from what correct frames
# measure (the figures are printed on every run) and from broken ones, which the screenshot mode
# photographs and checks too: nothing drawn, a model whose weights are all zero, a blank image.

def measure(checker, png, *specs):
    """png_check's measurements: the image's {"w", "h"}, and one dict per spec."""
    r = subprocess.run([checker, png, *specs], capture_output=True, text=True, timeout=60)
    if r.returncode != 0:
        fail(f"png_check {png} {' '.join(specs)}: exit {r.returncode}: {r.stderr.strip()}")
    lines = [json.loads(line) for line in r.stdout.splitlines()]
    return lines[0], lines[1:]


def region(r):
    return "region:" + ",".join(f"{v:.0f}" for v in r)


def panel_regions(size, tab):
    """Where the panels are, in window pixels, from the size and the "Weight maps" tab's rectangle
    (the bottom panel's top-left corner, so the left column's width and the network view's
    height whatever they are): the network view above the tabs, between the left column and the
    right one (19 % of the width: MainLayout); below the tabs and the colour scale's row, the
    grid of the first layer's weight maps, in the left 30 % of the bottom panel (the selected
    neuron's maps and their colour scales are to its right); the Answer panel, the right
    column's top 38 %. Each stays a little inside its panel."""
    W, H = size
    right = 0.8 * W
    maps = tab["y"] + 2.5 * tab["h"]
    return {"network": (tab["x"], 0, right - tab["x"], tab["y"] - 4),
            "weights": (tab["x"], maps, 0.3 * (right - tab["x"]), H - 2 * tab["h"] - maps),
            "answer": (0.82 * W, 0, 0.18 * W, 0.38 * H)}


def check_frame(checker, png, size, pad, stroke, tab):
    """[(check, passed, what it measured)] for a screenshot of the window after `stroke` was
    drawn on the pad (both in window pixels)."""
    regions = panel_regions(size, tab)
    side = pad["w"]
    # The brush is 11/280 of the pad in radius: on the stroke means within 1.2 % of the pad of
    # its centre line, away from it beyond 10 %.
    ink_spec = "ink:" + ",".join(f"{v:.1f}" for v in (
        pad["x"] + 3, pad["y"] + 3, side - 6, pad["h"] - 6, 0.012 * side, 0.10 * side,
        *[c for p in stroke for c in p]))
    dims, (ink, net, weights, answer) = measure(
        checker, png, ink_spec, region(regions["network"]), region(regions["weights"]),
        region(regions["answer"]))
    on = ink["near_bright"] / max(1, ink["near"])
    off = ink["far_bright"] / max(1, ink["far"])
    net_g, net_r = net["green"] / net["pixels"], net["red"] / net["pixels"]
    wts_g, wts_r = weights["green"] / weights["pixels"], weights["red"] / weights["pixels"]
    bar = answer["green_run"] / regions["answer"][2]
    return [
        ("size", (dims["w"], dims["h"]) == tuple(size), f"{dims['w']}x{dims['h']}"),
        ("canvas ink", on >= 0.80 and off <= 0.002,
         f"{on:.1%} of the stroke bright (>= 80%), {off:.2%} of the pad away from it (<= 0.2%)"),
        ("network view", net_g >= 0.02 and net_r >= 0.01 and net["distinct"] >= 200,
         f"{net_g:.2%} green (>= 2%), {net_r:.2%} red (>= 1%) edges, "
         f"{net['distinct']} colours (>= 200)"),
        ("weight maps", wts_g >= 0.01 and wts_r >= 0.01,
         f"{wts_g:.2%} green, {wts_r:.2%} red (each >= 1%)"),
        ("answer bar", bar >= 0.30,
         f"longest green run {answer['green_run']} px = {bar:.0%} of the panel (>= 30%)"),
    ]


def expect_failures(results, failing, what):
    """Prints each check's figures; fails unless exactly the checks in `failing` failed."""
    print(f"{what}:", flush=True)
    for name, ok, figures in results:
        print(f"  {name}: {figures}: {'ok' if ok else 'FAILS'}", flush=True)
    failed = {name for name, ok, _ in results if not ok}
    if failed != set(failing):
        fail(f"{what}: expected {sorted(failing) or 'no check'} to fail, "
             f"but {sorted(failed) or 'none'} failed")


def interaction(args):
    os.makedirs(args.shots, exist_ok=True)
    w = Window(args.nnviz)
    try:
        c = w.ready["canvas"]
        if c["w"] < 100 or c["h"] < 100:
            fail(f"canvas too small: {c}")
        print(f"ready: window {w.ready['window']}, canvas {c}", flush=True)
        w.drain(quiet=0.3)

        one = draw(w, one_stroke(c), "drawing a 1")
        print(f"'1' → {one['digit']} ({one['confidence']:.2f}, {one['activation']})", flush=True)

        # Clearing: the outputs still have values, but with no ink there is no answer to show
        # (the network view and the Answer panel highlight nothing).
        w.key("c")
        got = w.drain(quiet=0.6)  # the prediction comes before its "cleared"
        if not any(e.get("event") == "cleared" for e in got):
            fail("no 'cleared' event after pressing C")
        empty = last_prediction(got, "clearing")
        if empty.get("ink") is not False or len(empty["outputs"]) != 10:
            fail(f"an empty pad should report no ink and still ten outputs: {empty}")

        # The pad as a screenshot shows it must be where "ready" said: resize_answers finds it so.
        shot = os.path.join(args.shots, "interaction-pad.png")
        w.screenshot(shot)
        found = measure(args.checker, shot, "pad:0,0")[1][0]
        if not found["found"] or any(abs(found[k] - c[k]) > 1 for k in "xywh"):
            fail(f"the pad in {shot} is at {found}, the 'ready' event says {c}")

        zero = draw(w, zero_stroke(c), "drawing a 0")
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

        for size in ((1000, 640), (2200, 1300), (1600, 1000)):
            resize_answers(w, args, size)

        # Down to a sliver and 1×1 and back: it survives and still answers a key.
        for size in ((300, 40), (1, 1), (1280, 800)):
            w.xdo("windowsize", w.wid, *size)
            time.sleep(0.4)
            if w.proc.poll() is not None:
                fail(f"nnviz died after resizing to {size}")
        w.size = (1280, 800)
        w.key("c")
        w.wait_for("cleared")
        print("resizes down to 1x1 survived; window still answers", flush=True)
    finally:
        w.close()
    print("PASS", flush=True)


def resize_answers(w, args, size):
    """After a resize, a full frame of the new size, and a "1" drawn on the pad where that frame
    shows it is read as a 1 and photographed with every panel as check_frame wants it. The stroke
    runs at 90 % of the pad's width: off the old pad when the pad grew, and where 90 % of the old
    pad would have been off the new one when it shrank."""
    w.resize(*size)
    w.key("c")
    w.wait_for("cleared")
    w.drain(quiet=0.3)
    tag = "x".join(map(str, size))
    shot = os.path.join(args.shots, f"resized-{tag}.png")
    w.screenshot(shot)
    W, H = size
    quarters = [(qx * W / 2, qy * H / 2, W / 2, H / 2) for qy in (0, 1) for qx in (0, 1)]
    dims, found = measure(args.checker, shot, "pad:0,0", *map(region, quarters))
    pad, quarters = found[0], found[1:]
    colours = [q["distinct"] for q in quarters]
    print(f"{tag}: screenshot {dims['w']}x{dims['h']}, colours per quarter {colours}, "
          f"pad {pad}", flush=True)
    if (dims["w"], dims["h"]) != size:
        fail(f"the window's screenshot after resizing to {tag} is {dims['w']}x{dims['h']}")
    if min(colours) < 40:
        fail(f"{shot}: a quarter of the frame is (nearly) blank: {colours} colours")
    if not pad["found"] or pad["w"] < 100:
        fail(f"{shot}: no drawing pad at the top left: {pad}")
    said = w.rect("canvas")  # the layout event's pad after the resize must be the one on screen
    if any(abs(pad[k] - said[k]) > 2 for k in "xywh"):  # the frame's 2 px border
        fail(f"the pad in {shot} is at {pad}, the 'layout' event says {said}")
    stroke = one_stroke(pad, at=0.9)
    pred = draw(w, stroke, f"a 1 drawn at {tag}")
    print(f"{tag}: '1' at x = {stroke[0][0]:.0f} → {pred['digit']} ({pred['confidence']:.2f})",
          flush=True)
    if pred["digit"] != 1 and not os.environ.get("NNVIZ_GUI_UNTRAINED_OK"):
        fail(f"a 1 drawn on the pad at {tag} was read as {pred['digit']}")
    w.park()
    w.still_screenshot(shot)
    expect_failures(check_frame(args.checker, shot, size, pad, stroke, w.rect("tab_weights")),
                    [], f"{shot} (a 1 drawn)")


def screenshot(args):
    """The window with a model (the bundled one, or one of --hidden trained here for an epoch) and
    a 0 drawn on the pad, photographed and checked; and the same checks on broken frames, each of
    which must fail where it is broken: the window before anything is drawn, the window with the
    model's weights all zero, and a blank image."""
    os.makedirs(args.shots, exist_ok=True)
    size = tuple(map(int, args.size.split("x")))
    tmp = tempfile.mkdtemp(prefix="nnviz-gui-shot-")
    try:
        if args.hidden:
            model = train_model(args.nnviz, args.hidden, tmp)
            name = f"784-{args.hidden.replace(',', '-')}-10"
        else:
            model = os.path.join(ASSETS, "models", "sigmoid.nnvz")
            name = "bundled"
        tag = f"{name}-{args.size}"
        zeroed = zeroed_copy(model, os.path.join(tmp, "zero.nnvz"))

        empty, (stroke, pad, shot), tab = photograph(args, model, tag)
        expect_failures(check_frame(args.checker, shot, size, pad, stroke, tab), [],
                        f"{shot} ({name}, a 0 drawn)")
        expect_failures(check_frame(args.checker, empty, size, pad, stroke, tab),
                        ["canvas ink", "answer bar"], f"{empty} (nothing drawn)")
        _, (stroke, pad, shot), tab = photograph(args, zeroed, f"{tag}-zero-weights")
        expect_failures(check_frame(args.checker, shot, size, pad, stroke, tab),
                        ["network view", "weight maps", "answer bar"],
                        f"{shot} (all weights zero)")
        blank = os.path.join(args.shots, f"blank-{args.size}.png")
        subprocess.run(["convert", "-size", args.size, "xc:rgb(19,20,24)", blank], check=True,
                       timeout=30)
        expect_failures(check_frame(args.checker, blank, size, pad, stroke, tab),
                        ["canvas ink", "network view", "weight maps", "answer bar"],
                        f"{blank} (blank)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("PASS", flush=True)


def photograph(args, model, tag):
    """Opens the window on `model`, photographs it once it is still (a stroke begun during a
    long frame loses its beginning), draws a 0 and photographs it once the answer is shown:
    (the first screenshot, (stroke, pad, the second), the "Weight maps" tab)."""
    w = Window(args.nnviz, extra=["--model", model], size=args.size)
    try:
        pad = w.ready["canvas"]
        tab = w.rect("tab_weights")
        w.park()
        empty = os.path.join(args.shots, f"window-{tag}-empty.png")
        w.still_screenshot(empty)
        stroke = zero_stroke(pad)
        pred = draw(w, stroke, f"drawing a 0 ({tag})")
        print(f"{tag}: '0' → {pred['digit']} ({pred['confidence']:.2f})", flush=True)
        w.park()
        shot = os.path.join(args.shots, f"window-{tag}.png")
        w.still_screenshot(shot)  # once the sweep has carried the activations to the answer
        return empty, (stroke, pad, shot), tab
    finally:
        w.close()


def train_model(nnviz, hidden, tmp):
    """A model with hidden layers `hidden` ("64,32,16"), trained here for one epoch."""
    out = os.path.join(tmp, f"hidden-{hidden.replace(',', '-')}.nnvz")
    r = subprocess.run([nnviz, "train", "--hidden", hidden, "--epochs", "1", "--quiet",
                        "--out", out], capture_output=True, text=True, timeout=180)
    if r.returncode != 0 and "set not found" in r.stderr:
        print(f"SKIP: no MNIST to train a {hidden} model: {r.stderr.strip()}")
        sys.exit(SKIP)
    if r.returncode != 0:
        fail(f"nnviz train --hidden {hidden}: exit {r.returncode}: {r.stderr.strip()}")
    print(f"trained --hidden {hidden}: {r.stdout.strip()}", flush=True)
    return out


def zeroed_copy(src, dst):
    """`src` with every weight and bias 0 (the .nnvz format in README.md): the window shows no
    edges and no weights, and every output is the same."""
    data = open(src, "rb").read()
    n = struct.unpack_from("<I", data, 8)[0]
    params = 16 + 4 * n
    body = data[:params] + bytes(len(data) - 4 - params)
    with open(dst, "wb") as f:
        f.write(body + struct.pack("<I", zlib.crc32(body)))
    return dst


def training_events(w, until, timeout):
    """Events up to the first "training" event whose state is in `until`; all of them."""
    def stop(e):
        if e.get("event") != "training":
            return False
        print(f"  training: {e}", flush=True)
        return e["state"] in until
    return w.collect(stop, f"training event with state in {until}", timeout)


def model_file_cases(tmp, assets):
    """(path, word the error message must contain) for files the window must refuse."""
    good = open(os.path.join(assets, "models", "sigmoid.nnvz"), "rb").read()
    cases = []

    def write(name, data):
        path = os.path.join(tmp, name)
        with open(path, "wb") as f:
            f.write(data)
        return path

    cases.append((write("truncated.nnvz", good[:len(good) // 2]), "truncated"))
    cases.append((write("garbage.nnvz", b"this is not a model at all\n" * 40), "magic"))
    cases.append((write("empty.nnvz", b""), "empty"))
    flipped = bytearray(good)
    flipped[5000] ^= 0x40
    cases.append((write("checksum.nnvz", bytes(flipped)), "checksum"))
    # README's 2 → 1 example: a valid model, but not for 28×28 digits.
    tiny = bytes.fromhex("4e4e565a 01000000 02000000 02000000 01000000 01020000"
                         "0000803f 000000c0 0000003f 8f6ea063")
    cases.append((write("two-inputs.nnvz", tiny), "784"))
    os.mkdir(os.path.join(tmp, "folder.nnvz"))
    cases.append((os.path.join(tmp, "folder.nnvz"), "directory"))
    cases.append((os.path.join(tmp, "missing.nnvz"), "no such file"))
    return cases


def train(args):
    """The Train tab and model files, through real clicks and keys."""
    os.makedirs(args.shots, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="nnviz-gui-train-")
    w = Window(args.nnviz, size=args.size, cwd=tmp)
    try:
        have_data = w.test_set()
        print(f"MNIST test set loaded: {have_data}", flush=True)
        w.drain(quiet=0.3)

        c = w.ready["canvas"]
        w.stroke([(c["x"] + c["w"] * 0.5, c["y"] + c["h"] * (0.15 + 0.7 * i / 40))
                  for i in range(41)])
        before = last_prediction(w.drain(), "drawing a 1")
        print(f"'1' → {before['digit']} ({before['activation']})", flush=True)

        w.click("tab_train")
        start = w.rect("train_start")
        print(f"Train tab: start button {start}", flush=True)
        for name in ("train_lr", "train_epochs", "model_path", "model_open", "model_save"):
            r = w.rect(name)
            if r["w"] < 8 or r["h"] < 8 or r["x"] + r["w"] > w.ready["window"]["w"] or \
                    r["y"] + r["h"] > w.ready["window"]["h"]:
                fail(f"widget {name} is not fully inside the window: {r}")

        # A bad learning rate: Start and T are refused, no run begins.
        for bad in ("abc", "0", "-1", "1e9"):
            w.type_into("train_lr", bad)
            w.click("train_start")
            w.key("t")
            got = [e for e in w.drain(quiet=1.0) if e.get("event") == "training"]
            if got:
                fail(f"learning rate '{bad}' should be refused, but training started: {got}")
        print("bad learning rates refused (no training event)", flush=True)
        w.type_into("train_lr", "0.003")
        w.type_into("train_epochs", "1")

        if have_data:
            # Slow motion: a screenshot mid-run, then T cancels it.
            w.click("train_slow")
            w.key("t")
            training_events(w, ("running",), 60)
            time.sleep(6)  # at 20 batches/s: a few points of the loss curve
            shot = os.path.join(args.shots, f"train-{args.size}.png")
            w.screenshot(shot)
            print(f"screenshot mid-training: {shot}", flush=True)
            w.key("t")
            got = training_events(w, ("cancelled", "finished", "failed", "diverged"), 30)
            if got[-1]["state"] != "cancelled":
                fail(f"T during a run should cancel it: {got[-1]}")
            w.drain(quiet=0.5)

            # Full speed, one epoch: running → epoch 1 with test accuracy → finished.
            w.click("train_slow")
            w.click("train_start")
            t0 = time.time()
            got = training_events(w, ("finished", "failed", "diverged", "cancelled"), 180)
            end = got[-1]
            states = [e["state"] for e in got if e.get("event") == "training"]
            if end["state"] != "finished" or "running" not in states:
                fail(f"expected running → finished, got {states}: {end}")
            acc = end.get("test_accuracy")
            if not isinstance(acc, (int, float)) or acc < 0.88:
                fail(f"one epoch should reach 88 % test accuracy: {end}")
            after = last_prediction(w.drain(), "the run finishing (it must follow 'finished')")
            diff = sum(abs(a - b) for a, b in zip(before["outputs"], after["outputs"]))
            print(f"trained 1 epoch in {time.time() - t0:.1f} s: test accuracy {acc:.4f}; "
                  f"'1' now → {after['digit']} (outputs moved by {diff:.3f})", flush=True)
            if diff < 1e-3:
                fail("the prediction did not change after training")
        else:
            print("SKIP training part: no MNIST in the data directory (third_party/fetch-data)")

        # Model files that must be refused, each leaving the model as it was.
        for path, word in model_file_cases(tmp, ASSETS):
            w.type_into("model_path", path)
            w.click("model_open")
            got = w.drain(quiet=0.8)
            errors = [e for e in got if e.get("event") == "error"]
            if not errors or errors[-1].get("what") != "open model":
                fail(f"opening {path} should give an 'open model' error event, got {got}")
            message = errors[-1]["message"]
            if word not in message.lower():
                fail(f"opening {path}: message should mention '{word}': {message}")
            changed = [e for e in got if e.get("event") in ("model", "prediction")]
            if changed:
                fail(f"a refused model file changed the model: {changed}")
            print(f"refused {os.path.basename(path)}: {message}", flush=True)

        # A good one.
        relu = os.path.abspath(os.path.join(ASSETS, "models", "relu.nnvz"))
        w.type_into("model_path", relu)
        w.click("model_open")
        got = w.drain(quiet=0.8)
        models = [e for e in got if e.get("event") == "model"]
        if not models or models[-1] != {"event": "model", "name": "relu.nnvz", "activation": "relu"}:
            fail(f"opening relu.nnvz should give a model event, got {got}")
        if last_prediction(got, "opening relu.nnvz")["activation"] != "relu":
            fail("after opening relu.nnvz the prediction should come from a ReLU network")
        print("opened relu.nnvz", flush=True)

        # Saving: into the temp dir works; into a missing directory fails with a message.
        saved = os.path.join(tmp, "saved.nnvz")
        w.type_into("model_path", saved)
        w.click("model_save")
        got = w.drain(quiet=0.8)
        if not any(e.get("event") == "saved" and e.get("path") == saved for e in got) or \
                not os.path.exists(saved) or os.path.getsize(saved) != 52044:
            fail(f"saving to {saved}: {got}")
        bad = os.path.join(tmp, "no-such-dir", "x.nnvz")
        w.type_into("model_path", bad)
        w.click("model_save")
        errors = [e for e in w.drain(quiet=0.8) if e.get("event") == "error"]
        if not errors or errors[-1].get("what") != "save model":
            fail(f"saving into a missing directory should fail with an error event: {errors}")
        print(f"save: ok to {saved}; refused {bad}: {errors[-1]['message']}", flush=True)

        if have_data:
            # Closing the window in the middle of a run ends it cleanly and promptly.
            w.click("train_slow")
            w.click("train_start")
            training_events(w, ("running",), 60)
            t0 = time.time()
            w.close_window()
            try:
                code = w.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                fail("the window did not close within 10 s of WM_DELETE_WINDOW during training")
            if code != 0:
                fail(f"closing during training: exit code {code}")
            print(f"closed mid-training: exit 0 after {time.time() - t0:.2f} s", flush=True)
    finally:
        w.close()
        shutil.rmtree(tmp, ignore_errors=True)
    print("PASS", flush=True)


def mistakes(args):
    """The Mistakes tab: the "confusion" event scores the bundled model on the 10,000 test images
    (its matrix adds up, its accuracy is its diagonal), the tab shows the matrix, and a click on
    the worst off-diagonal cell opens the Data tab on that cell (its "browse" event lists the
    cell's images; data_browser_test.py puts one on the pad)."""
    os.makedirs(args.shots, exist_ok=True)
    w = Window(args.nnviz, size=args.size)
    try:
        if not w.test_set():
            print("SKIP: no MNIST test set (make setup fetches it)")
            sys.exit(SKIP)
        conf = w.wait_for("confusion", 30)
        m = conf["matrix"]
        n = len(m)
        total = sum(map(sum, m))
        right = sum(m[i][i] for i in range(n))
        print(f"confusion: accuracy {conf['accuracy']:.4f} in {conf['ms']} ms, "
              f"{total} images, row 4 {m[4]}", flush=True)
        if n != 10 or total != 10000 or abs(conf["accuracy"] - right / total) > 1e-9:
            fail(f"the confusion event does not add up: {n} classes, {total} images, "
                 f"accuracy {conf['accuracy']} against {right}/{total}")
        if conf["accuracy"] < 0.95:
            fail(f"the bundled model scored {conf['accuracy']}, expected >= 0.95")
        w.click("tab_mistakes")
        grid = w.rect("mistakes_matrix")
        truth, answer = max(((i, j) for i in range(n) for j in range(n) if i != j),
                            key=lambda c: m[c[0]][c[1]])
        side = grid["h"] / (n + 1)  # a label row above n rows of cells
        x = grid["x"] + side * (answer + 1.5)
        y = grid["y"] + side * (truth + 1.5)
        w.drain(quiet=0.3)
        w.move(x, y)
        w.xdo("click", "1")
        got = w.wait_for("browse", 10)
        print(f"cell true {truth}, answer {answer} ({m[truth][answer]} images) -> {got}",
              flush=True)
        if (got["truth"], got["answer"], got["shown"]) != (truth, answer, m[truth][answer]):
            fail(f"clicking cell ({truth}, {answer}) should open its {m[truth][answer]} images "
                 f"in the Data tab: {got}")
        w.click("tab_mistakes")  # back to the matrix, the cell now framed
        w.park()
        w.still_screenshot(os.path.join(args.shots, "mistakes.png"))
    finally:
        w.close()
    print("PASS", flush=True)


def test_options(checker_required=False):
    """The options every GUI test script takes (--nnviz, --checker, --shots, --size); a script
    adds its own to the parser, then calls start()."""
    p = argparse.ArgumentParser()
    p.add_argument("--nnviz", required=True)
    p.add_argument("--checker", required=checker_required,
                   help="png_check: measures the screenshots")
    p.add_argument("--shots", default="screenshots")
    p.add_argument("--size", default="1600x1000")
    return p


def start(parser):
    """Parses the options, runs the script again inside a fresh virtual X server large enough for
    --size, and makes the screenshot folder; returns the options."""
    args = parser.parse_args()
    width, height = map(int, args.size.split("x"))
    reexec_under_xvfb(f"{max(width, 2560)}x{max(height, 1440)}")
    os.makedirs(args.shots, exist_ok=True)
    return args


def main():
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["interaction", "screenshot", "train", "mistakes"])
    p.add_argument("--nnviz", required=True)
    p.add_argument("--checker")
    p.add_argument("--shots", default="screenshots")
    p.add_argument("--size", default="1600x1000")
    p.add_argument("--hidden", help="screenshot: train a model with these hidden layers")
    args = p.parse_args()
    w, h = map(int, args.size.split("x"))
    reexec_under_xvfb(f"{max(w, 2560)}x{max(h, 1440)}")
    {"interaction": interaction, "screenshot": screenshot, "train": train,
     "mistakes": mistakes}[args.mode](args)


if __name__ == "__main__":
    main()
