// browse(): see browse_filter.hpp.
#include "app/gui/model/browse_filter.hpp"

#include <algorithm>

namespace nnviz::gui {

std::string_view toString(BrowseOrder order)
{
    switch (order) {
    case BrowseOrder::Index:
        return "index";
    case BrowseOrder::MostConfident:
        return "most_confident";
    case BrowseOrder::LeastConfident:
        return "least_confident";
    }
    return "index";
}

std::vector<uint32_t> browse(std::span<const uint8_t> labels, const Evaluation* answers,
                             const BrowseFilter& filter)
{
    // Answers that are not this set's (another size) are as good as none.
    const bool scored = answers && answers->predicted.size() == labels.size() &&
                        answers->confidence.size() == labels.size();
    std::vector<uint32_t> out;
    for (size_t i = 0; i < labels.size(); ++i) {
        if (filter.truth >= 0 && labels[i] != filter.truth) continue;
        if (scored) {
            const int answer = answers->predicted[i];
            if (filter.answer >= 0 && answer != filter.answer) continue;
            if (filter.wrongOnly && answer == labels[i]) continue;
        }
        out.push_back(uint32_t(i));
    }
    if (!scored || filter.order == BrowseOrder::Index) return out;
    const std::vector<float>& c = answers->confidence;
    if (filter.order == BrowseOrder::MostConfident)
        std::stable_sort(out.begin(), out.end(),
                         [&](uint32_t a, uint32_t b) { return c[a] > c[b]; });
    else
        std::stable_sort(out.begin(), out.end(),
                         [&](uint32_t a, uint32_t b) { return c[a] < c[b]; });
    return out;
}

} // namespace nnviz::gui
