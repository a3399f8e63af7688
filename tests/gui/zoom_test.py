#!/usr/bin/python3
"""GUI test of the interface's zoom (issue #13): real window, real X key events.

At 1600x1000 with a fresh XDG_CONFIG_HOME: Ctrl+plus twice makes the type grow (the "zoom"
events' font size, the tabs' rectangles in the "layout" events taller) and writes zoom = 1.25 to
$XDG_CONFIG_HOME/nnviz/settings; once more to 150 % for a screenshot (its status bar must show text: the rebuilt
atlas reached the GL texture); Ctrl+minus back a step;
with the Backprop tab showing, Ctrl+0 back to 100 % without also choosing the target 0 (the
plain 0 key then does, so the check can fail); Ctrl+keypad-plus to 110 %; the window closed.
Started again: 110 % from the file, the tabs as tall as they were at 110 %. --scale 2 wins for a
run and is not saved; --scale 5 is refused with a message. Exit 0 pass, 1 fail, 77 skipped.

  zoom_test.py --nnviz BIN --checker PNG_CHECK --shots DIR [--size WxH]
"""
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gui_test as g  # noqa: E402


def first_zoom(w):
    """The "zoom" event of the first frame."""
    for e in w.seen:
        if e.get("event") == "zoom":
            return e
    g.fail(f"no 'zoom' event before 'ready': {w.seen[:5]}")


def press(w, keys, zoom, font_px):
    """Presses keys (xdotool names), waits for the "zoom" event saying zoom and font_px and for
    the layout laid out at that size; returns the tabs' height then."""
    before = w.widgets.get("tab_weights", {}).get("h")
    w.drain(quiet=0.2)
    w.key(keys)
    got = w.wait_for("zoom")
    print(f"{keys}: {got}", flush=True)
    if abs(got["zoom"] - zoom) > 1e-6 or got["font_px"] != font_px:
        g.fail(f"{keys} should give zoom {zoom} with {font_px} px type: {got}")
    # The first frame at the new size moves the tabs (the font changed size before it).
    w.collect(lambda e: e.get("event") == "layout" and e["widgets"].get("tab_weights", {})
              .get("h") != before, f"the tabs laid out again after {keys}")
    return w.rect("tab_weights")["h"]


def text_on_screen(args, png, size, tab_h):
    """The type drawn from the rebuilt atlas: the status bar's line shows bright text (a stale
    texture draws every glyph and frame as a dark block)."""
    W, H = size
    _, (bar,) = g.measure(args.checker, png, g.region((0, H - 1.5 * tab_h, W, 1.5 * tab_h)))
    share = bar["bright"] / bar["pixels"]
    print(f"status bar at 150 %: {share:.1%} bright pixels (>= 1%)", flush=True)
    if share < 0.01:
        g.fail(f"after zooming the status bar shows no text: {bar} ({png})")


def settings(config):
    with open(os.path.join(config, "nnviz", "settings")) as f:
        return f.read()


def expect_zoom_in_file(config, zoom):
    text = settings(config)
    if f"zoom = {zoom}\n" not in text:
        g.fail(f"the settings file should say zoom = {zoom}:\n{text}")


def first_session(args, config):
    w = g.Window(args.nnviz, size=args.size, config_home=config)
    try:
        start = first_zoom(w)
        tab = w.rect("tab_weights")["h"]
        print(f"start: {start}, tabs {tab} px high", flush=True)
        if start["zoom"] != 1.0 or start["font_px"] != 16:
            g.fail(f"a first run at {args.size} should start at zoom 1 with 16 px type: {start}")
        if os.path.exists(os.path.join(config, "nnviz", "settings")):
            g.fail("a run that did not zoom should not write the settings file")

        press(w, "ctrl+plus", 1.1, 18)
        tab125 = press(w, "ctrl+plus", 1.25, 20)
        if tab125 <= tab:
            g.fail(f"at 125 % the tabs should be taller than at 100 % ({tab} px): {tab125} px")
        expect_zoom_in_file(config, 1.25)

        tab150 = press(w, "ctrl+plus", 1.5, 24)
        w.park()
        shot = os.path.join(args.shots, f"zoom150_{args.size}.png")
        w.still_screenshot(shot)
        text_on_screen(args, shot, w.size, tab150)
        press(w, "ctrl+minus", 1.25, 20)

        # Ctrl+0 is the zoom's, not the Backprop tab's digit key 0.
        w.click("tab_backprop")
        shown = w.wait_for("backprop")
        if shown["target"] == 0:
            g.fail(f"the blank pad's answer should not be 0 for this check: {shown}")
        if press(w, "ctrl+0", 1.0, 16) != tab:
            g.fail(f"back at 100 % the tabs should be {tab} px high again: {w.widgets}")
        chose = [e for e in w.drain(quiet=0.5) + w.seen[-20:]
                 if e.get("event") == "backprop" and e.get("target") == 0]
        if chose:
            g.fail(f"Ctrl+0 also chose the target 0: {chose}")
        w.key("0")  # the plain key does (so the check above can fail)
        plain = w.wait_for("backprop")
        if plain["target"] != 0 or not plain["chosen"]:
            g.fail(f"the 0 key should choose the target 0: {plain}")
        expect_zoom_in_file(config, 1)

        tab110 = press(w, "ctrl+KP_Add", 1.1, 18)
        expect_zoom_in_file(config, 1.1)
        w.close_window()
        if w.proc.wait(timeout=15) != 0:
            g.fail(f"closing the window: exit code {w.proc.returncode}")
    finally:
        w.close()
    return tab110


def remembered_session(args, config, tab110):
    w = g.Window(args.nnviz, size=args.size, config_home=config)
    try:
        start = first_zoom(w)
        tab = w.rect("tab_weights")["h"]
        print(f"started again: {start}, tabs {tab} px high", flush=True)
        if start["zoom"] != 1.1 or start["font_px"] != 18 or tab != tab110:
            g.fail(f"the second run should start at the remembered 110 % (18 px type, tabs "
                   f"{tab110} px high): {start}, tabs {tab} px")
    finally:
        w.close()


def scale_option(args, config):
    w = g.Window(args.nnviz, ["--scale", "2"], size=args.size, config_home=config)
    try:
        start = first_zoom(w)
        print(f"--scale 2: {start}", flush=True)
        if start["zoom"] != 2.0 or start["font_px"] != 32:
            g.fail(f"--scale 2 should start at zoom 2 with 32 px type: {start}")
        w.park()
        w.still_screenshot(os.path.join(args.shots, f"zoom200_{args.size}.png"))
    finally:
        w.close()
    expect_zoom_in_file(config, 1.1)  # --scale is for one run

    r = subprocess.run([args.nnviz, "--scale", "5"], capture_output=True, text=True, timeout=30,
                       env=dict(os.environ, XDG_CONFIG_HOME=config))
    print(f"--scale 5: exit {r.returncode}: {r.stderr.splitlines()[:1]}", flush=True)
    if r.returncode != 2 or "--scale" not in r.stderr or "0.75" not in r.stderr:
        g.fail(f"--scale 5 should be refused (exit 2) naming --scale and its range: "
               f"{r.returncode} {r.stderr[:300]}")


def main():
    args = g.start(g.test_options(checker_required=True))
    config = tempfile.mkdtemp(prefix="nnviz-zoom-config-")
    try:
        tab110 = first_session(args, config)
        remembered_session(args, config, tab110)
        scale_option(args, config)
    finally:
        shutil.rmtree(config, ignore_errors=True)
    print("PASS", flush=True)


if __name__ == "__main__":
    main()
