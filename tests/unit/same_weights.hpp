// Bit-exact comparison of two networks' weights and biases, for the trainer, session and timeline
// tests (unit and app-unit).
#pragma once

#include "core/network.hpp"

namespace nnviz::test {

inline bool sameWeights(const Network& a, const Network& b)
{
    if (a.layers.size() != b.layers.size()) return false;
    for (size_t l = 0; l < a.layers.size(); ++l)
        if (a.layers[l].W != b.layers[l].W || a.layers[l].b != b.layers[l].b) return false;
    return true;
}

} // namespace nnviz::test
