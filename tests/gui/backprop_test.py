#!/usr/bin/python3
"""GUI test of the Backprop tab: real window, real X input.

A 1 is drawn on the pad, the Backprop tab opened (its "backprop" event says the target is the
answer), another target chosen with its digit key, Step clicked: the "step" event's cost must
fall and the prediction that comes with it must raise the target's output; Undo clicked: the
prediction must be back exactly (every output equal). Screenshots with the gradient in the
network view after the step go to --shots; with --checker, the network view and the tab must
show it in green and red, and the view must have changed from the weights it showed before. Exit 0 pass, 1 fail, 77 skipped (no Xvfb/xdotool).

  backprop_test.py --nnviz BIN --shots DIR [--checker PNG_CHECK] [--size WxH] [--model FILE]
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gui_test as g  # noqa: E402


def events_until(w, kind, what, timeout=10.0):
    return w.collect(lambda e: e.get("event") == kind, what, timeout)


def colours(checker, png, size, tab):
    """{panel: (green share, red share)} of the network view and the bottom panel (below the
    tabs' row) in a screenshot."""
    W, H = size
    top = tab["y"] + 2.5 * tab["h"]
    bottom = (tab["x"], top, 0.8 * W - tab["x"], H - 2 * tab["h"] - top)
    _, (net, panel) = g.measure(checker, png, g.region(g.panel_regions(size, tab)["network"]),
                                g.region(bottom))
    return {name: (m["green"] / m["pixels"], m["red"] / m["pixels"])
            for name, m in (("network view", net), ("bottom panel", panel))}


def check_screenshot(before, after):
    """The gradient on screen: green and red in the network view and the Backprop tab (the
    output nudges, the strips, the −∂C/∂w maps), and the view no longer the weights it showed
    before the tab opened (most input edges drop out: only inked pixels' weights change)."""
    for name, (green, red) in after.items():
        print(f"{name}: {green:.2%} green, {red:.2%} red (each >= 0.3%); with the weights "
              f"shown: {before[name][0]:.2%} green, {before[name][1]:.2%} red", flush=True)
        if green < 0.003 or red < 0.003:
            g.fail(f"{name} should show the gradient in green and red: {green:.2%} green, "
                   f"{red:.2%} red")
    (g0, r0), (g1, r1) = before["network view"], after["network view"]
    if abs(g1 - g0) + abs(r1 - r0) < 0.01:
        g.fail("the network view should change from the weights to the gradient when the "
               "Backprop tab opens")


def run(args):
    extra = ["--model", args.model] if args.model else []
    w = g.Window(args.nnviz, extra=extra, size=args.size)
    tag = args.size + ("_" + os.path.splitext(os.path.basename(args.model))[0] if args.model else "")
    try:
        pad = w.ready["canvas"]
        before = g.draw(w, g.one_stroke(pad), "a 1")
        answer = before["digit"]
        if args.checker:  # the weights as the network view shows them without the tab
            w.park()
            plain = os.path.join(args.shots, f"backprop_{tag}_weights.png")
            w.still_screenshot(plain)
            weights_shown = colours(args.checker, plain, w.size, w.rect("tab_weights"))
        w.click("tab_backprop")
        shown = w.wait_for("backprop")
        print(f"tab shown: {shown}", flush=True)
        if shown["target"] != answer or shown["chosen"]:
            g.fail(f"the target should start as the answer {answer}, not chosen: {shown}")
        target = (answer + 3) % len(before["outputs"])
        w.drain(quiet=0.3)
        w.key(str(target))
        chosen = w.wait_for("backprop")
        if chosen["target"] != target or not chosen["chosen"]:
            g.fail(f"key {target} should choose target {target}: {chosen}")

        w.drain(quiet=0.3)
        w.click("backprop_step")
        got = events_until(w, "step", "a 'step' event after clicking Step")
        step = got[-1]
        after = g.last_prediction(got, "Step")
        print(f"step: {step}; output {target}: {before['outputs'][target]:.5f} -> "
              f"{after['outputs'][target]:.5f}", flush=True)
        if not step["cost_after"] < step["cost_before"]:
            g.fail(f"a step should lower the cost: {step}")
        if not after["outputs"][target] > before["outputs"][target]:
            g.fail(f"a step should raise output {target}: {before['outputs']} -> "
                   f"{after['outputs']}")
        w.park()
        time.sleep(1.0)  # the backward sweep after the step
        shot = os.path.join(args.shots, f"backprop_{tag}.png")
        w.still_screenshot(shot)
        if args.checker:
            check_screenshot(weights_shown, colours(args.checker, shot, w.size,
                                                    w.rect("tab_weights")))

        w.drain(quiet=0.3)
        w.click("backprop_undo")
        got = events_until(w, "undo", "an 'undo' event after clicking Undo")
        undone = g.last_prediction(got, "Undo")
        if undone["outputs"] != before["outputs"] or undone["digit"] != answer:
            g.fail(f"Undo should bring back the outputs exactly: {before['outputs']} -> "
                   f"{undone['outputs']}")
        if got[-1]["depth"] != 0:
            g.fail(f"nothing should be left to undo: {got[-1]}")
        print(f"undo: outputs back exactly, answer {undone['digit']}", flush=True)
    finally:
        w.close()
    print("PASS", flush=True)


def main():
    p = g.test_options()
    p.add_argument("--model", help="open this model file instead of the bundled one")
    args = g.start(p)
    run(args)


if __name__ == "__main__":
    main()
