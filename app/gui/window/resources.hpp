// Finding nnviz's read-only files (shaders/, assets/) wherever the executable runs from: beside an
// installed binary (<prefix>/share/nnviz), unpacked next to it, the build tree's sources, or the
// configured install prefix. The shell looks once at start-up and passes the paths on.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace nnviz::gui {

struct Resources {
    std::filesystem::path root; // the directory holding shaders/ and assets/

    std::filesystem::path shaders() const { return root / "shaders"; }
    std::filesystem::path asset(const std::string& name) const { return root / "assets" / name; }
};

// The first directory holding shaders/ among: <exe>/../share/nnviz, <exe>'s own directory,
// NNVIZ_SOURCE_DIR, NNVIZ_INSTALL_DATADIR. Throws std::runtime_error naming every directory
// searched when none does.
Resources findResources();

} // namespace nnviz::gui
