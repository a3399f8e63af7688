"""What make_corpus.py and make_regressions.py share: writing one input file for a fuzz target."""
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def put(folder, target, name, data):
    """Writes data to tests/fuzz/<folder>/<target>/<name> (folder: corpus or regressions)."""
    d = os.path.join(HERE, folder, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def npy(descr, shape, data, fortran=False):
    """An .npy version 1.0 array (numpy.lib.format) with the header numpy.save writes."""
    import struct
    header = "{'descr': '%s', 'fortran_order': %s, 'shape': %s, }" % (
        descr, fortran, "(%d,)" % shape[0] if len(shape) == 1 else str(tuple(shape)))
    header += " " * ((64 - (10 + len(header) + 1) % 64) % 64) + "\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode() + data


def npz(arrays, deflated=True):
    """A zip of name.npy members, as numpy.savez (stored) or savez_compressed (deflated) writes."""
    import io
    import zipfile
    out = io.BytesIO()
    method = zipfile.ZIP_DEFLATED if deflated else zipfile.ZIP_STORED
    with zipfile.ZipFile(out, "w", method) as z:
        for name, data in arrays:
            info = zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = method
            z.writestr(info, data)
    return out.getvalue()


def npz_model(sizes, hidden="sigmoid", output="softmax", dataset="mnist", scale=0.25):
    """The (name, .npy bytes) members of a model in nnviz's .npz layout (README.md)."""
    import struct
    arrays, k = [], 0
    for l, (i, o) in enumerate(zip(sizes, sizes[1:])):
        values = []
        for _ in range(o * i + o):
            k += 1
            values.append(((k * 37) % 17 - 8) * scale)
        arrays.append((f"W{l}", npy("<f4", (o, i), struct.pack(f"<{o * i}f", *values[:o * i]))))
        arrays.append((f"b{l}", npy("<f4", (o,), struct.pack(f"<{o}f", *values[o * i:]))))
    for name, text in (("hidden", hidden), ("output", output), ("dataset", dataset)):
        if text is not None:
            arrays.append((name, npy(f"<U{len(text)}", (), text.encode("utf-32-le"))))
    return arrays
