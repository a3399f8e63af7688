// Finding nnviz's share directory (see share_dir.hpp). NNVIZ_SOURCE_DIR and NNVIZ_INSTALL_DATADIR
// come from core/CMakeLists.txt.
#include "core/share_dir.hpp"

#include "core/errors.hpp"

#include <system_error>

namespace nnviz {

namespace fs = std::filesystem;

std::vector<fs::path> shareDirCandidates()
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

std::optional<fs::path> findShareDir(const fs::path& entry)
{
    for (const fs::path& dir : shareDirCandidates()) {
        std::error_code ec;
        if (fs::exists(dir / entry, ec)) return dir;
    }
    return std::nullopt;
}

std::string bundledModelName(DatasetKind dataset, Activation hidden)
{
    return std::string(dataset == DatasetKind::Fashion ? "fashion-" : "") +
           (hidden == Activation::Relu ? "relu" : "sigmoid") + ".nnvz";
}

fs::path bundledModel(DatasetKind dataset, Activation hidden)
{
    const fs::path entry = fs::path("assets") / "models" / bundledModelName(dataset, hidden);
    if (const auto dir = findShareDir(entry)) return *dir / entry;
    std::string msg = "no bundled model " + entry.string() + " (give one with --model); looked in:";
    for (const fs::path& dir : shareDirCandidates())
        msg += " " + dir.string();
    throw ModelFileError(msg);
}

} // namespace nnviz
