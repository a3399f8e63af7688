// ComparePanel: see compare_panel.hpp. Rows: the chooser (combo, Swap, edges), the banner; then
// three columns: the shown network's card, the paired output bars with the disagreements'
// stepper, the second network's card.
//
// [SECTION] The two sides
// [SECTION] Chooser and banner
// [SECTION] A network's card
// [SECTION] Paired bars and disagreements
#include "app/gui/panels/compare_panel.hpp"

#include "app/gui/panels/compare_diagram.hpp"
#include "app/gui/widgets/form_widgets.hpp"
#include "app/gui/widgets/format.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace nnviz::gui {
namespace {

const ImU32 kShownAccent = IM_COL32(100, 170, 255, 255); // the shown network, "A"
const ImU32 kSecondAccent = IM_COL32(255, 165, 60, 255); // the second one, "B"
const ImU32 kDisagreeFill = IM_COL32(170, 40, 40, 255);  // the banner when they differ
const ImU32 kAgreeFill = IM_COL32(40, 115, 60, 255);     // when they agree
const ImU32 kNeutralFill = IM_COL32(45, 47, 58, 255);    // nothing drawn yet
// The columns are laid out to fit: no scrolling.
constexpr ImGuiWindowFlags kFixedChild =
    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse;

std::string percent(double fraction)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f %%", fraction * 100);
    return buf;
}

// "0 · 3 of 16 · 16": a ReLU network's dead neurons per hidden layer.
std::string deadText(const Network& net, const LayerActivity& activity)
{
    std::string dead, of;
    for (int l = 1; l < net.layerCount(); ++l) {
        const char* sep = l > 1 ? " \xC2\xB7 " : "";
        dead += sep + std::to_string(activity.dead[size_t(l)]);
        of += sep + std::to_string(net.sizes[size_t(l)]);
    }
    return dead + " of " + of;
}

// [SECTION] The two sides

ComparePanel::Side shownSide(const Snapshot& snap)
{
    ComparePanel::Side s;
    s.net = snap.model.net.get();
    s.name = snap.model.name;
    s.trace = &snap.output.trace;
    s.answer = snap.input.ink ? snap.output.answer : -1;
    s.confidence = snap.output.confidence;
    if (snap.score.weightsVersion == snap.model.weightsVersion) s.test = snap.score.test.get();
    s.activity = snap.compare.shownActivity.get();
    s.working = snap.compare.working && !s.activity;
    s.accent = kShownAccent;
    s.role = "A, the shown network";
    return s;
}

ComparePanel::Side secondSide(const Snapshot& snap)
{
    const CompareState& c = snap.compare;
    ComparePanel::Side s;
    s.net = c.net.get();
    s.name = c.name;
    s.trace = &c.trace;
    s.answer = snap.input.ink ? c.answer : -1;
    s.confidence = c.confidence;
    s.test = c.test.get();
    s.activity = c.activity.get();
    s.working = c.working && !c.test;
    s.accent = kSecondAccent;
    s.role = "B, the network beside it";
    return s;
}

} // namespace

void ComparePanel::draw(const Snapshot& snap, UiRequests& req, WidgetRects& widgets)
{
    req.compareShown = true; // the model side follows the input with the second network
    const CompareState& c = snap.compare;
    const float fs = ImGui::GetFontSize();
    const ImGuiStyle& style = ImGui::GetStyle();
    // One row: the banner, then the chooser at the right.
    const float comboW = std::min(fs * 14, ImGui::GetContentRegionAvail().x * 0.3f);
    const float chooserW = comboW + ImGui::CalcTextSize("Swap").x + ImGui::CalcTextSize("edges").x +
                           ImGui::GetFrameHeight() + style.FramePadding.x * 4 +
                           style.ItemSpacing.x * 4 + style.ItemInnerSpacing.x;
    drawVerdict(snap, ImGui::GetContentRegionAvail().x - chooserW, widgets);
    ImGui::SameLine();
    drawChooser(snap, req, widgets, comboW);
    if (c.failed) {
        ImGui::PushStyleColor(ImGuiCol_Text, kErrorText);
        ImGui::TextUnformatted(c.message.c_str());
        ImGui::PopStyleColor();
    }
    if (!snap.model.net || !c.net || c.trace.a.empty()) return;
    const Side a = shownSide(snap), b = secondSide(snap);

    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float gap = ImGui::GetStyle().ItemSpacing.x * 2;
    const float barsW = std::clamp(avail.x * 0.30f, ImGui::GetFontSize() * 12, avail.x * 0.4f);
    const float sideW = std::max(1.0f, (avail.x - barsW - 2 * gap) * 0.5f);
    ImGui::BeginChild("##cmp_a", ImVec2(sideW, avail.y), false, kFixedChild);
    drawSide(snap, a, ImVec2(sideW, avail.y));
    ImGui::EndChild();
    ImGui::SameLine(0, gap);
    ImGui::BeginChild("##cmp_bars", ImVec2(barsW, avail.y), false, kFixedChild);
    drawPairedBars(snap, a, b, ImVec2(barsW, avail.y - ImGui::GetFrameHeightWithSpacing() * 2));
    drawDisagreements(snap, req, widgets);
    ImGui::EndChild();
    ImGui::SameLine(0, gap);
    ImGui::BeginChild("##cmp_b", ImVec2(sideW, avail.y), false, kFixedChild);
    drawSide(snap, b, ImVec2(sideW, avail.y));
    ImGui::EndChild();
}

