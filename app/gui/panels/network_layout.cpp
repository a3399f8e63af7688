// NetworkLayout: see network_layout.hpp.
#include "app/gui/panels/network_layout.hpp"

#include <algorithm>
#include <cmath>

namespace nnviz::gui {
namespace {

// The side of a square picture of n cells, or 0 when n is not a square.
int squareSide(int n)
{
    const int side = int(std::lround(std::sqrt(double(std::max(n, 0)))));
    return side > 0 && side * side == n ? side : 0;
}

} // namespace

NetworkLayout::NetworkLayout(const std::vector<int>& sizes, const LayoutFrame& frame)
    : width(frame.width), height(frame.height), scale(frame.scale), count(sizes)
{
    const int layers = int(sizes.size());
    const float font = frame.font, w = float(width);
    top = font * 2.6f;
    bottom = float(height) - font * 0.8f;
    const float colH = std::max(1.0f, bottom - top);
    const float pad = font * 0.6f;

    // The picture (when the input is square), then the column of all inputs.
    inputs = layers > 0 ? sizes[0] : 0;
    imageSide = squareSide(inputs);
    imageSize = imageSide > 0 ? std::min(colH * 0.45f, w * 0.15f) : 0.0f;
    imageX = pad;
    imageY = top + (colH - imageSize) * 0.5f;
    inputW = std::max(5.0f * scale, w * 0.007f);
    // The input column right of the picture, far enough that their labels ("28 × 28 pixels",
    // "one per pixel", each at most columnLabel wide, centred) do not run together when the
    // view is narrow.
    inputX = imageSide > 0 ? std::max(imageX + imageSize + w * 0.05f,
                                      imageX + imageSize * 0.5f + frame.columnLabel + font * 0.6f)
                           : pad + std::max(inputW, 0.5f * frame.columnLabel);

    // Discs: every layer spaced as if it had at least `rows` neurons (the widest layer's count,
    // up to kColumnRows); a layer with more than that is staggered in two rows, each disc as
    // large as its neighbours in the same row allow (2.5 radii apart, as in one row).
    int widest = 1;
    for (int l = 1; l < layers; ++l)
        widest = std::max(widest, sizes[size_t(l)]);
    const int rows = std::min(widest, kColumnRows);
    const float fullR = std::min(colH / float(rows) * 0.40f, w * 0.022f);
    columnX.assign(size_t(layers), inputX);
    radius.assign(size_t(layers), 0.0f);
    pitch.assign(size_t(layers), colH / float(rows));
    stagger.assign(size_t(layers), 0.0f);
    for (int l = 1; l < layers; ++l) {
        const int n = std::max(sizes[size_t(l)], 1);
        const float p = colH / float(std::max(n, rows));
        const bool zigzag = n > rows;
        const float r = std::max(2.0f, std::min(p * (zigzag ? 0.80f : 0.40f), fullR));
        pitch[size_t(l)] = p;
        radius[size_t(l)] = r;
        // Neighbours j, j + 1 sit in different rows: 2.5 r apart when the rows are this far.
        if (zigzag) stagger[size_t(l)] = 0.5f * std::sqrt(std::max(0.0f, 6.25f * r * r - p * p));
    }

    // Columns: the first hidden one at 42 % of the width past the input column (room for the
    // fan of input edges), the others evenly up to the output; closer to the input when the
    // columns would stand closer than their labels are wide. The output's labels go right of it.
    const int last = layers - 1;
    // Room for a label and its value ("7 .93", "Ankle boot .93").
    const float labelRoom = std::max(font * 5.8f, frame.outputLabel + font * 3.6f);
    const float span = std::max(1.0f, w - labelRoom - (last > 0 ? halfWidth(last) : 0.0f) - inputX);
    float fan = 0.42f;
    if (layers > 2) {
        const float need = float(layers - 2) * (frame.columnLabel + font);
        fan = std::clamp(1.0f - need / span, 0.2f, fan);
    }
    for (int l = 1; l < layers; ++l) {
        const float t = layers > 2 ? float(l - 1) / float(layers - 2) : 1.0f;
        columnX[size_t(l)] = inputX + span * (fan + (1.0f - fan) * t);
    }
}

float NetworkLayout::inputY(int i) const
{
    return top + (float(i) + 0.5f) * (bottom - top) / float(std::max(inputs, 1));
}

float NetworkLayout::neuronX(int layer, int j) const
{
    const float h = stagger[size_t(layer)];
    return columnX[size_t(layer)] + (j % 2 ? h : -h);
}

float NetworkLayout::neuronY(int layer, int j) const
{
    const float mid = 0.5f * (top + bottom);
    const int n = count[size_t(layer)];
    return mid + (float(j) - 0.5f * float(n - 1)) * pitch[size_t(layer)];
}

float NetworkLayout::halfWidth(int layer) const
{
    return stagger[size_t(layer)] + radius[size_t(layer)];
}

std::optional<NeuronRef> NetworkLayout::hitTest(float x, float y) const
{
    for (int l = 1; l < layers(); ++l) {
        const float r = radius[size_t(l)] + 2.0f * scale;
        if (std::fabs(x - columnX[size_t(l)]) > stagger[size_t(l)] + r) continue;
        for (int j = 0; j < count[size_t(l)]; ++j) {
            const float dx = x - neuronX(l, j), dy = y - neuronY(l, j);
            if (dx * dx + dy * dy <= r * r) return NeuronRef{l, j};
        }
    }
    // An input: a cell of the picture, or of the compressed column.
    if (imageSide > 0 && x >= imageX && x < imageX + imageSize && y >= imageY &&
        y < imageY + imageSize) {
        const float cells = float(imageSide);
        const int cx = std::clamp(int((x - imageX) / imageSize * cells), 0, imageSide - 1);
        const int cy = std::clamp(int((y - imageY) / imageSize * cells), 0, imageSide - 1);
        return NeuronRef{0, cy * imageSide + cx};
    }
    if (inputs > 0 && std::fabs(x - inputX) <= inputW + 2.0f * scale && y >= top && y < bottom) {
        const int i = int((y - top) / (bottom - top) * float(inputs));
        return NeuronRef{0, std::clamp(i, 0, inputs - 1)};
    }
    return std::nullopt;
}

void NetworkLayout::edgeEnds(int l, int i, int j, float& x0, float& y0, float& x1, float& y1) const
{
    x0 = l == 0 ? inputX + 0.5f * inputW : neuronX(l, i) + radius[size_t(l)];
    y0 = l == 0 ? inputY(i) : neuronY(l, i);
    x1 = neuronX(l + 1, j) - radius[size_t(l + 1)];
    y1 = neuronY(l + 1, j);
}

std::optional<EdgeRef> NetworkLayout::edgeAt(float x, float y, float tolerance) const
{
    for (int l = 1; l + 1 < layers(); ++l) {
        if (x < columnX[size_t(l)] || x > columnX[size_t(l + 1)]) continue;
        std::optional<EdgeRef> best;
        float bestD = tolerance * tolerance;
        for (int i = 0; i < count[size_t(l)]; ++i)
            for (int j = 0; j < count[size_t(l + 1)]; ++j) {
                float x0, y0, x1, y1;
                edgeEnds(l, i, j, x0, y0, x1, y1);
                const float dx = x1 - x0, dy = y1 - y0, len2 = dx * dx + dy * dy;
                if (len2 <= 0 || x < x0 || x > x1) continue; // only between its ends
                const float t = std::clamp(((x - x0) * dx + (y - y0) * dy) / len2, 0.0f, 1.0f);
                const float ex = x0 + t * dx - x, ey = y0 + t * dy - y;
                if (ex * ex + ey * ey < bestD) {
                    bestD = ex * ex + ey * ey;
                    best = EdgeRef{l, i, j};
                }
            }
        return best;
    }
    return std::nullopt;
}

} // namespace nnviz::gui
