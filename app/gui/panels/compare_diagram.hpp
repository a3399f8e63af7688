// The Compare tab's compact network diagram, drawn with ImDrawList into a rectangle: one column of
// neurons per layer after the input (hidden layers, then the outputs labelled with their
// classes), each lit by its activation as the network view lights them, a ReLU network's dead
// neurons ringed, the answer ringed in the network's colour, and optionally each neuron's
// strongest incoming contributions w·a as green/red lines. Small enough to draw two every frame.
#pragma once

#include "core/network.hpp"
#include "core/rescore.hpp"

#include <imgui.h>

#include <functional>
#include <optional>
#include <string>

namespace nnviz::gui {

// What one diagram shows.
struct DiagramContent {
    const Network* net = nullptr;
    const ForwardTrace* trace = nullptr;       // forward(*net, the input)
    int answer = -1;                           // ringed; -1: none shown
    const LayerActivity* activity = nullptr;   // ReLU: neurons never active are ringed
    std::function<std::string(int)> className; // output k's label
    ImU32 accent = IM_COL32_WHITE;             // the network's colour in the tab
    bool strongestEdges = true;                // each neuron's strongest inputs w·a
};

// A neuron under the mouse: layer (1 = first hidden … L = outputs) and index.
struct DiagramHover {
    int layer = 0;
    int neuron = 0;
};

// Draws the diagram in [min, max) of the window's draw list and returns the neuron under the
// mouse, if any.
std::optional<DiagramHover> drawCompareDiagram(ImDrawList* dl, ImVec2 min, ImVec2 max,
                                               const DiagramContent& c);

// True when neuron j of layer l never fired on the test set (ReLU networks only).
inline bool isDead(const LayerActivity* activity, int l, int j)
{
    return activity && size_t(l) < activity->max.size() && j < activity->max[size_t(l)].size() &&
           activity->max[size_t(l)][j] <= 0.0f;
}

// The colour of the dead marks (a ring).
inline constexpr ImU32 kDeadRing = IM_COL32(205, 95, 235, 255);

} // namespace nnviz::gui
