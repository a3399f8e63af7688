// Resource lookup: see resources.hpp. The search order lets a build-tree binary use the sources'
// shaders/ (so edits need no install step) and an installed binary use its own share/nnviz.
#include "app/gui/window/resources.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>

namespace nnviz::gui {
namespace fs = std::filesystem;

std::vector<fs::path> resourceSearchPath()
{
    std::vector<fs::path> dirs;
    if (const char* env = std::getenv("NNVIZ_RESOURCES"); env && *env)
        dirs.emplace_back(env);
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        dirs.push_back(exe.parent_path().parent_path() / "share" / "nnviz"); // <prefix>/bin/nnviz
        dirs.push_back(exe.parent_path());                                    // unpacked next to it
    }
#ifdef NNVIZ_SOURCE_DIR
    dirs.emplace_back(NNVIZ_SOURCE_DIR);
#endif
#ifdef NNVIZ_INSTALL_DATADIR
    dirs.emplace_back(NNVIZ_INSTALL_DATADIR);
#endif
    return dirs;
}

fs::path resourceRoot()
{
    static const fs::path root = [] {
        for (const fs::path& dir : resourceSearchPath()) {
            std::error_code ec;
            if (fs::is_directory(dir / "shaders", ec))
                return dir;
        }
        return fs::path{};
    }();
    return root;
}

fs::path shaderPath(const std::string& name) { return resourceRoot() / "shaders" / name; }
fs::path assetPath(const std::string& name) { return resourceRoot() / "assets" / name; }

std::string readTextFile(const fs::path& file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        std::string msg = "cannot read " + file.string() + "; looked for shaders/ in:";
        for (const fs::path& dir : resourceSearchPath())
        {
            msg.push_back(' ');
            msg.append(dir.string());
        }
        throw std::runtime_error(msg);
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace nnviz::gui
