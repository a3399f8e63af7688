#!/usr/bin/python3
"""GUI test of presentation mode: the real window under Xvfb, real keys and a real stroke (xdotool).

A window of --size on a larger screen (--screen): F11 must make it full screen (the "present"
event and the framebuffer say the screen's size), with the pad, the network view and the answer
large; a 1 drawn there must be read as 1, and the screenshot must show the stroke on the pad, the
network's green and red edges and the answer's green bar where the "layout" event says they are.
PageDown and → must move the Learn caption on (the "learn" event), ← back, a click on its Next
on again; Esc must leave, back
to the windowed size and the normal layout. A second window started with --present must open
full screen, and F11 must leave. Exit 0 = pass, 1 = fail, 77 = skipped (no xvfb-run/xdotool).

  present_test.py --nnviz BIN --checker PNG_CHECK --shots DIR [--size WxH] [--screen WxH]
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gui_test as g  # noqa: E402


def screen_size(text):
    return tuple(map(int, text.split("x")))


def wait_present(w, on, screen, windowed):
    """The "present" event for entering (on) or leaving, with the framebuffer's size then."""
    e = w.collect(lambda e: e.get("event") == "present" and e["on"] == on,
                  f"a 'present' event with on={on}", 10)[-1]
    size = (e["window"]["w"], e["window"]["h"])
    want = screen if on else windowed
    print(f"present on={on}: framebuffer {size[0]}x{size[1]}", flush=True)
    if size != want:
        g.fail(f"{'entering' if on else 'leaving'} presentation mode should give a "
               f"{want[0]}x{want[1]} framebuffer, not {size[0]}x{size[1]}")
    w.size = size
    return e


def settled_layout(w, name):
    """The widgets once the window has stopped drawing (the presentation's caption band takes its
    height a frame after the first), which must include `name`."""
    w.drain(quiet=0.4)
    if not w.widgets.get(name, {}).get("w"):
        g.fail(f"no '{name}' in the last 'layout' event: {sorted(w.widgets)}")
    return w.widgets


def step_key(w, key, expected):
    """Presses a key and expects the "learn" event for step `expected` (1-based)."""
    w.key(key)
    e = w.wait_for("learn", 5)
    print(f"{key}: learn step {e['step']} ({e['title']})", flush=True)
    if e["step"] != expected:
        g.fail(f"{key} should show step {expected}, not {e}")


def check_large(widgets, screen):
    """The pad, the network view and the answer take most of the screen."""
    W, H = screen
    pad, net, ans = widgets["canvas"], widgets["present_network"], widgets["present_answer"]
    print(f"pad {pad}, network {net}, answer {ans}", flush=True)
    if min(pad["w"], pad["h"]) < 0.45 * H:
        g.fail(f"the pad should be at least 45 % of the screen's height: {pad}")
    if net["w"] < 0.35 * W or net["h"] < 0.6 * H:
        g.fail(f"the network view should be >= 35 % wide and >= 60 % high: {net}")
    if ans["w"] < 0.15 * W or ans["h"] < 0.6 * H:
        g.fail(f"the answer should be >= 15 % wide and >= 60 % high: {ans}")


def check_screenshot(args, png, widgets, stroke):
    """The stroke on the pad, the network's edges and the answer's bar on screen."""
    pad, net, ans = widgets["canvas"], widgets["present_network"], widgets["present_answer"]
    side = pad["w"]
    ink_spec = "ink:" + ",".join(f"{v:.1f}" for v in (
        pad["x"] + 3, pad["y"] + 3, side - 6, pad["h"] - 6, 0.012 * side, 0.10 * side,
        *[c for p in stroke for c in p]))
    region = lambda r: g.region((r["x"], r["y"], r["w"], r["h"]))  # noqa: E731
    dims, (ink, edges, answer) = g.measure(args.checker, png, ink_spec, region(net), region(ans))
    on = ink["near_bright"] / max(1, ink["near"])
    off = ink["far_bright"] / max(1, ink["far"])
    green, red = edges["green"] / edges["pixels"], edges["red"] / edges["pixels"]
    bar = answer["green_run"] / ans["w"]
    g.expect_failures([
        ("size", (dims["w"], dims["h"]) == screen_size(args.screen), f"{dims['w']}x{dims['h']}"),
        ("pad ink", on >= 0.80 and off <= 0.002,
         f"{on:.1%} of the stroke bright (>= 80%), {off:.2%} of the pad away from it (<= 0.2%)"),
        ("network view", green >= 0.02 and red >= 0.01 and edges["distinct"] >= 200,
         f"{green:.2%} green (>= 2%), {red:.2%} red (>= 1%), {edges['distinct']} colours"),
        ("answer bar", bar >= 0.30,
         f"longest green run {answer['green_run']} px = {bar:.0%} of the panel (>= 30%)"),
    ], [], png)


