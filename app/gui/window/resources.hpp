// Finding nnviz's read-only files (shaders/, assets/) wherever the executable runs from: next to
// the build tree's sources, beside an installed binary (<prefix>/share/nnviz), or the configured
// install prefix.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace nnviz::gui {

// The first directory holding shaders/ among: $NNVIZ_RESOURCES, <exe>/../share/nnviz,
// NNVIZ_SOURCE_DIR, NNVIZ_INSTALL_DATADIR. Empty when none does.
std::filesystem::path resourceRoot();

// Every directory that was searched, for error messages ("looked in: ...").
std::vector<std::filesystem::path> resourceSearchPath();

// <root>/shaders/<name> and <root>/assets/<name> (may not exist).
std::filesystem::path shaderPath(const std::string& name);
std::filesystem::path assetPath(const std::string& name);

// The whole file as text; throws std::runtime_error naming the file when it cannot be read.
std::string readTextFile(const std::filesystem::path& file);

} // namespace nnviz::gui
