// Which images of a set the Data tab shows, and in what order: a filter on the true label, on the
// network's answer and on right/wrong, and an order (by index, most confident answer first, least
// confident first). Pure functions of a set's labels and the network's answers (no GL, no ImGui),
// tested headless in tests/app_units/test_browse_filter.cpp.
#pragma once

#include "core/evaluate.hpp"

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace nnviz::gui {

enum class BrowseOrder {
    Index,          // the set's own order
    MostConfident,  // the network's confidence in its answer, highest first: with "mistakes
                    // only", the most confidently wrong first
    LeastConfident, // lowest first: the images the network hesitates over
};

std::string_view toString(BrowseOrder order); // "index", "most_confident", "least_confident"

struct BrowseFilter {
    int truth = -1;         // the true class, -1 = any
    int answer = -1;        // the network's answer, -1 = any
    bool wrongOnly = false; // only the images the network answers wrongly
    BrowseOrder order = BrowseOrder::Index;
    bool operator==(const BrowseFilter&) const = default;

    // The filter or order needs the network's answers (not only the labels).
    bool needsAnswers() const { return answer >= 0 || wrongOnly || order != BrowseOrder::Index; }
};

// The indices into the set (labels: (count)) of the images that pass the filter, in its order,
// ties by index. answers: the network on the same set (predicted and confidence of each image),
// or null when not scored yet: then only the true-label filter applies, in index order.
std::vector<uint32_t> browse(std::span<const uint8_t> labels, const Evaluation* answers,
                             const BrowseFilter& filter);

} // namespace nnviz::gui
