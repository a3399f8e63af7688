// Resource lookup: see resources.hpp. The search order lets an installed binary use its own
// share/nnviz and a build-tree binary use the sources' shaders/ (so edits need no install step).
#include "app/gui/window/resources.hpp"

#include <stdexcept>
#include <system_error>

namespace nnviz::gui {
namespace fs = std::filesystem;
namespace {

std::vector<fs::path> searchPath()
{
    std::vector<fs::path> dirs;
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        dirs.push_back(exe.parent_path().parent_path() / "share" / "nnviz"); // <prefix>/bin/nnviz
        dirs.push_back(exe.parent_path());                                   // unpacked next to it
    }
#ifdef NNVIZ_SOURCE_DIR
    dirs.emplace_back(NNVIZ_SOURCE_DIR);
#endif
#ifdef NNVIZ_INSTALL_DATADIR
    dirs.emplace_back(NNVIZ_INSTALL_DATADIR);
#endif
    return dirs;
}

} // namespace

Resources findResources()
{
    const std::vector<fs::path> dirs = searchPath();
    for (const fs::path& dir : dirs) {
        std::error_code ec;
        if (fs::is_directory(dir / "shaders", ec)) return Resources{dir};
    }
    std::string msg = "cannot find nnviz's shaders/; looked in:";
    for (const fs::path& dir : dirs)
        msg += " " + dir.string();
    throw std::runtime_error(msg);
}

} // namespace nnviz::gui