// [SECTION] Chooser and banner

void ComparePanel::drawChooser(const Snapshot& snap, UiRequests& req, WidgetRects& widgets,
                               float comboW)
{
    const CompareState& c = snap.compare;
    const char* how = c.choice.source == CompareSource::Partner  ? "  \xC2\xB7 bundled pair"
                      : c.choice.source == CompareSource::Pinned ? "  \xC2\xB7 pinned"
                                                                 : "  \xC2\xB7 file";
    const std::string preview = c.net ? c.name + how : "…";
    ImGui::SetNextItemWidth(comboW);
    const bool open = ImGui::BeginCombo("##compare_with", preview.c_str());
    recordItem(widgets, "compare_with");
    if (open) {
        auto item = [&](const std::string& label, const CompareChoice& choice, int i) {
            ImGui::PushID(i);
            if (ImGui::Selectable(label.c_str())) req.compareWith = choice;
            ImGui::PopID();
            recordItem(widgets, ("compare_item_" + std::to_string(i)).c_str());
        };
        item("the other bundled model (what A swaps to)", {CompareSource::Partner, {}}, 0);
        item("the shown network as it is now (pinned)", {CompareSource::Pinned, {}}, 1);
        for (size_t i = 0; i < snap.files.models.size(); ++i)
            item(snap.files.models[i].string(), {CompareSource::File, snap.files.models[i]},
                 int(i) + 2);
        ImGui::EndCombo();
    } else if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("%s\n\nThe network beside the shown one: the other bundled model, the\n"
                          "shown one as it is now (then edit, step or train it and compare),\n"
                          "or a file.",
                          c.net ? (c.name + how).c_str() : "");
    }
    ImGui::SameLine();
    if (ImGui::Button("Swap")) req.compareSwap = true;
    recordItem(widgets, "compare_swap");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Show the network beside it instead; the shown one goes beside it.");
    ImGui::SameLine();
    ImGui::Checkbox("edges", &m_strongestEdges);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Each neuron's three largest contributions w\xC2\xB7"
                          "a from the layer "
                          "before,\ngreen raising it, red lowering it.");
}

// The headline: whether the two networks read the drawing alike, on a red, green or grey band.
void ComparePanel::drawVerdict(const Snapshot& snap, float width, WidgetRects& widgets)
{
    const float fs = ImGui::GetFontSize();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const ImVec2 size(std::max(width, fs), ImGui::GetFrameHeight());
    const CompareState& c = snap.compare;
    const int a = snap.input.ink ? snap.output.answer : -1, b = snap.input.ink ? c.answer : -1;
    ImGui::Dummy(size);
    recordItem(widgets, "compare_verdict");
    std::string text;
    ImU32 fill = kNeutralFill;
    if (snap.compare.differ(snap.output, snap.input.ink)) {
        fill = kDisagreeFill;
        text = "They disagree: " + snap.className(a) + " vs " + snap.className(b);
    } else if (c.net && a >= 0 && b >= 0) {
        fill = kAgreeFill;
        text = "Both read " + snap.className(a);
    } else {
        text = std::string("Draw ") + snap.drawingNoun() + ": both networks read it";
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), fill, 4.0f);
    // Large, smaller when a long class name would not fit.
    const float wide = ImGui::CalcTextSize(text.c_str()).x * 1.2f;
    const float big = fs * 1.2f * std::clamp((size.x - fs) / std::max(wide, 1.0f), 0.7f, 1.0f);
    dl->PushClipRect(p, ImVec2(p.x + size.x, p.y + size.y), true);
    dl->AddText(ImGui::GetFont(), big, ImVec2(p.x + fs * 0.5f, p.y + (size.y - big) * 0.5f),
                IM_COL32_WHITE, text.c_str());
    dl->PopClipRect();
}

