// drawCompareDiagram: see compare_diagram.hpp. A layer too tall for one column of discs at least
// kMinPitch apart is dealt into side-by-side sub-columns (neuron j in sub-column j mod k).
#include "app/gui/panels/compare_diagram.hpp"

#include "app/gui/widgets/colors.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace nnviz::gui {
namespace {

constexpr float kMinPitch = 5.0f;  // px between neighbouring discs of a column
constexpr int kEdgesPerNeuron = 3; // the strongest incoming contributions drawn

ImU32 toU32(const Rgba& c, float alpha = 1.0f)
{
    return ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, c.a * alpha));
}

// Where a layer's neurons go: n discs in `sub` sub-columns around x.
struct Column {
    float x = 0, top = 0, pitch = 0, r = 0, dx = 0;
    int sub = 1;
    ImVec2 at(int j) const
    {
        const float s = float(j % sub) - float(sub - 1) * 0.5f;
        return {x + s * dx, top + (float(j / sub) + 0.5f) * pitch};
    }
};

Column layoutColumn(int n, float x, float top, float height, float room)
{
    Column c;
    c.x = x;
    c.top = top;
    const int perColumn = std::max(1, int(height / kMinPitch));
    c.sub = (n + perColumn - 1) / perColumn;
    const int rows = (n + c.sub - 1) / c.sub;
    c.pitch = height / float(std::max(rows, 1));
    c.r = std::clamp(c.pitch * 0.42f, 1.5f, ImGui::GetFontSize() * 0.5f);
    c.dx = c.r * 2.3f;
    if (c.sub > 1 && c.dx * float(c.sub) > room) { // narrower discs for a crowded layer
        c.dx = room / float(c.sub);
        c.r = std::min(c.r, c.dx * 0.45f);
    }
    return c;
}

// Neuron j of layer l (1..L) as the network view lights it: sigmoid and softmax as they are,
// ReLU relative to the layer's largest activation.
float brightness(const DiagramContent& c, int l, int j)
{
    const Eigen::VectorXf& a = c.trace->a[size_t(l)];
    if (c.net->activationOf(l - 1) != Activation::Relu) return a[j];
    const float top = a.maxCoeff();
    return top > 0 ? a[j] / top : 0.0f;
}

// Each neuron of layer l (2..L)'s kEdgesPerNeuron largest |w·a| from layer l − 1, with their
// colours on the layer's largest |w·a|.
void drawStrongestEdges(ImDrawList* dl, const DiagramContent& c, int l, const Column& from,
                        const Column& to)
{
    const Eigen::MatrixXf& W = c.net->layers[size_t(l - 1)].W; // (sizes[l], sizes[l − 1])
    const Eigen::VectorXf& a = c.trace->a[size_t(l - 1)];      // (sizes[l − 1])
    struct Edge {
        int from = -1, to = 0;
        float v = 0;
    };
    std::vector<Edge> edges;
    edges.reserve(size_t(W.rows()) * kEdgesPerNeuron);
    float scale = 0;
    for (int j = 0; j < W.rows(); ++j) {
        std::array<Edge, kEdgesPerNeuron> best{};
        for (int i = 0; i < W.cols(); ++i) {
            const float v = W(j, i) * a[i];
            if (best.back().from >= 0 && std::fabs(v) <= std::fabs(best.back().v)) continue;
            best.back() = {i, j, v};
            std::sort(best.begin(), best.end(), [](const Edge& x, const Edge& y) {
                return x.from >= 0 && (y.from < 0 || std::fabs(x.v) > std::fabs(y.v));
            });
        }
        for (const Edge& e : best)
            if (e.from >= 0 && e.v != 0) {
                edges.push_back(e);
                scale = std::max(scale, std::fabs(e.v));
            }
    }
    for (const Edge& e : edges) {
        const float t = std::fabs(e.v) / scale;
        // One pixel wide (ImGui's textured line): thicker lines cost the software renderer
        // ~1.5 ms more a frame (measured under llvmpipe); strength shows in the colour.
        dl->AddLine(from.at(e.from), to.at(e.to),
                    toU32(signedColor(e.v, scale), 0.25f + 0.75f * t));
    }
}

void drawOutputLabels(ImDrawList* dl, const DiagramContent& c, const Column& col, ImVec2 max)
{
    const float fs = ImGui::GetFontSize();
    const int n = c.net->outputSize();
    // Every label when they fit, else every step-th and the answer's.
    const int step = std::max(1, int(std::ceil(fs * 0.9f / std::max(col.pitch, 1.0f))));
    for (int k = 0; k < n; ++k) {
        const ImVec2 p = col.at(k);
        const bool answer = k == c.answer;
        if (k % step != 0 && !answer) continue;
        const ImU32 text = answer ? c.accent : ImGui::GetColorU32(ImGuiCol_TextDisabled);
        const std::string label = c.className(k);
        const float y = p.y - fs * 0.5f;
        if (y + fs * 0.6f > max.y) break;
        dl->AddText(ImVec2(p.x + col.r + fs * 0.35f, y), text, label.c_str());
    }
}

} // namespace

std::optional<DiagramHover> drawCompareDiagram(ImDrawList* dl, ImVec2 min, ImVec2 max,
                                               const DiagramContent& c)
{
    const int L = c.net->layerCount();
    if (L < 1 || c.trace->a.size() != size_t(L + 1)) return std::nullopt;
    const float fs = ImGui::GetFontSize();
    float labelW = 0;
    for (int k = 0; k < c.net->outputSize(); ++k)
        labelW = std::max(labelW, ImGui::CalcTextSize(c.className(k).c_str()).x);
    const float width = max.x - min.x, height = max.y - min.y;
    labelW = std::min(labelW + fs * 0.6f, width * 0.4f);
    const float margin = fs * 0.7f;
    const float span = std::max(1.0f, width - labelW - 2 * margin); // first to last column
    const float gap = L > 1 ? span / float(L - 1) : span;
    std::vector<Column> cols(size_t(L + 1));
    for (int l = 1; l <= L; ++l) {
        const float x = L > 1 ? min.x + margin + gap * float(l - 1) : min.x + margin + span * 0.5f;
        cols[size_t(l)] =
            layoutColumn(c.net->sizes[size_t(l)], x, min.y + 2, height - 4, gap * 0.6f);
    }
    dl->PushClipRect(min, max, true);
    if (c.strongestEdges)
        for (int l = 2; l <= L; ++l)
            drawStrongestEdges(dl, c, l, cols[size_t(l - 1)], cols[size_t(l)]);

    std::optional<DiagramHover> hover;
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const bool inside = ImGui::IsWindowHovered() && ImGui::IsMouseHoveringRect(min, max);
    for (int l = 1; l <= L; ++l) {
        const Column& col = cols[size_t(l)];
        for (int j = 0; j < c.net->sizes[size_t(l)]; ++j) {
            const ImVec2 p = col.at(j);
            dl->AddCircleFilled(p, col.r, toU32(activationColor(brightness(c, l, j))));
            if (isDead(c.activity, l, j)) dl->AddCircle(p, col.r + 1.5f, kDeadRing, 0, 1.5f);
            if (l == L && j == c.answer) dl->AddCircle(p, col.r + 3.0f, c.accent, 0, 2.5f);
            const float dx = mouse.x - p.x, dy = mouse.y - p.y;
            const float reach = std::max(col.r, 3.0f);
            if (inside && dx * dx + dy * dy <= reach * reach) hover = DiagramHover{l, j};
        }
    }
    drawOutputLabels(dl, c, cols[size_t(L)], max);
    dl->PopClipRect();
    return hover;
}

} // namespace nnviz::gui
