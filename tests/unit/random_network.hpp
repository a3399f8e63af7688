// A network with normally distributed random parameters, built by hand (no dependency on
// makeNetwork), for the model file tests (.nnvz and .npz round trips).
#pragma once

#include "core/network.hpp"
#include "core/random.hpp"

#include <vector>

inline nnviz::Network randomNetwork(std::vector<int> sizes, nnviz::Activation hidden,
                                    nnviz::Activation output, uint64_t seed)
{
    nnviz::Rng rng(seed);
    nnviz::Network net;
    net.sizes = std::move(sizes);
    net.hidden = hidden;
    net.output = output;
    for (size_t l = 0; l + 1 < net.sizes.size(); ++l) {
        nnviz::Layer layer;
        layer.W.resize(net.sizes[l + 1], net.sizes[l]);
        layer.b.resize(net.sizes[l + 1]);
        for (Eigen::Index i = 0; i < layer.W.size(); ++i)
            layer.W.data()[i] = float(rng.normal());
        for (Eigen::Index i = 0; i < layer.b.size(); ++i)
            layer.b[i] = float(rng.normal());
        net.layers.push_back(std::move(layer));
    }
    return net;
}
