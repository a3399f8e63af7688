// A network as a NumPy .npz archive, so any framework can exchange weights with nnviz: arrays W0,
// b0, W1, b1, … (W as out × in float32, PyTorch's Linear.weight), and the activations and the
// dataset as strings (hidden, output, dataset). The layout is documented in README.md ("NumPy
// .npz layout"); nnviz reads and writes it with zlib, no Python involved.
#pragma once

#include "core/network.hpp"

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace nnviz {

// The .npz bytes of a network: W<l>.npy (<f4, (out, in)), b<l>.npy (<f4, (out,)) for each layer,
// then hidden.npy, output.npy and dataset.npy (<U…, shape ()), every member deflated. The same
// network always gives the same bytes. Throws ModelFileError when the network cannot be saved.
std::vector<uint8_t> serializeNpz(const Network& net);

// Parses .npz bytes; `name` is used in messages. Reads stored and deflated members, .npy versions
// 1 to 3, little- or big-endian float32 weights in C or Fortran order, and strings as unicode
// (<U), bytes (|S) or a uint8 array. Throws ModelFileError saying what is wrong: not a zip,
// truncated, a missing or unexpected array, a wrong dtype or shape, shapes that do not chain
// (W<l+1> must take W<l>'s outputs), an unknown activation or dataset, a non-finite value.
Network parseNpz(std::span<const uint8_t> bytes, const std::string& name);

// True when `file` names an .npz archive (its extension, in any case).
bool isNpzPath(const std::filesystem::path& file);

} // namespace nnviz
