// The network view's per-instance vertex data, one struct per shader: an EdgeInstance is one
// connection of shaders/edge.vert, a NeuronInstance one disc or rectangle of shaders/neuron.vert.
// Their fields are the shaders' per-instance attributes in location order (1, 2, ...), all
// floats, so a std::vector of them is the instance buffer as uploaded.
#pragma once

#include "app/gui/widgets/colors.hpp"

#include <span>
#include <type_traits>
#include <vector>

namespace nnviz::gui {

// One connection, drawn as a quad stretched along the segment (x0, y0) → (x1, y1).
struct EdgeInstance {
    float x0, y0, x1, y1; // iSegment: the segment, target pixels
    float value;          // iInfo.x: weight or w·a over the layer's largest magnitude, −1..1
    float layer;          // iInfo.y: joins layer → layer + 1 (indices into Network::sizes)
    float from, to;       // iInfo.zw: the neurons it joins, in layer and layer + 1
};
// iSegment, iInfo: gl::InstancedRenderer{4, 4}.
static_assert(sizeof(EdgeInstance) == (4 + 4) * sizeof(float));

// A neuron (disc) or an input cell (rectangle): fill colour = activation, ring = outline.
struct NeuronInstance {
    float x, y;       // iShape.xy: centre, target pixels
    float radius;     // iShape.z: disc radius, or the rectangle's half width
    float square;     // iShape.w: 0 = disc, 1 = rectangle
    Rgba fill;        // iFill
    Rgba ring;        // iRing (alpha 0: none)
    float ringWidth;  // iRingWidth.x: pixels
    float halfHeight; // iRingWidth.y: the rectangle's half height (0: = radius)
};
// iShape, iFill, iRing, iRingWidth: gl::InstancedRenderer{4, 4, 4, 2}.
static_assert(sizeof(NeuronInstance) == (4 + 4 + 4 + 2) * sizeof(float));

// Instances as the flat (count, floats per instance) array gl::InstancedRenderer::upload takes.
template <class Instance> std::span<const float> asFloats(std::span<const Instance> instances)
{
    static_assert(std::is_trivially_copyable_v<Instance> && alignof(Instance) == alignof(float) &&
                  sizeof(Instance) % sizeof(float) == 0);
    return {reinterpret_cast<const float*>(instances.data()),
            instances.size() * (sizeof(Instance) / sizeof(float))};
}

template <class Instance> std::span<const float> asFloats(const std::vector<Instance>& instances)
{
    return asFloats(std::span<const Instance>(instances));
}

} // namespace nnviz::gui
