#!/usr/bin/python3
"""GUI test of the Compare tab: real window, real X input.

The tab opened with a click must emit a "compare" event with the bundled pair (sigmoid.nnvz shown,
relu.nnvz beside it); a 1 drawn on the pad must be answered by both (the shown network's outputs
those of the "prediction" event), with "differ" true exactly when the answers differ. With MNIST:
both test accuracies must be those `nnviz eval` gives, and the tab's ▶ (the test images the two
answer differently) clicked until the pad holds one they read differently; the banner must be
green ("Both read …") in a screenshot while they agree and red ("They disagree: …") once they
differ. Then the combo, with real clicks: "the shown network as it is now" pinned (its outputs
the shown ones exactly), fashion-relu.nnvz refused (an "error" event; the second network kept),
relu.nnvz from the files list (the same outputs as the bundled partner gave), and Swap (relu.nnvz
shown, sigmoid.nnvz beside it). Screenshots go to --shots. Exit 0 pass, 1 fail, 77 skipped (no
Xvfb/xdotool).

  compare_test.py --nnviz BIN --checker PNG_CHECK --shots DIR [--size WxH]
"""
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gui_test as g  # noqa: E402

MODELS = os.path.join(g.ASSETS, "models")


def last_compare(events, what):
    got = [e for e in events if e.get("event") == "compare"]
    if not got:
        g.fail(f"no 'compare' event after {what}")
    return got[-1]


def check_pair(cmp, pred, what):
    """Both answered; a is the shown network's prediction; differ says whether they differ."""
    if cmp["a"] < 0 or cmp["b"] < 0:
        g.fail(f"both networks should answer {what}: {cmp}")
    if pred is not None and (cmp["a_outputs"] != pred["outputs"] or cmp["a"] != pred["digit"]):
        g.fail(f"the shown side should be the prediction {what}: {cmp['a_outputs']} against "
               f"{pred['outputs']}")
    if cmp["differ"] != (cmp["a"] != cmp["b"]):
        g.fail(f"'differ' should say whether {cmp['a']} and {cmp['b']} differ: {cmp}")


def eval_accuracy(nnviz, model):
    out = subprocess.run([nnviz, "eval", "--model", model, "--json"], capture_output=True,
                         text=True, check=True, timeout=60).stdout
    return json.loads(out)["accuracy"]


def banner(w, args, tag):
    """(red share, green share) of the verdict banner in a still screenshot."""
    w.park()
    shot = os.path.join(args.shots, f"compare_{args.size}_{tag}.png")
    w.still_screenshot(shot)
    r = w.rect("compare_verdict")
    _, (m,) = g.measure(args.checker, shot, g.region((r["x"], r["y"], r["w"], r["h"])))
    red, green = m["red"] / m["pixels"], m["green"] / m["pixels"]
    print(f"banner ({tag}): {red:.0%} red, {green:.0%} green; {shot}", flush=True)
    return red, green


def find_disagreement(w):
    """Clicks ▶ until the pad holds a test image the two networks read differently."""
    for _ in range(20):
        w.drain(quiet=0.2)
        w.click("compare_next")
        cmp = last_compare(w.drain(quiet=0.4), "clicking ▶")
        if cmp["differ"]:
            return cmp
    g.fail("20 of the test images the two networks answer differently (scored) were all read "
           "alike on the pad")


def choose(w, item, what):
    """Opens the combo and clicks its item `item` (0 the partner, 1 pinned, 2.. the files)."""
    w.drain(quiet=0.2)
    w.click("compare_with")
    name = f"compare_item_{item}"
    w.rect(name)
    w.click(name)
    got = w.drain(quiet=0.5)
    print(f"chose {what}: {[e.get('event') for e in got]}", flush=True)
    return got


