// NumPy's .npy array format (numpy.lib.format, versions 1.0 to 3.0): the magic "\x93NUMPY", a
// version, a header length, then a Python dict literal {'descr': '<f4', 'fortran_order': False,
// 'shape': (16, 784), } padded with spaces to a multiple of 64 bytes and ended by '\n', then the
// raw elements. Only the header is interpreted here; npz_file.cpp reads the elements.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace nnviz {

// An array's header and a view of its element bytes (which live in the member's buffer).
struct NpyArray {
    std::string descr;             // dtype: "<f4", ">f4", "<U7", "|S7", "|u1", …
    bool fortranOrder = false;     // true: the first index varies fastest
    std::vector<uint64_t> shape;   // () for a scalar, (out,) for b, (out, in) for W
    std::span<const uint8_t> data; // exactly elementCount() × itemSize() bytes
    uint64_t elementCount() const;
};

// The size in bytes of one element of a dtype NumPy spells `descr`: "<f4" 4, "<U7" 28, "|S7" 7,
// "|u1" 1; 0 for a dtype nnviz does not read (float64, int32, objects…).
uint64_t npyItemSize(const std::string& descr);

// A shape as Python writes a tuple: "(16, 784)", "(16,)", "()".
std::string npyShapeText(const std::vector<uint64_t>& shape);

// Parses one .npy member. Throws ModelFileError, prefixed by `where` ("model file m.npz: array
// W0"): not an .npy (magic), an unknown version, a header cut short or that is not the dict
// above, a dtype nnviz does not read, or element bytes that do not match the shape (checked
// before anything is allocated; at most 32 dimensions).
NpyArray parseNpy(std::span<const uint8_t> bytes, const std::string& where);

// An .npy version 1.0 member: the header for descr, fortran_order False and shape, padded as
// NumPy pads it, then `data`.
std::vector<uint8_t> writeNpy(const std::string& descr, const std::vector<uint64_t>& shape,
                              std::span<const uint8_t> data);

} // namespace nnviz