// [SECTION] A network's card

void ComparePanel::drawSide(const Snapshot& snap, const Side& s, ImVec2 size)
{
    const Network& net = *s.net;
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(s.accent));
    if (s.answer >= 0)
        ImGui::Text("\xE2\x96\xA0 %s reads %s (%.0f %%)", s.name.c_str(),
                    snap.className(s.answer).c_str(), double(s.confidence * 100));
    else
        ImGui::Text("\xE2\x96\xA0 %s", s.name.c_str());
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s: %s", s.role, s.name.c_str());
    const std::string score = s.test      ? percent(s.test->accuracy)
                              : s.working ? "scoring…"
                                          : "no test score";
    ImGui::TextDisabled("%s \xC2\xB7 %s \xC2\xB7 %s", architectureText(net.sizes, "-").c_str(),
                        activationText(net.hidden).name, score.c_str());
    if (net.hidden != Activation::Relu)
        ImGui::TextDisabled("no dead neurons: \xCF\x83 > 0");
    else if (s.activity)
        ImGui::Text("dead: %s", deadText(net, *s.activity).c_str());
    else
        ImGui::TextDisabled(s.working ? "counting dead neurons…" : "dead neurons: no test set");
    if (ImGui::IsItemHovered() && net.hidden == Activation::Relu)
        ImGui::SetTooltip("ReLU neurons never active (a = 0) on any test image, per hidden layer;\n"
                          "ringed in the diagram. They pass nothing on and learn nothing.");

    const ImVec2 min = ImGui::GetCursorScreenPos();
    const ImVec2 max(min.x + size.x, min.y + std::max(1.0f, ImGui::GetContentRegionAvail().y));
    DiagramContent content;
    content.net = &net;
    content.trace = s.trace;
    content.answer = s.answer;
    content.activity = s.activity;
    content.className = [&snap](int k) { return snap.className(k); };
    content.accent = s.accent;
    content.strongestEdges = m_strongestEdges;
    const auto hover = drawCompareDiagram(ImGui::GetWindowDrawList(), min, max, content);
    ImGui::Dummy(ImVec2(size.x, max.y - min.y));
    if (!hover) return;
    const int l = hover->layer, j = hover->neuron;
    const std::string what =
        l == net.layerCount()
            ? "output " + std::to_string(j) + " (" + snap.className(j) + ")"
            : "hidden layer " + std::to_string(l) + ", neuron " + std::to_string(j);
    ImGui::SetTooltip("%s, %s: a = %.3f%s", s.name.c_str(), what.c_str(),
                      double(s.trace->a[size_t(l)][j]),
                      isDead(s.activity, l, j) ? "\ndead: never active on the test set" : "");
}

// [SECTION] Paired bars and disagreements

