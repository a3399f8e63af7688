// Where nnviz's read-only files live (shaders/ and assets/, the bundled models among them),
// wherever the executable runs from: an installed binary's <prefix>/share/nnviz, a directory
// unpacked next to it, the build tree's sources, or the configured install prefix. The window
// (app/gui/window/resources.cpp) and the command line's default model both look here.
#pragma once

#include "core/activation.hpp"
#include "core/dataset_kind.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace nnviz {

// In search order: <exe>/../share/nnviz, <exe>'s own directory, the source tree (build-tree
// binaries, so edits need no install step), <install prefix>/share/nnviz.
std::vector<std::filesystem::path> shareDirCandidates();

// The first candidate holding `entry` (a relative path, e.g. "shaders"), or nullopt.
std::optional<std::filesystem::path> findShareDir(const std::filesystem::path& entry);

// The bundled model's file name for a dataset and hidden activation: "sigmoid.nnvz",
// "relu.nnvz", "fashion-sigmoid.nnvz", "fashion-relu.nnvz".
std::string bundledModelName(DatasetKind dataset, Activation hidden);

// The bundled model's path (<share>/assets/models/<name>); ModelFileError naming every directory
// searched when none holds it.
std::filesystem::path bundledModel(DatasetKind dataset, Activation hidden);

} // namespace nnviz
