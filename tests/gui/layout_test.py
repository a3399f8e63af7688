#!/usr/bin/python3
"""GUI test of the layout (issue #13): the panels use the space they are given.

At each window size (one Xvfb screen as large as the largest, one window per size) a 1 is drawn
on the pad with the mouse and the window photographed once it is still. From the "layout"
event: the main panels (panel_*) lie inside the window and do not overlap; the pad, the network
view, the Answer, the activation plot and the bottom tabs show all their content (no "clipped":
nothing scrolls); every tab's label shows whole; the pad fills its column and is at least a
third of the window's height; the weight maps and the selected neuron's map are a good part of
the bottom panel's height. Across sizes the pad, the maps and the Answer panel grow. From the
screenshot (png_check): the stroke's ink on the pad, green and red edges in the network view,
green and red weights in the grid, the answer's green bar. Exit 0 pass, 1 fail, 77 skipped.

  layout_test.py --nnviz BIN --checker PNG_CHECK --shots DIR [--sizes WxH,WxH,...]
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gui_test as g  # noqa: E402

SIZES = "1280x720,1600x1000,2560x1440,3840x2160"
# The panels that must show all their content (Learn's text may scroll: it is a reading panel).
WHOLE = ("pad", "network", "bottom", "answer", "plot", "status")
PANELS = WHOLE + ("learn",)


def overlap(a, b):
    """The area two rectangles share (0 when they only touch)."""
    w = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
    h = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
    return max(0, w) * max(0, h)


def inset(r, d):
    return (r["x"] + d, r["y"] + d, r["w"] - 2 * d, r["h"] - 2 * d)


def check_layout(widgets, size):
    """[(check, passed, figures)] from one "layout" event at a window size."""
    W, H = size
    panels = {p: widgets.get("panel_" + p) for p in PANELS}
    missing = [p for p, r in panels.items() if not r or not r["w"]]
    if missing:
        g.fail(f"no panel_{missing[0]} in the layout event: {sorted(widgets)}")
    outside = [p for p, r in panels.items()
               if r["x"] < 0 or r["y"] < 0 or r["x"] + r["w"] > W or r["y"] + r["h"] > H]
    names = sorted(panels)
    overlaps = [(a, b, overlap(panels[a], panels[b])) for i, a in enumerate(names)
                for b in names[i + 1:] if overlap(panels[a], panels[b]) > 0]
    clipped = {p: panels[p]["clipped"] for p in WHOLE if panels[p].get("clipped")}
    tabs = {k: r for k, r in widgets.items() if k.startswith("tab_")}
    cut_tabs = {k: r["clipped"] for k, r in tabs.items() if r.get("clipped")}
    pad, col, bottom = widgets["canvas"], panels["pad"], panels["bottom"]
    tile, detail = widgets.get("weights_map_0", {}), widgets.get("weights_detail", {})
    tile_share = tile.get("w", 0) / bottom["h"]
    detail_share = detail.get("w", 0) / bottom["h"]
    return [
        ("panels inside the window", not outside, f"outside: {outside or 'none'}"),
        ("panels disjoint", not overlaps, f"overlapping px²: {overlaps or 'none'}"),
        ("nothing scrolls", not clipped, f"clipped px: {clipped or 'none'}"),
        ("ten tabs, labels whole", len(tabs) == 10 and not cut_tabs,
         f"{len(tabs)} tabs, cut off px: {cut_tabs or 'none'}"),
        ("pad fills its column", pad["w"] >= 0.8 * col["w"] and pad["w"] >= 0.3 * H,
         f"pad {pad['w']} px in a {col['w']} px column (>= 80 %: 15 % may go to the colour "
         f"legend), {pad['w'] / H:.0%} of the height (>= 30 %)"),
        ("weight maps large", tile_share >= 0.15 and detail_share >= 0.28,
         f"a map {tile.get('w')} px = {tile_share:.0%} of the bottom panel's height (>= 15 %), "
         f"the selected neuron's {detail.get('w')} px = {detail_share:.0%} (>= 28 %)"),
    ]


def check_pixels(checker, png, widgets, stroke):
    """[(check, passed, figures)] from the screenshot: what each panel draws."""
    pad = widgets["canvas"]
    side = pad["w"]
    ink_spec = "ink:" + ",".join(f"{v:.1f}" for v in (
        pad["x"] + 3, pad["y"] + 3, side - 6, pad["h"] - 6, 0.012 * side, 0.10 * side,
        *[c for p in stroke for c in p]))
    answer = widgets["panel_answer"]
    _, (ink, net, wts, ans) = g.measure(
        checker, png, ink_spec, g.region(inset(widgets["panel_network"], 6)),
        g.region(inset(widgets["weights_grid"], 1)), g.region(inset(answer, 4)))
    on = ink["near_bright"] / max(1, ink["near"])
    off = ink["far_bright"] / max(1, ink["far"])
    net_g, net_r = net["green"] / net["pixels"], net["red"] / net["pixels"]
    wts_g, wts_r = wts["green"] / wts["pixels"], wts["red"] / wts["pixels"]
    bar = ans["green_run"] / answer["w"]
    return [
        ("pad ink", on >= 0.80 and off <= 0.002,
         f"{on:.1%} of the stroke bright (>= 80%), {off:.2%} of the pad away from it (<= 0.2%)"),
        ("network view", net_g >= 0.02 and net_r >= 0.01 and net["distinct"] >= 200,
         f"{net_g:.2%} green (>= 2%), {net_r:.2%} red (>= 1%), {net['distinct']} colours"),
        ("weight maps", wts_g >= 0.01 and wts_r >= 0.01,
         f"{wts_g:.1%} green, {wts_r:.1%} red of the grid (each >= 1%)"),
        ("answer bar", bar >= 0.30, f"longest green run {ans['green_run']} px = {bar:.0%} of "
         f"the panel (>= 30%)"),
    ]


def photograph(args, size):
    """One window of `size`: a 1 drawn, checked, photographed; its layout event's rectangles."""
    w = g.Window(args.nnviz, size=size)
    try:
        w.park()
        w.rect("weights_map_0")
        w.drain(quiet=0.3)  # the first frames settle the layout (the pad's room for the legend)
        pad = w.rect("canvas")
        stroke = g.one_stroke(pad)
        g.draw(w, stroke, f"drawing a 1 at {size}")
        shot = os.path.join(args.shots, f"layout-{size}.png")
        w.park()
        w.still_screenshot(shot)
        widgets = dict(w.widgets)
        results = check_layout(widgets, w.size) + check_pixels(args.checker, shot, widgets,
                                                               stroke)
        g.expect_failures(results, [], f"{size} ({shot})")
        return widgets
    finally:
        w.close()


def main():
    p = g.test_options(checker_required=True)
    p.add_argument("--sizes", default=SIZES, help="window sizes, smallest first")
    args = p.parse_args()
    sizes = args.sizes.split(",")
    widest = max(int(s.split("x")[0]) for s in sizes)
    tallest = max(int(s.split("x")[1]) for s in sizes)
    g.reexec_under_xvfb(f"{widest}x{tallest}")  # one screen holds every size's window
    os.makedirs(args.shots, exist_ok=True)
    got = [(s, photograph(args, s)) for s in sizes]

    # Bigger windows, bigger panels: each size's figure at least the last smaller size's.
    def grows(name, key):
        figures = [(s, wd.get(name, {}).get(key, 0)) for s, wd in got]
        ok = all(b[1] >= a[1] for a, b in zip(figures, figures[1:])) and \
            (len(figures) < 2 or figures[-1][1] > figures[0][1])
        return (f"{name} grows", ok, ", ".join(f"{s}: {v}" for s, v in figures))
    g.expect_failures([grows("canvas", "w"), grows("weights_map_0", "w"),
                       grows("weights_detail", "w"), grows("panel_answer", "h"),
                       grows("panel_network", "w")], [], "across sizes")
    print("PASS", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
