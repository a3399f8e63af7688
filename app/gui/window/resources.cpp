// Resource lookup: see resources.hpp. The search order is core's (core/share_dir.hpp), shared
// with the command line's default model: an installed binary uses its own share/nnviz and a
// build-tree binary the sources' shaders/ (so edits need no install step).
#include "app/gui/window/resources.hpp"

#include "core/share_dir.hpp"

#include <stdexcept>

namespace nnviz::gui {
namespace fs = std::filesystem;

Resources findResources()
{
    if (const auto dir = findShareDir("shaders")) return Resources{*dir};
    std::string msg = "cannot find nnviz's shaders/; looked in:";
    for (const fs::path& dir : shareDirCandidates())
        msg += " " + dir.string();
    throw std::runtime_error(msg);
}

} // namespace nnviz::gui
