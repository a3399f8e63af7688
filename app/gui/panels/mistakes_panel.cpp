// MistakesPanel: see mistakes_panel.hpp.
#include "app/gui/panels/mistakes_panel.hpp"

#include "app/gui/widgets/colors.hpp"
#include "app/gui/widgets/form_widgets.hpp"
#include "app/gui/widgets/heatmap_widgets.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <cstdio>

namespace nnviz::gui {
namespace {

// The largest count off the diagonal: the red scale's top (at least 1).
int maxMistakes(const Evaluation& score)
{
    int m = 1;
    for (size_t t = 0; t < score.confusion.size(); ++t)
        for (size_t a = 0; a < score.confusion[t].size(); ++a)
            if (t != a) m = std::max(m, score.confusion[t][a]);
    return m;
}

int rowTotal(const Evaluation& score, int truth)
{
    int n = 0;
    for (int c : score.confusion[size_t(truth)])
        n += c;
    return n;
}

// The headline, or why there is no score yet.
bool drawHeadline(const Snapshot& snap)
{
    if (!snap.score.test) {
        if (!snap.data.testSetError.empty())
            ImGui::TextColored(kWarningText, "%s", snap.data.testSetError.c_str());
        else if (snap.data.testSetLoading)
            ImGui::TextDisabled("Reading the test set…");
        else
            ImGui::TextDisabled("Scored on the test set when the training run ends.");
        return false;
    }
    const Evaluation& s = *snap.score.test;
    ImGui::Text("Test accuracy %.2f %% on %s images (scored in %.1f ms)%s", s.accuracy * 100.0,
                withThousands(static_cast<long long>(s.count)).c_str(), snap.score.ms,
                snap.training.running ? "; training: scored again when the run ends" : "");
    ImGui::PushTextWrapPos(0); // a narrow window wraps it rather than cutting it off
    ImGui::TextDisabled("Rows: the true class. Columns: the network's answer. Click a cell to see "
                        "its images in the Data tab, the most confident first.");
    ImGui::PopTextWrapPos();
    return true;
}

} // namespace

void MistakesPanel::draw(const Snapshot& snap, UiRequests& req, WidgetRects& widgets)
{
    if (!drawHeadline(snap)) return;
    drawMatrix(snap, req, *snap.score.test);
    recordItem(widgets, "mistakes_matrix");
}

void MistakesPanel::drawMatrix(const Snapshot& snap, UiRequests& req, const Evaluation& score)
{
    const int n = int(score.confusion.size());
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float fs = ImGui::GetFontSize();
    // Rows are labelled with the class ("7", or "0 T-shirt/top" for clothes: the columns, too
    // narrow for names, show the numbers).
    const bool named = snap.dataset() != DatasetKind::Mnist;
    const auto rowLabel = [&](int k) {
        return named ? std::to_string(k) + " " + snap.className(k) : snap.className(k);
    };
    float labelW = 0;
    for (int i = 0; i < n; ++i)
        labelW = std::max(labelW, ImGui::CalcTextSize(rowLabel(i).c_str()).x + fs * 0.6f);
    // A label column, n cells and an accuracy column (3 cells wide).
    const float side = std::max(4.0f, std::min((avail.x * 0.7f - labelW) / float(n + 3),
                                               (avail.y - fs * 0.5f) / float(n + 1)));
    labelW = std::max(labelW, side);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 grid(origin.x + labelW, origin.y + side); // the first cell's corner
    ImGui::InvisibleButton("##confusion",
                           ImVec2(labelW + side * float(n + 3), side * float(n + 1)));
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const int worst = maxMistakes(score);
    const Cell browsed = browsedCell(snap);
    const ImU32 label = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    char text[32];
    for (int i = 0; i < n; ++i) {
        const std::string row = rowLabel(i);
        const ImVec2 rs = ImGui::CalcTextSize(row.c_str());
        dl->AddText(ImVec2(grid.x - rs.x - (named ? fs * 0.3f : (side - rs.x) * 0.5f),
                           grid.y + side * float(i) + (side - rs.y) * 0.5f),
                    label, row.c_str());
        std::snprintf(text, sizeof text, "%d", i);
        const ImVec2 ts = ImGui::CalcTextSize(text);
        dl->AddText(ImVec2(grid.x + side * float(i) + (side - ts.x) * 0.5f,
                           origin.y + (side - ts.y) * 0.5f),
                    label, text);
        std::snprintf(text, sizeof text, "%.1f %%", score.perClass[size_t(i)] * 100.0);
        dl->AddText(ImVec2(grid.x + side * float(n) + side * 0.3f,
                           grid.y + side * float(i) + (side - ts.y) * 0.5f),
                    packRgba8(signedColor(float(score.perClass[size_t(i)]), 1.0f)), text);
        for (int j = 0; j < n; ++j)
            drawCell(dl, ImVec2(grid.x + side * float(j), grid.y + side * float(i)), side, score,
                     {i, j}, worst, browsed);
    }
    if (!hovered) return;
    const ImVec2 m = ImGui::GetIO().MousePos;
    const Cell c{int((m.y - grid.y) / side), int((m.x - grid.x) / side)};
    if (m.x < grid.x || m.y < grid.y || c.truth >= n || c.answer >= n) return;
    const int count = score.confusion[size_t(c.truth)][size_t(c.answer)];
    ImGui::SetTooltip("%s: %d of the %d test images of %s answered %s (click: see them in the "
                      "Data tab)",
                      c.truth == c.answer ? "right" : "mistaken", count, rowTotal(score, c.truth),
                      snap.className(c.truth).c_str(), snap.className(c.answer).c_str());
    if (ImGui::IsItemClicked(ImGuiMouseButton_Left)) openInBrowser(snap, req, c);
}

void MistakesPanel::drawCell(ImDrawList* dl, ImVec2 at, float side, const Evaluation& score, Cell c,
                             int worst, Cell browsed) const
{
    const int count = score.confusion[size_t(c.truth)][size_t(c.answer)];
    const int total = std::max(1, rowTotal(score, c.truth));
    // Green: the share of the class answered right; red: the mistakes, against the worst cell.
    const float v =
        c.truth == c.answer ? float(count) / float(total) : -float(count) / float(worst);
    const ImVec2 end(at.x + side - 1, at.y + side - 1);
    dl->AddRectFilled(at, end, packRgba8(signedColor(count ? v : 0.0f, 1.0f)));
    if (c == browsed) dl->AddRect(at, end, kSelectColor, 0, 0, 2.0f);
    if (count == 0 || side < ImGui::GetFontSize() * 1.2f) return;
    char text[16];
    std::snprintf(text, sizeof text, "%d", count);
    const ImVec2 ts = ImGui::CalcTextSize(text);
    if (ts.x > side - 2) return;
    const bool bright = std::abs(v) > 0.6f;
    dl->AddText(ImVec2(at.x + (side - ts.x) * 0.5f, at.y + (side - ts.y) * 0.5f),
                bright ? IM_COL32(10, 10, 14, 255) : IM_COL32(225, 225, 235, 255), text);
}

void MistakesPanel::openInBrowser(const Snapshot& snap, UiRequests& req, Cell c)
{
    BrowseRequest b; // the shown model's test set: what the matrix scores
    b.kind = snap.dataset();
    b.split = Split::Test;
    b.filter.truth = c.truth;
    b.filter.answer = c.answer;
    b.filter.order = BrowseOrder::MostConfident;
    req.browse = b;
    req.showDataTab = true;
}

MistakesPanel::Cell MistakesPanel::browsedCell(const Snapshot& snap)
{
    const BrowserState& b = snap.browser;
    if (b.kind != snap.dataset() || b.split != Split::Test || b.filter.truth < 0 ||
        b.filter.answer < 0)
        return {};
    return {b.filter.truth, b.filter.answer};
}

} // namespace nnviz::gui