// One row per class: A's output above B's, the class's name, and B − A.
void ComparePanel::drawPairedBars(const Snapshot& snap, const Side& a, const Side& b, ImVec2 size)
{
    const Eigen::VectorXf &oa = a.trace->output(), &ob = b.trace->output();
    const int n = int(std::min(oa.size(), ob.size()));
    const float fs = ImGui::GetFontSize();
    ImGui::TextDisabled("A above, B below \xC2\xB7 B \xE2\x88\x92 A");
    const float rowH =
        std::clamp((size.y - ImGui::GetTextLineHeightWithSpacing()) / float(std::max(n, 1)),
                   fs * 0.75f, fs * 1.8f);
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 0));
    float nameW = 0;
    for (int k = 0; k < n; ++k)
        nameW = std::max(nameW, ImGui::CalcTextSize(snap.className(k).c_str()).x);
    const float labelW = nameW + fs * 0.5f, diffW = fs * 3.2f;
    const float barW = std::max(10.0f, size.x - labelW - diffW);
    const bool probabilities =
        a.net->output == Activation::Softmax && b.net->output == Activation::Softmax;
    const float top = probabilities ? 1.0f : std::max({1.0f, oa.maxCoeff(), ob.maxCoeff()});
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (int k = 0; k < n; ++k) {
        const ImVec2 p = ImGui::GetCursorScreenPos();
        ImGui::Dummy(ImVec2(size.x, rowH));
        const bool answered = k == a.answer || k == b.answer;
        const ImU32 label = k == a.answer   ? a.accent
                            : k == b.answer ? b.accent
                                            : ImGui::GetColorU32(ImGuiCol_TextDisabled);
        dl->AddText(ImVec2(p.x, p.y + (rowH - fs) * 0.5f), label, snap.className(k).c_str());
        const float x0 = p.x + labelW, half = rowH * 0.4f;
        dl->AddRectFilled(ImVec2(x0, p.y + rowH * 0.1f), ImVec2(x0 + barW, p.y + rowH * 0.9f),
                          ImGui::GetColorU32(ImGuiCol_FrameBg), 2.0f);
        const float ta = std::clamp(oa[k] / top, 0.0f, 1.0f),
                    tb = std::clamp(ob[k] / top, 0.0f, 1.0f);
        dl->AddRectFilled(ImVec2(x0, p.y + rowH * 0.1f),
                          ImVec2(x0 + barW * ta, p.y + rowH * 0.1f + half), a.accent, 2.0f);
        dl->AddRectFilled(ImVec2(x0, p.y + rowH * 0.5f),
                          ImVec2(x0 + barW * tb, p.y + rowH * 0.5f + half), b.accent, 2.0f);
        char diff[32];
        std::snprintf(diff, sizeof diff, "%+.2f", double(ob[k] - oa[k]));
        dl->AddText(ImVec2(x0 + barW + fs * 0.3f, p.y + (rowH - fs) * 0.5f),
                    answered ? ImGui::GetColorU32(ImGuiCol_Text)
                             : ImGui::GetColorU32(ImGuiCol_TextDisabled),
                    diff);
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%s: A (%s) %.4f, B (%s) %.4f, B \xE2\x88\x92 A %+.4f",
                              snap.className(k).c_str(), a.name.c_str(), double(oa[k]),
                              b.name.c_str(), double(ob[k]), double(ob[k] - oa[k]));
    }
    ImGui::PopStyleVar();
}

// How many test images the two answer differently, and ◀ ▶ to put them on the pad one by one.
void ComparePanel::drawDisagreements(const Snapshot& snap, UiRequests& req, WidgetRects& widgets)
{
    const CompareState& c = snap.compare;
    ImGui::SetCursorPosY(std::max(
        ImGui::GetCursorPosY(), ImGui::GetWindowHeight() - ImGui::GetFrameHeightWithSpacing() * 2));
    if (!c.disagreements || !snap.data.testSet) {
        ImGui::TextDisabled(c.working ? "scoring both on the test set…"
                                      : "test images: once both are scored");
        return;
    }
    const std::vector<uint32_t>& list = *c.disagreements;
    ImGui::Text("Differ on %s of %s", withThousands((long long)list.size()).c_str(),
                withThousands((long long)snap.data.testSet->size()).c_str());
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Test images the two networks answer differently (each scored on the\n"
                          "whole test set; the percentages beside the names are their accuracy).");
    if (list.empty()) return;
    m_cursor = std::min(m_cursor, list.size() - 1);
    int step = 0;
    if (ImGui::ArrowButton("##cmp_prev", ImGuiDir_Left)) step = -1;
    recordItem(widgets, "compare_prev");
    ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
    if (ImGui::ArrowButton("##cmp_next", ImGuiDir_Right)) step = 1;
    recordItem(widgets, "compare_next");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("The next test image they answer differently, onto the pad");
    ImGui::SameLine();
    const std::optional<ImageRef>& onPad = snap.input.fromSet;
    if (m_stepped && onPad && onPad->index == list[m_cursor])
        ImGui::Text("%zu / %zu: test image #%zu", m_cursor + 1, list.size(), onPad->index);
    else
        ImGui::TextDisabled("step through them on the pad");
    if (step == 0) return;
    const size_t n = list.size();
    m_cursor = !m_stepped ? (step > 0 ? 0 : n - 1) : (m_cursor + n + size_t(step)) % n;
    m_stepped = true;
    req.setImage = ImageRef{snap.data.kind, Split::Test, list[m_cursor]};
}

} // namespace nnviz::gui
