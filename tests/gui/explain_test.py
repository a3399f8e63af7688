#!/usr/bin/python3
"""GUI test of the Explain tab (issue #12): real window, real X input under Xvfb.

The tab opened with a click must show the first hidden layer's dreams (a "dreams" event with one
activation per neuron, computed in the background) and survey 1,000 noise images
("noise_survey"); a click on a gallery picture must select that neuron ("select"); a click on the
outputs' layer must dream "the digit the network imagines" for every class, each read as its own
class (its output above 0.5, so the answer); Noise must put random pixels on the pad, which the
network answers ("noise", then a "prediction" with ink); a 0 drawn with the mouse, then the
overlay switched on ("saliency" with overlay true), must cover the pad with the saliency's green
and red in a screenshot, which the same check must not find on the screenshot taken just before
(the overlay off); occlusion chosen must explain the same output ("saliency", mode occlusion).
Exit 0 pass, 1 fail, 77 skipped (no Xvfb/xdotool; with --hidden, no MNIST to train on).

  explain_test.py --nnviz BIN --checker PNG_CHECK --shots DIR [--size WxH] [--hidden N,N,...]
"""
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gui_test as g  # noqa: E402

BUNDLED_HIDDEN = [16, 16]  # sigmoid.nnvz, the model the window opens by default
CLASSES = 10


def event(w, kind, what, timeout=15.0):
    return w.collect(lambda e: e.get("event") == kind, what, timeout)[-1]


def pad_colours(checker, png, pad):
    """(green share, red share) of the pad in a screenshot (a pixel inside its frame)."""
    _, (m,) = g.measure(checker, png, g.region((pad["x"] + 2, pad["y"] + 2, pad["w"] - 4,
                                                  pad["h"] - 4)))
    return m["green"] / m["pixels"], m["red"] / m["pixels"]


def overlay_shows(colours):
    green, red = colours
    return green >= 0.05 and red >= 0.01, f"{green:.1%} green (>= 5%), {red:.1%} red (>= 1%)"


def gallery(w, hidden):
    """The tab opened by a click: the first hidden layer's dreams and the noise survey."""
    w.click("tab_explain")
    got = w.collect(lambda e: e.get("event") == "dreams", "a 'dreams' event after opening the "
                    "Explain tab", 15)
    dreams = got[-1]
    print(f"layer 1: {dreams['count']} dreams in {dreams['ms']} ms", flush=True)
    if dreams["layer"] != 1 or dreams["count"] != hidden[0] or len(dreams["activations"]) != \
            hidden[0] or dreams["cached"] or dreams["ms"] <= 0:
        g.fail(f"the tab should open on the {hidden[0]} dreams of hidden layer 1: {dreams}")
    survey = next((e for e in w.seen if e.get("event") == "noise_survey"), None) or \
        event(w, "noise_survey", "a 'noise_survey' event")
    print(f"noise survey: {survey['confident']} of {survey['count']} sure, in {survey['ms']} ms",
          flush=True)
    if survey["count"] != 1000 or not 0 <= survey["confident"] <= 1000 or \
            sum(survey["answers"]) != 1000 or abs(survey["threshold"] - 0.9) > 1e-6:
        g.fail(f"the survey should answer 1,000 noise images: {survey}")


def select_and_imagine(w, hidden):
    """A click on a picture selects its neuron; the outputs' layer dreams every class."""
    w.drain(quiet=0.3)
    w.click("explain_tile_3")
    sel = event(w, "select", "a 'select' event after clicking the fourth dream")
    if (sel["layer"], sel["neuron"]) != (1, 3):
        g.fail(f"clicking the fourth picture should select neuron 1:3: {sel}")
    outputs = len(hidden) + 1
    w.click(f"explain_layer_{outputs}")
    dreams = event(w, "dreams", "the outputs' dreams")
    print(f"outputs: each class's dream read as it with {min(dreams['activations']):.3f} or more",
          flush=True)
    if dreams["layer"] != outputs or dreams["count"] != CLASSES or \
            min(dreams["activations"]) <= 0.5:
        g.fail(f"every class's dream should be read as that class (its softmax output above "
               f"0.5, so the answer): {dreams}")


def noise(w):
    """Noise on the pad: answered, with the confidence the outputs say."""
    w.drain(quiet=0.3)
    w.click("explain_noise")
    got = w.collect(lambda e: e.get("event") == "prediction", "a prediction after Noise", 10)
    if not any(e.get("event") == "noise" for e in got):
        g.fail(f"no 'noise' event before the prediction: {got}")
    pred = got[-1]
    print(f"noise read as {pred['digit']} ({pred['confidence']:.2f})", flush=True)
    if not pred["ink"] or pred["confidence"] != max(pred["outputs"]):
        g.fail(f"the noise should be answered: {pred}")


def overlay(w, args, tag):
    """A 0 drawn, then the saliency laid over the pad: green and red on it, not before."""
    pad = w.ready["canvas"]
    w.key("c")
    w.drain(quiet=0.3)
    g.draw(w, g.zero_stroke(pad), "a 0")
    w.park()
    off = os.path.join(args.shots, f"explain_{tag}_no_overlay.png")
    w.still_screenshot(off)
    w.click("explain_overlay")
    sal = event(w, "saliency", "a 'saliency' event after the overlay switch")
    if not sal["overlay"] or sal["scale"] <= 0:
        g.fail(f"the overlay should be on, with a saliency to show: {sal}")
    w.park()
    on = os.path.join(args.shots, f"explain_{tag}.png")
    w.still_screenshot(on)
    shows_off, figures_off = overlay_shows(pad_colours(args.checker, off, pad))
    shows_on, figures_on = overlay_shows(pad_colours(args.checker, on, pad))
    print(f"pad with the overlay: {figures_on}; without: {figures_off}", flush=True)
    if not shows_on:
        g.fail(f"the saliency should cover the pad in {on}: {figures_on}")
    if shows_off:
        g.fail(f"the pad check should fail without the overlay ({off}): {figures_off}")
    w.drain(quiet=0.3)
    w.click("explain_occlusion")
    occ = event(w, "saliency", "a 'saliency' event after choosing occlusion")
    print(f"occlusion: the answer drops by up to {occ['scale']:.3f} with a patch blanked",
          flush=True)
    if occ["mode"] != "occlusion" or occ["output"] != sal["output"] or occ["scale"] <= 0:
        g.fail(f"occlusion should explain the same output, some patch mattering: {occ}")


def run(args):
    hidden = BUNDLED_HIDDEN
    with tempfile.TemporaryDirectory() as tmp:
        extra = []
        if args.hidden:
            hidden = [int(n) for n in args.hidden.split(",")]
            extra = ["--model", g.train_model(args.nnviz, args.hidden, tmp)]
        tag = args.size + (f"-{args.hidden.replace(',', '-')}" if args.hidden else "")
        start = time.time()
        w = g.Window(args.nnviz, extra=extra, size=args.size)
        try:
            w.test_set()  # clicks are reliable once the start-up work is done
            w.drain(quiet=0.3)
            gallery(w, hidden)
            select_and_imagine(w, hidden)
            noise(w)
            overlay(w, args, tag)
        finally:
            w.close()
        print(f"PASS in {time.time() - start:.1f} s", flush=True)


def main():
    p = g.test_options(checker_required=True)
    p.add_argument("--hidden", help="hidden layers of a model trained here, e.g. 64,32,16")
    args = g.start(p)
    run(args)


if __name__ == "__main__":
    main()