def toggled_by_keys(args, screen, windowed):
    w = g.Window(args.nnviz, size=args.size)
    try:
        if (w.ready["window"]["w"], w.ready["window"]["h"]) != windowed:
            g.fail(f"the window should open at {args.size}: {w.ready}")
        w.drain(quiet=0.3)
        w.key("F11")
        wait_present(w, True, screen, windowed)
        widgets = settled_layout(w, "present_network")
        check_large(widgets, screen)
        # The type rasterised for the projector: about 1/30 of the screen's height.
        zooms = [e for e in w.seen if e.get("event") == "zoom"]
        print(f"type: {zooms[-1]['font_px'] if zooms else None} px", flush=True)
        if not zooms or zooms[-1]["font_px"] < round(screen[1] / 30):
            g.fail(f"the type should be >= {round(screen[1] / 30)} px while presenting: {zooms[-1:]}")

        stroke = g.one_stroke(widgets["canvas"])
        one = g.draw(w, stroke, "drawing a 1 in presentation mode")
        print(f"'1' → {one['class']} ({one['confidence']:.2f})", flush=True)
        if not os.environ.get("NNVIZ_GUI_UNTRAINED_OK") and one["digit"] != 1:
            g.fail(f"the bundled model should read the 1 as 1: {one}")
        w.park()
        shot = os.path.join(args.shots, f"present-{args.screen}.png")
        w.still_screenshot(shot)
        check_screenshot(args, shot, w.widgets, stroke)

        step_key(w, "Next", 2)   # PageDown, a clicker's "next"
        step_key(w, "Right", 3)
        step_key(w, "Left", 2)
        w.drain(quiet=0.3)  # the caption's height follows the step's text: its layout event
        w.click("learn_next")  # the caption's own button
        e = w.wait_for("learn", 5)
        if e["step"] != 3:
            g.fail(f"a click on the caption's Next should show step 3, not {e}")
        print(f"Next clicked: learn step {e['step']}", flush=True)
        w.park()
        w.still_screenshot(os.path.join(args.shots, f"present-step3-{args.screen}.png"))

        w.drain(quiet=0.3)
        mark = len(w.seen)
        w.key("Escape")
        wait_present(w, False, screen, windowed)
        widgets = settled_layout(w, "tab_weights")  # the normal layout's tabs are back
        if "present_network" in widgets:
            g.fail(f"the presentation's panels should be gone after Esc: {sorted(widgets)}")
        geometry = subprocess.run(["xdotool", "getwindowgeometry", w.wid], capture_output=True,
                                  text=True, timeout=10).stdout
        print(f"after Esc: {' '.join(geometry.split())}", flush=True)
        if f"{windowed[0]}x{windowed[1]}" not in geometry:
            g.fail(f"the window should be {args.size} again: {geometry}")
        # Esc did only that: one "present", and no other request (no clearing, no other step;
        # the type goes back to its size, a "zoom" event).
        w.drain(quiet=0.5)
        since = [e.get("event") for e in w.seen[mark:]]
        if since.count("present") != 1 or set(since) - {"present", "layout", "frames", "zoom"}:
            g.fail(f"Esc should only leave presentation mode; events since: {since}")
    finally:
        w.close()


def started_presenting(args, screen, windowed):
    w = g.Window(args.nnviz, extra=["--present"], size=args.size)
    try:
        if (w.ready["window"]["w"], w.ready["window"]["h"]) != screen:
            g.fail(f"--present should open full screen ({args.screen}): {w.ready}")
        if not any(e.get("event") == "present" and e["on"] for e in w.seen):
            g.fail("--present should say so with a 'present' event")
        print(f"--present: ready at {w.ready['window']}", flush=True)
        w.key("F11")
        wait_present(w, False, screen, windowed)
    finally:
        w.close()


def main():
    p = g.test_options(checker_required=True)
    p.add_argument("--screen", default="1920x1080", help="the Xvfb screen, larger than --size")
    args = p.parse_args()
    g.reexec_under_xvfb(args.screen)
    os.makedirs(args.shots, exist_ok=True)
    screen, windowed = screen_size(args.screen), screen_size(args.size)
    toggled_by_keys(args, screen, windowed)
    started_presenting(args, screen, windowed)
    print("PASS", flush=True)


if __name__ == "__main__":
    main()