def combo_choices(w, pred):
    """Pinned, a misfit refused, a file, then Swap: each from real clicks."""
    got = choose(w, 1, "the shown network, pinned")
    cmp = last_compare(got, "pinning")
    if cmp["source"] != "pinned" or cmp["b_outputs"] != cmp["a_outputs"]:
        g.fail(f"the pinned network should read exactly as the shown one: {cmp}")
    files = sorted(f for f in os.listdir(MODELS) if f.endswith(".nnvz"))
    got = choose(w, 2 + files.index("fashion-relu.nnvz"), "fashion-relu.nnvz")
    errors = [e for e in got if e.get("event") == "error" and e.get("what") == "compare model"]
    if not errors or "same input and classes" not in errors[-1]["message"]:
        g.fail(f"a Fashion-MNIST model beside an MNIST one should be refused: {got}")
    print(f"refused: {errors[-1]['message']}", flush=True)
    got = choose(w, 2 + files.index("relu.nnvz"), "relu.nnvz")
    cmp = last_compare(got, "choosing relu.nnvz")
    if cmp["source"] != "file" or cmp["b_name"] != "relu.nnvz" or cmp["b_outputs"] != pred:
        g.fail(f"relu.nnvz from the file should read as the bundled partner did ({pred}): {cmp}")
    w.drain(quiet=0.2)
    w.click("compare_swap")
    got = w.drain(quiet=0.5)
    cmp, shown = last_compare(got, "Swap"), g.last_prediction(got, "Swap")
    if shown["activation"] != "relu" or cmp["a_name"] != "relu.nnvz" or \
            cmp["b_name"] != "sigmoid.nnvz" or cmp["a_outputs"] != pred:
        g.fail(f"Swap should show relu.nnvz with sigmoid.nnvz beside it: {cmp}")
    print(f"swapped: {cmp['a_name']} shown, {cmp['b_name']} beside it", flush=True)


def run(args):
    w = g.Window(args.nnviz, size=args.size)
    started = time.time()
    try:
        w.click("tab_compare")
        cmp = w.wait_for("compare")
        print(f"tab opened: a {cmp['a_name']}, b {cmp['b_name']} ({cmp['source']})", flush=True)
        if (cmp["a_name"], cmp["b_name"], cmp["source"]) != \
                ("sigmoid.nnvz", "relu.nnvz", "partner"):
            g.fail(f"the tab should put relu.nnvz beside sigmoid.nnvz: {cmp}")
        got = w.drain(quiet=0.2)
        w.stroke(g.one_stroke(w.ready["canvas"]))
        got = w.drain()
        cmp, pred = last_compare(got, "a 1"), g.last_prediction(got, "a 1")
        check_pair(cmp, pred, "a 1")
        print(f"a 1: sigmoid reads {cmp['a']}, relu {cmp['b']}", flush=True)
        if not w.test_set():
            print("no MNIST test set: the rest needs it; PASS so far", flush=True)
            return
        done = lambda e: e.get("event") == "compare" and e["a_accuracy"] is not None and \
            e["b_accuracy"] is not None and e["disagreements"] is not None
        seen = [e for e in w.seen if done(e)]  # the scores may have come with the stroke
        scored = seen[-1] if seen else w.collect(done, "both scored", 20)[-1]
        for side, model in (("a", "sigmoid.nnvz"), ("b", "relu.nnvz")):
            want = eval_accuracy(args.nnviz, os.path.join(MODELS, model))
            if abs(scored[f"{side}_accuracy"] - want) > 1e-9:
                g.fail(f"{model}'s accuracy should be eval's {want}: {scored}")
        print(f"scored: {scored['a_accuracy']:.4f} / {scored['b_accuracy']:.4f}, they differ on "
              f"{scored['disagreements']} test images; dead {scored['b_dead']}", flush=True)
        if cmp["differ"]:
            g.fail("the bundled pair should both read the drawn 1 as 1 (else draw another)")
        red, green = banner(w, args, "agree")
        if red > 0.05 or green < 0.5:
            g.fail(f"the banner should be green while they agree: {red:.0%} red, {green:.0%} green")
        cmp = find_disagreement(w)
        print(f"a test image they read differently: {cmp['a']} vs {cmp['b']}", flush=True)
        check_pair(cmp, None, "a test image")
        red, green = banner(w, args, "disagree")
        if red < 0.5 or green > 0.05:
            g.fail(f"the banner should be red when they differ: {red:.0%} red, {green:.0%} green")
        combo_choices(w, cmp["b_outputs"])
        w.park()
        w.still_screenshot(os.path.join(args.shots, f"compare_{args.size}_swapped.png"))
    finally:
        w.close()
    print(f"PASS in {time.time() - started:.1f} s", flush=True)


def main():
    p = g.test_options(checker_required=True)
    args = g.start(p)
    run(args)


if __name__ == "__main__":
    main()
