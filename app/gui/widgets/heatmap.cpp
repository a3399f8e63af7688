// Pure heatmap math: see heatmap.hpp.
#include "app/gui/widgets/heatmap.hpp"

#include "app/gui/widgets/colors.hpp"
#include "core/explain.hpp"

#include <algorithm>
#include <cmath>

namespace nnviz::gui {

ImageShape imageShapeFor(int n)
{
    if (n <= 0) return {};
    const int side = int(std::lround(std::sqrt(double(n))));
    if (side * side == n) return {side, side};
    return {n, 1};
}

TileGrid fitTiles(int n, float aspect, float width, float height, float gap, float rowExtra)
{
    TileGrid best;
    for (int c = 1; c <= n; ++c) {
        const int rows = (n + c - 1) / c;
        const float byWidth = (width - float(c - 1) * gap) / float(c);
        const float byHeight =
            (height - float(rows) * rowExtra - float(rows - 1) * gap) / float(rows) / aspect;
        const float tile = std::floor(std::min(byWidth, byHeight));
        if (tile > best.tile) best = {c, rows, tile};
    }
    return best;
}

float maxAbs(std::span<const float> v)
{
    float m = 0;
    for (float x : v)
        m = std::max(m, std::fabs(x));
    return m;
}

// A plain loop: Eigen's AVX-512 maxCoeff trips GCC 12's -Wmaybe-uninitialized.
float maxAbs(const Eigen::MatrixXf& m)
{
    return maxAbs(std::span<const float>(m.data(), size_t(m.size())));
}

void signedPixels(std::span<const float> values, float scale, uint32_t* out)
{
    for (size_t i = 0; i < values.size(); ++i)
        out[i] = packRgba8(signedColor(values[i], scale));
}

std::vector<uint32_t> signedPixels(const Eigen::VectorXf& values, float scale)
{
    std::vector<uint32_t> px(size_t(values.size()));
    signedPixels({values.data(), size_t(values.size())}, scale, px.data());
    return px;
}

std::vector<uint32_t> signedMatrixPixels(const Eigen::MatrixXf& W, float scale)
{
    const Eigen::Index rows = W.rows(), cols = W.cols();
    std::vector<uint32_t> px(size_t(rows * cols));
    for (Eigen::Index j = 0; j < rows; ++j)
        for (Eigen::Index i = 0; i < cols; ++i)
            px[size_t(j * cols + i)] = packRgba8(signedColor(W(j, i), scale));
    return px;
}

float fullBrightness(const Network& net, int layer, const Eigen::VectorXf& a)
{
    if (layer < 1 || layer > net.layerCount() || net.activationOf(layer - 1) != Activation::Relu)
        return 1.0f;
    float m = 1e-6f; // a plain loop: Eigen's AVX-512 maxCoeff trips GCC 12's -Wmaybe-uninitialized
    for (Eigen::Index i = 0; i < a.size(); ++i)
        m = std::max(m, a[i]);
    return m;
}

std::vector<uint32_t> overlayPixels(const Eigen::VectorXf& values, float scale)
{
    std::vector<uint32_t> px(size_t(values.size()));
    for (Eigen::Index i = 0; i < values.size(); ++i) {
        const float v = values[i];
        const float t = scale > 0 ? std::clamp(std::fabs(v) / scale, 0.0f, 1.0f) : 0.0f;
        Rgba c = v >= 0 ? kPositive : kNegative;
        c.a = kOverlayOpacity * t; // the drawing stays visible where the map is faint
        px[size_t(i)] = packRgba8(c);
    }
    return px;
}

std::vector<uint32_t> grayTileAtlas(std::span<const Eigen::VectorXf> images, int w, int h)
{
    const size_t atlasW = images.size() * size_t(w);
    std::vector<uint32_t> px(atlasW * size_t(h), packRgba8(activationColor(0)));
    for (size_t k = 0; k < images.size(); ++k) {
        if (images[k].size() != Eigen::Index(w) * h) continue; // not this shape: left dark
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x)
                px[size_t(y) * atlasW + k * size_t(w) + size_t(x)] =
                    packRgba8(activationColor(images[k][y * w + x]));
    }
    return px;
}

std::vector<uint32_t> activationPixels(const Eigen::VectorXf& a, float maxValue)
{
    const float inv = maxValue > 0 ? 1.0f / maxValue : 0.0f;
    std::vector<uint32_t> px(size_t(a.size()));
    for (Eigen::Index i = 0; i < a.size(); ++i)
        px[size_t(i)] = packRgba8(activationColor(a[i] * inv));
    return px;
}

std::vector<uint32_t> weightTileAtlas(const Eigen::MatrixXf& W, std::span<const float> scales)
{
    const int n = int(W.rows());
    const ImageShape s = imageShapeFor(int(W.cols()));
    const int atlasW = n * s.w;
    std::vector<uint32_t> px(size_t(atlasW) * size_t(s.h));
    for (int k = 0; k < n; ++k) {
        const float scale = scales.empty()               ? 0.0f
                            : scales.size() == size_t(n) ? scales[size_t(k)]
                                                         : scales[0];
        for (int y = 0; y < s.h; ++y)
            for (int x = 0; x < s.w; ++x)
                px[size_t(y) * size_t(atlasW) + size_t(k * s.w + x)] =
                    packRgba8(signedColor(W(k, y * s.w + x), scale));
    }
    return px;
}

Eigen::VectorXf effectiveInputMap(const Network& net, int layer, int neuron)
{
    // core's, which throws for a neuron not in the network; a panel gets nothing to draw.
    if (layer < 1 || layer > net.layerCount() || neuron < 0 ||
        neuron >= net.sizes[size_t(layer)])
        return {};
    return nnviz::effectiveInputMap(net, layer, neuron);
}

Eigen::VectorXf contributionMap(const Network& net, int layer, int neuron,
                                const Eigen::VectorXf& prevActivation)
{
    if (layer < 1 || layer > net.layerCount()) return {};
    const Eigen::MatrixXf& W = net.layers[size_t(layer - 1)].W;
    if (neuron < 0 || neuron >= W.rows() || prevActivation.size() != W.cols()) return {};
    return W.row(neuron).transpose().cwiseProduct(prevActivation);
}

} // namespace nnviz::gui
