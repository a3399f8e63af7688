#!/usr/bin/python3
"""GUI test of the Data tab, through the Mistakes tab, with real clicks under Xvfb.

A click on the confusion matrix's worst cell must open the Data tab on that cell (a "browse"
event: the MNIST test set, that true class and answer, most confident first, as many images as
the cell counts; the thumbnails drawn); a click on the first thumbnail must put a test image of
that true class on the pad ("set_image") which the network reads as the cell's wrong answer
("prediction"); a brush stroke across its top must change the prediction; the ▶ button must put the
cell's next image on the pad. Screenshots of the Data tab
before and after the stroke are kept for a person to look at.
Exit 0 = pass, 1 = fail, 77 = skipped (no xvfb-run or xdotool, or no MNIST test set).

  data_browser_test.py --nnviz BIN --shots DIR --size WxH
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gui_test as g  # noqa: E402


def worst_cell(matrix):
    n = len(matrix)
    return max(((i, j) for i in range(n) for j in range(n) if i != j),
               key=lambda c: matrix[c[0]][c[1]])


def click_cell(w, grid, n, truth, answer):
    """Clicks cell (truth, answer) of the matrix drawn in `grid` (a label row and column first)."""
    side = grid["h"] / (n + 1)
    w.move(grid["x"] + side * (answer + 1.5), grid["y"] + side * (truth + 1.5))
    time.sleep(0.1)
    w.xdo("click", "1")


def open_cell(w, matrix, truth, answer):
    """The Data tab opened on the cell: its "browse" event, and its first thumbnail's rectangle."""
    w.click("tab_mistakes")
    grid = w.rect("mistakes_matrix")
    w.drain(quiet=0.3)
    click_cell(w, grid, len(matrix), truth, answer)
    browse = w.collect(lambda e: e.get("event") == "browse" and e.get("truth") == truth and
                       e.get("answer") == answer, f"a 'browse' event for cell ({truth}, {answer})")[-1]
    print(f"cell ({truth}, {answer}): {browse}", flush=True)
    want = {"dataset": "mnist", "split": "test", "wrong_only": False, "order": "most_confident",
            "shown": matrix[truth][answer], "total": 10000, "scored": True}
    wrong = {k: (browse.get(k), v) for k, v in want.items() if browse.get(k) != v}
    if wrong:
        g.fail(f"the Data tab should show cell ({truth}, {answer}): (got, expected) {wrong}")
    first = w.rect("data_first")  # drawn only when the Data tab shows its thumbnails
    tabs = w.rect("tab_data")
    if not (first["y"] > tabs["y"] and 0 <= first["x"] < w.size[0] and first["w"] >= 28):
        g.fail(f"the first thumbnail {first} should be in the open Data tab (tab {tabs})")
    return first


def put_on_pad(w, first, truth, answer):
    """Clicks the first thumbnail: the most confidently wrong image of the cell goes on the pad."""
    w.drain(quiet=0.3)
    w.move(first["x"] + first["w"] / 2, first["y"] + first["h"] / 3)
    time.sleep(0.15)
    w.xdo("click", "1")
    got = w.collect(lambda e: e.get("event") == "prediction", "a prediction after the click")
    images = [e for e in got if e.get("event") == "set_image"]
    if not images:
        g.fail(f"no 'set_image' event after clicking a thumbnail: {got[-3:]}")
    img, pred = images[-1], got[-1]
    print(f"on the pad: {img}; the network reads {pred['digit']} ({pred['confidence']:.2f})",
          flush=True)
    if img["dataset"] != "mnist" or img["split"] != "test" or img["label"] != truth or \
            img["answer"] != answer:
        g.fail(f"the thumbnail should be a test image labelled {truth} answered {answer}: {img}")
    if not pred["ink"] or pred["digit"] != answer:
        g.fail(f"the pad should hold a {truth} the network reads wrongly as {answer}; it reads "
               f"{pred['digit']} (ink {pred['ink']})")
    return img, pred


def step_next(w, truth, answer, before):
    """The ▶ button: the cell's next image onto the pad, another test image of the same cell."""
    w.drain(quiet=0.3)
    w.click("data_next")
    got = w.collect(lambda e: e.get("event") == "prediction", "a prediction after ▶")
    img = [e for e in got if e.get("event") == "set_image"]
    print(f"▶ put {img[-1] if img else None} on the pad", flush=True)
    if not img or img[-1]["index"] == before["index"] or \
            (img[-1]["label"], img[-1]["answer"]) != (truth, answer):
        g.fail(f"▶ should put the cell's next image on the pad (after #{before['index']}): {img}")


def edit(w, before):
    """A stroke across the top of the pad (for the 9s read as 4s, it closes the loop; the bundled
    sigmoid model then reads 9): the outputs must move by at least 0.1."""
    pad = w.rect("canvas")
    w.drain(quiet=0.3)
    w.stroke([(pad["x"] + pad["w"] * (0.3 + 0.4 * i / 30), pad["y"] + pad["h"] * 0.2)
              for i in range(31)])
    after = g.last_prediction(w.drain(), "a brush stroke on the image")
    change = max(abs(a - b) for a, b in zip(after["outputs"], before["outputs"]))
    print(f"after the stroke the network reads {after['digit']} ({after['confidence']:.2f}); "
          f"largest output change {change:.3f}", flush=True)
    if not after["ink"] or change < 0.1:
        g.fail(f"a stroke across the image should change the prediction: {before} -> {after}")


def main():
    p = g.test_options()
    args = g.start(p)
    t0 = time.time()
    w = g.Window(args.nnviz, size=args.size)
    try:
        if not w.test_set():
            print("SKIP: no MNIST test set (make setup fetches it)")
            sys.exit(g.SKIP)
        conf = w.wait_for("confusion", 30)
        print(f"confusion: accuracy {conf['accuracy']:.4f}, scored in {conf['ms']} ms",
              flush=True)
        truth, answer = worst_cell(conf["matrix"])
        first = open_cell(w, conf["matrix"], truth, answer)
        img, pred = put_on_pad(w, first, truth, answer)
        w.move(first["x"] + first["w"] / 2, first["y"] + first["h"] / 3)  # the hover tooltip
        w.still_screenshot(os.path.join(args.shots, f"data_browser_{args.size}.png"))
        edit(w, pred)
        w.park()
        w.still_screenshot(os.path.join(args.shots, f"data_browser_edited_{args.size}.png"))
        step_next(w, truth, answer, img)
    finally:
        w.close()
    print(f"PASS ({time.time() - t0:.1f} s)", flush=True)


if __name__ == "__main__":
    main()
