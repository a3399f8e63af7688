// nnviz model files (.nnvz): magic, version, architecture, activations, float32 parameters and a
// CRC-32, all little-endian. The layout is documented in README.md ("Model file format").
#pragma once

#include "core/network.hpp"

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace nnviz {

inline constexpr char kModelMagic[4] = {'N', 'N', 'V', 'Z'};
// Version 2 adds the dataset a network reads (in what was version 1's reserved field). The writer
// writes version 1 for an MNIST network, so those files stay readable by every nnviz; the reader
// reads both, a version 1 file as MNIST.
inline constexpr uint32_t kModelVersion = 2;

// The bytes of a model file.
std::vector<uint8_t> serializeModel(const Network& net);

// Parses model bytes; `name` is used in messages. Throws ModelFileError on wrong magic, unknown
// version, absurd or inconsistent dimensions, bad activations, truncation, trailing bytes, NaN or
// infinite parameters, or a checksum mismatch. Validates the header against the byte count
// before allocating anything.
Network parseModel(std::span<const uint8_t> bytes, const std::string& name);

// Saves atomically, as .nnvz, or as NumPy .npz when the file's extension is .npz (npz_file.hpp):
// writes <file>.tmp-<pid>, flushes, fsyncs, renames over file. On failure the
// old file is untouched and ModelFileError says why. After a successful save it removes the
// <file>.tmp-<pid> files of processes that no longer exist (saves that were killed midway).
void saveModel(const Network& net, const std::filesystem::path& file);

// Reads and parses a model file, .nnvz, or .npz when its extension is .npz (ModelFileError on any
// problem, naming the file).
Network loadModel(const std::filesystem::path& file);

} // namespace nnviz
