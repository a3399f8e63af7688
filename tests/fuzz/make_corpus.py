#!/usr/bin/env python3
"""Writes the fuzzers' seed corpora into tests/fuzz/corpus/<target>/ (committed; rerun only to
change them). Each seed is small: a valid tiny model (.nnvz, .npz) / IDX pair / PNG / PGM, and
a few corrupt ones that sit just past a check, so the fuzzer starts at the interesting
boundaries."""
import struct
import zlib

import fuzz_files


def put(target, name, data):
    fuzz_files.put("corpus", target, name, data)


# --- models (.nnvz, README "Model file format") ---------------------------------------------
def model(sizes, hidden=0, output=2, version=1, scale=0.25, dataset=0):
    """Version 1 has a u16 reserved field after the activations; version 2 a u8 dataset (0 MNIST,
    1 Fashion-MNIST) and a u8 reserved field."""
    b = b"NNVZ" + struct.pack("<II", version, len(sizes))
    b += b"".join(struct.pack("<I", s) for s in sizes)
    b += struct.pack("<BBBB", hidden, output, dataset, 0)
    k = 0
    for i, o in zip(sizes, sizes[1:]):
        for _ in range(o * i + o):
            k += 1
            b += struct.pack("<f", ((k * 37) % 17 - 8) * scale)
    return b + struct.pack("<I", zlib.crc32(b))


good = model([4, 3, 2])
put("model", "valid-4-3-2-softmax", good)
put("model", "valid-3-2-relu-sigmoid", model([3, 2, 2], hidden=1, output=0))
put("model", "valid-1-1", model([1, 1], output=0))
put("model", "truncated-in-weights", good[:40])
put("model", "valid-v2-fashion", model([4, 3, 2], version=2, dataset=1))
put("model", "v2-unknown-dataset", model([3, 2], version=2, dataset=2))
put("model", "future-version", model([2, 2], version=3))
put("model", "bad-crc", good[:-1] + bytes([good[-1] ^ 0xFF]))
put("model", "huge-dims", b"NNVZ" + struct.pack("<IIIII", 1, 3, 100000, 100000, 100000) +
    b"\0\2\0\0" + b"\0" * 8)
nan = bytearray(model([2, 1], output=0))
nan[28:32] = struct.pack("<f", float("nan"))
nan[-4:] = struct.pack("<I", zlib.crc32(bytes(nan[:-4])))
put("model", "nan-weight", bytes(nan))


# --- NumPy .npz models (README "NumPy .npz layout") ---------------------------------------------
npz_good = fuzz_files.npz_model([4, 3, 2])
put("npz", "valid-4-3-2-deflated", fuzz_files.npz(npz_good))
put("npz", "valid-4-3-2-stored", fuzz_files.npz(npz_good, deflated=False))
put("npz", "valid-3-2-2-relu-sigmoid-fashion",
    fuzz_files.npz(fuzz_files.npz_model([3, 2, 2], "relu", "sigmoid", "fashion")))
put("npz", "valid-1-1-no-dataset", fuzz_files.npz(fuzz_files.npz_model([1, 1], dataset=None)))
put("npz", "fortran-order-big-endian", fuzz_files.npz(
    [(n, fuzz_files.npy(">f4", (3, 4), struct.pack(">12f", *range(12)), fortran=True))
     if n == "W0" else (n, d) for n, d in npz_good], deflated=False))
put("npz", "bytes-names", fuzz_files.npz(
    [(n, fuzz_files.npy("|S7", (), b"sigmoid")) if n == "hidden" else (n, d)
     for n, d in npz_good]))
put("npz", "shapes-do-not-chain", fuzz_files.npz(
    [(n, fuzz_files.npy("<f4", (2, 2), b"\0" * 16)) if n == "W1" else (n, d)
     for n, d in npz_good]))
put("npz", "missing-b0", fuzz_files.npz([(n, d) for n, d in npz_good if n != "b0"]))
put("npz", "float64-weights", fuzz_files.npz(
    [(n, fuzz_files.npy("<f8", (2, 3), b"\0" * 48)) if n == "W1" else (n, d)
     for n, d in npz_good]))
put("npz", "truncated", fuzz_files.npz(npz_good)[:200])


# --- IDX pairs (layout in targets/idx_input.hpp) ----------------------------------------------
def images(count, rows=28, cols=28):
    return struct.pack(">IIII", 0x803, count, rows, cols) + bytes(
        (i * 7) % 256 for i in range(count * rows * cols))


def labels(values):
    return struct.pack(">II", 0x801, len(values)) + bytes(values)


def gz(b):
    return zlib.compress(b, 9, wbits=16 + zlib.MAX_WBITS)


def idx(mode, imgs, lbls):
    return bytes([mode]) + struct.pack("<H", len(imgs)) + imgs + lbls


pair = (images(2), labels([3, 9]))
put("idx", "valid-plain", idx(0, *pair))
put("idx", "valid-files", idx(1, *pair))
put("idx", "valid-gz-by-harness", idx(3, *pair))
put("idx", "valid-gz-in-input", idx(1, gz(pair[0]), gz(pair[1])))
put("idx", "empty-set", idx(0, images(0), labels([])))
put("idx", "count-mismatch", idx(0, images(1), labels([1, 2])))
put("idx", "wrong-size", idx(0, images(1, 27, 28), labels([1])))
put("idx", "label-out-of-range", idx(0, images(1), labels([10])))
put("idx", "truncated-gz", idx(1, gz(pair[0])[:-9], pair[1]))
put("idx", "swapped", idx(0, pair[1], pair[0]))


# --- images ------------------------------------------------------------------------------------
def png(w, h, colour_type, depth, rows):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", w, h, depth, colour_type, 0, 0, 0)
    raw = b"".join(b"\0" + r for r in rows)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw)) +
            chunk(b"IEND", b""))


side = 8
grey_rows = [bytes(255 if 2 <= x <= 5 and 1 <= y <= 6 else 0 for x in range(side))
             for y in range(side)]
put("image", "grey8.png", png(side, side, 0, 8, grey_rows))
put("image", "rgba8.png", png(4, 4, 6, 8, [bytes([200, 10, 10, 128] * 4)] * 4))
put("image", "grey1.png", png(16, 2, 0, 1, [b"\xf0\x0f", b"\x0f\xf0"]))
put("image", "grey8.pgm", b"P5\n8 8\n255\n" + b"".join(grey_rows))
put("image", "colour.ppm", b"P6 2 2 255\n" + bytes(range(12)))
put("image", "pgm-huge-header.pgm", b"P5\n60000 60000\n255\n" + b"\0" * 16)
put("image", "png-huge-header.png", png(side, side, 0, 8, grey_rows).replace(
    struct.pack(">II", side, side), struct.pack(">II", 30000, 30000), 1))
put("image", "truncated.png", png(side, side, 0, 8, grey_rows)[:50])
