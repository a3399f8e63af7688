#!/usr/bin/env python3
"""Writes the hand-made regression inputs in tests/fuzz/regressions/{model,npz,idx}/ (committed;
rerun only to change them). Each is a file shape that would hurt a loader that trusted its header or
read past its end: a header promising gigabytes in a few bytes, counts that overflow 32 bits, a
gzip trailer that lies, non-finite weights behind a valid checksum. Every one must be refused
with the loader's typed error; tests/unit/test_fuzz_regressions.cpp replays them in the g++ build
and `run-fuzz replay` through the fuzz targets under ASan/UBSan. (regressions/image/ holds inputs
the image fuzzer found; they are not made here.)"""
import struct
import zlib

import fuzz_files


def put(target, name, data):
    fuzz_files.put("regressions", target, name, data)


# --- models (.nnvz, README "Model file format") ---------------------------------------------
def header(sizes, count=None, hidden=0, output=2, version=1, dataset=0):
    """Version 1: a u16 reserved field after the activations; version 2: a u8 dataset, a u8
    reserved field."""
    n = len(sizes) if count is None else count
    return (b"NNVZ" + struct.pack("<II", version, n) +
            b"".join(struct.pack("<I", s) for s in sizes) +
            struct.pack("<BBBB", hidden, output, dataset, 0))


def model(sizes, params=None, hidden=0, output=2, version=1, dataset=0):
    b = header(sizes, hidden=hidden, output=output, version=version, dataset=dataset)
    if params is None:
        params = [0.25] * sum(o * i + o for i, o in zip(sizes, sizes[1:]))
    b += b"".join(struct.pack("<f", p) for p in params)
    return b + struct.pack("<I", zlib.crc32(b))


# 99,900,999 parameters (within the limit, 400 MB of floats) described by a 32-byte file: the
# size must be checked against the bytes present before any parameter storage is allocated.
put("model", "400MB-of-parameters-in-32-bytes", header([100000, 999]) + b"\0" * 8)
# Far past the limit: 100,000 × 100,000 × 2 = 2·10^10 parameters.
put("model", "2e10-parameters-in-32-bytes", header([100000, 100000, 100000]) + b"\0" * 4)
# A layer count near 2^32: 4·n bytes of sizes would overflow a 32-bit size computation.
put("model", "layer-count-4294967295", header([], count=0xFFFFFFFF) + b"\0" * 8)
# 64 layers announced, 3 sizes present.
put("model", "sizes-cut-short", header([4, 4, 4], count=64))
# A size of 2^31 does not fit an int.
put("model", "layer-of-2147483648-neurons", header([0x80000000, 1]) + b"\0" * 8)
# Valid checksums over non-finite parameters: the CRC alone must not let them through.
put("model", "nan-bias-valid-crc", model([2, 1], [0.5, -0.5, float("nan")], output=0))
put("model", "inf-weight-valid-crc", model([2, 2], [float("inf"), 0, 0, 0, 0, 0]))
# A version 2 file naming a dataset nnviz does not know, behind a valid checksum.
put("model", "unknown-dataset-valid-crc", model([2, 1], version=2, dataset=255))
good = model([3, 2, 2], hidden=1, output=0)
put("model", "checksum-cut-off", good[:-2])
put("model", "trailing-byte-after-checksum", good + b"\0")


# --- NumPy .npz models (README "NumPy .npz layout") ---------------------------------------------
def replace(arrays, name, data):
    return [(n, data if n == name else d) for n, d in arrays]


npz_good = fuzz_files.npz_model([3, 2, 2])
# A member whose directory entry claims 1 GiB once inflated, from a few bytes: refused before
# anything is allocated.
lying = bytearray(fuzz_files.npz(npz_good))
central = struct.unpack_from("<I", lying, len(lying) - 6)[0]
struct.pack_into("<I", lying, central + 24, 1 << 30)
put("npz", "member-claims-1GiB", bytes(lying))
# An .npy header whose shape needs 2^70 bytes: the product must not overflow into a small number.
put("npz", "shape-overflows-64-bits", fuzz_files.npz(replace(
    npz_good, "W0", fuzz_files.npy("<f4", (1 << 35, 1 << 35), b"\0" * 8))))
# A header length past the member's end.
put("npz", "npy-header-past-end", fuzz_files.npz(replace(
    npz_good, "b0", b"\x93NUMPY\x01\x00\xff\xff{'descr'")))
# Valid archive, NaN in a weight: the zip's CRC alone must not let it through.
put("npz", "nan-weight", fuzz_files.npz(replace(
    npz_good, "W1", fuzz_files.npy("<f4", (2, 2), struct.pack("<4f", 1, float("nan"), 0, 0)))))
# The central directory's offset points past the end of the file.
broken = bytearray(fuzz_files.npz(npz_good, deflated=False))
struct.pack_into("<I", broken, len(broken) - 6, 0x7FFFFFFF)
put("npz", "central-directory-past-end", bytes(broken))
# An nnviz .nnvz model given an .npz name.
put("npz", "nnvz-not-zip", model([3, 2, 2], hidden=1, output=0))


# --- IDX pairs (layout in targets/idx_input.hpp: mode, u16 images length, images, labels) ------
def images(count, rows=28, cols=28, pixels=None):
    body = bytes((i * 7) % 256 for i in range(count * rows * cols)) if pixels is None else pixels
    return struct.pack(">IIII", 0x803, count, rows, cols) + body


def labels(values, count=None):
    return struct.pack(">II", 0x801, len(values) if count is None else count) + bytes(values)


def gz(b):
    return zlib.compress(b, 9, wbits=16 + zlib.MAX_WBITS)


def idx(mode, imgs, lbls):
    return bytes([mode]) + struct.pack("<H", len(imgs)) + imgs + lbls


# 2^31 images promised by a 100-byte file (1.7 TB of pixels).
put("idx", "2pow31-images-in-100-bytes", idx(0, images(0x80000000, pixels=b"\0" * 84), labels([])))
# rows × cols × count overflows 64 bits if multiplied carelessly; 28×28 is the only size read.
put("idx", "rows-and-cols-4294967295", idx(0, images(1, 0xFFFFFFFF, 0xFFFFFFFF, b"\0"), labels([1])))
# 2^32 − 1 labels promised, one present.
put("idx", "4294967295-labels-in-9-bytes", idx(0, images(1), labels([3], count=0xFFFFFFFF)))
# Nothing at all after the mode and length bytes.
put("idx", "both-files-empty", idx(0, b"", b""))
# gzip whose trailer claims 4 GiB uncompressed: the buffer hint must stay bounded by what the
# compressed size can inflate to, and zlib's length check refuses it.
lying = bytearray(gz(images(1)))
lying[-4:] = struct.pack("<I", 0xFFFFFFFF)
put("idx", "gzip-trailer-claims-4GiB", idx(1, bytes(lying), labels([1])))
# A valid gzip member followed by bytes that are not another member.
put("idx", "gzip-then-garbage", idx(1, gz(images(1)) + b"junk", labels([1])))
# Both gzipped by the harness; a label of 200 inside.
put("idx", "gzipped-label-200", idx(3, images(2), labels([1, 200])))
