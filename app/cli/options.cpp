// Shared flag parsing for the subcommands.
#include "app/cli/options.hpp"

#include <charconv>

namespace nnviz::cli {

void addDataOptions(CLI::App& cmd, DataOptions& data)
{
    addChoice(cmd, "--dataset", data.kind, "mnist (digits) or fashion (Fashion-MNIST)",
              {{"mnist", DatasetKind::Mnist}, {"fashion", DatasetKind::Fashion}}, "mnist");
    cmd.add_option("--data", data.dir,
                   "data directory (default: $NNVIZ_DATA, else $XDG_CACHE_HOME/nnviz, else "
                   "~/.cache/nnviz)");
}

std::vector<int> parseHiddenSizes(const std::string& text)
{
    std::vector<int> sizes;
    if (text.empty()) return sizes;
    size_t start = 0;
    while (start <= text.size()) {
        const size_t comma = std::min(text.find(',', start), text.size());
        const std::string part = text.substr(start, comma - start);
        int value = 0;
        const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
        if (part.empty() || ec != std::errc() || end != part.data() + part.size())
            throw CLI::ValidationError("--hidden", "'" + part + "' is not a whole number (expected e.g. 16,16)");
        if (value < 1 || value > kMaxHidden)
            throw CLI::ValidationError("--hidden", "a hidden layer of " + part +
                                                       " neurons is out of range (1.." +
                                                       std::to_string(kMaxHidden) + ")");
        sizes.push_back(value);
        start = comma + 1;
    }
    return sizes;
}

} // namespace nnviz::cli
