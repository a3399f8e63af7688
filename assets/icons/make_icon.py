#!/usr/bin/python3
"""Draws nnviz's icon (a tiny 3-layer network: grey neurons, green and red edges) into
nnviz.png, 256x256 RGBA, with only the standard library. Run: assets/icons/make_icon.py"""
import math
import os
import struct
import zlib

N = 256
img = [[(0, 0, 0, 0)] * N for _ in range(N)]


def blend(x, y, rgb, a):
    if 0 <= x < N and 0 <= y < N and a > 0:
        r0, g0, b0, a0 = img[y][x]
        out = a + a0 * (1 - a)
        mix = lambda c, c0: (c * a + c0 * a0 * (1 - a)) / out if out else 0
        img[y][x] = (mix(rgb[0], r0), mix(rgb[1], g0), mix(rgb[2], b0), out)


# Rounded dark square.
for y in range(N):
    for x in range(N):
        dx = max(abs(x + 0.5 - N / 2) - (N / 2 - 40), 0)
        dy = max(abs(y + 0.5 - N / 2) - (N / 2 - 40), 0)
        d = math.hypot(dx, dy) - 36
        blend(x, y, (20, 21, 27), min(max(0.5 - d, 0), 1))

cols = [(60, [64, 100, 128, 156, 192]), (128, [80, 128, 176]), (196, [96, 160])]
green, red = (51, 217, 89), (242, 64, 64)


def line(p, q, rgb, width, alpha):
    x0, y0 = p
    x1, y1 = q
    L = math.hypot(x1 - x0, y1 - y0)
    for y in range(int(min(y0, y1)) - 4, int(max(y0, y1)) + 5):
        for x in range(int(min(x0, x1)) - 4, int(max(x0, x1)) + 5):
            t = max(0, min(1, ((x - x0) * (x1 - x0) + (y - y0) * (y1 - y0)) / (L * L)))
            d = math.hypot(x - (x0 + t * (x1 - x0)), y - (y0 + t * (y1 - y0)))
            blend(x, y, rgb, alpha * min(max(width / 2 + 0.5 - d, 0), 1))


k = 0
for (xa, ya), (xb, yb) in zip(cols, cols[1:]):
    for i, y in enumerate(ya):
        for j, y2 in enumerate(yb):
            k += 1
            positive = (i * 7 + j * 3 + k) % 3 != 0
            line((xa, y), (xb, y2), green if positive else red, 2 + (k % 3), 0.85)

shades = [0.95, 0.35, 0.7, 0.15, 0.6, 0.9, 0.25, 0.8, 1.0, 0.2]
s = 0
for x, ys in cols:
    for y in ys:
        r = 14
        for py in range(y - r - 2, y + r + 3):
            for px in range(x - r - 2, x + r + 3):
                d = math.hypot(px + 0.5 - x, py + 0.5 - y)
                v = int(20 + 235 * shades[s % len(shades)])
                ring = min(max(d - (r - 3) + 0.5, 0), 1)
                c = tuple(int(v * (1 - ring) + 150 * ring) for _ in range(3))
                blend(px, py, c, min(max(r + 0.5 - d, 0), 1))
        s += 1
# The answer neuron ringed in green.
for py in range(160 - 20, 160 + 21):
    for px in range(196 - 20, 196 + 21):
        d = math.hypot(px + 0.5 - 196, py + 0.5 - 160)
        blend(px, py, green, min(max(1.5 - abs(d - 17.5), 0), 1))

raw = b"".join(b"\0" + bytes(int(round(c)) if i < 3 else int(round(c * 255))
                             for p in row for i, c in enumerate(p)) for row in img)
chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", N, N, 8, 6, 0, 0, 0)) +
       chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "nnviz.png")
with open(out, "wb") as f:
    f.write(png)
print(out)
