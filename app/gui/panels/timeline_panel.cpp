// TimelinePanel: see timeline_panel.hpp. The controls, the status line and the two curves (loss
// and test accuracy against batches, epoch ends marked, the shown snapshot as a yellow line).
//
// [SECTION] Layout and controls
// [SECTION] Curves
#include "app/gui/panels/timeline_panel.hpp"

#include "app/gui/widgets/form_widgets.hpp"
#include "app/gui/widgets/heatmap_widgets.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace nnviz::gui {
namespace {

constexpr ImU32 kLossColor = IM_COL32(110, 170, 255, 255);     // blue: not a sign colour
constexpr ImU32 kAccuracyColor = IM_COL32(235, 235, 240, 255); // white
constexpr ImU32 kEpochColor = IM_COL32(90, 90, 100, 255);
constexpr ImU32 kChartBackground = IM_COL32(20, 20, 26, 255);

// The entry the window shows: the scrubbed one, else the last (the latest weights).
size_t currentIndex(const TimelineState& t)
{
    return t.shown ? *t.shown : t.entries.size() - 1;
}

// "batch 1,200 of 1,875 · epoch 1" (the start: "start weights · batch 0 of 1,875").
std::string entryLabel(const TimelineState& t, size_t i)
{
    const TimelineEntry& e = t.entries[i];
    const std::string of = " of " + withThousands(std::max(t.totalBatches, e.batch));
    if (e.batch == 0) return "start weights · batch 0" + of;
    return "batch " + withThousands(e.batch) + of + " · epoch " + std::to_string(e.epoch);
}

// The x axis: batches 0 .. the run's length as asked (a cancelled run: as far as it went).
long long lastBatchOf(const TimelineState& t)
{
    return std::max<long long>(1, std::max(t.totalBatches, t.entries.back().batch));
}

// The entry nearest batch b.
size_t nearestEntry(const TimelineState& t, double b)
{
    size_t best = 0;
    for (size_t i = 1; i < t.entries.size(); ++i)
        if (std::fabs(double(t.entries[i].batch) - b) <
            std::fabs(double(t.entries[best].batch) - b))
            best = i;
    return best;
}

void explainEmpty(const Snapshot& snap)
{
    ImGui::PushTextWrapPos(0);
    if (!snap.timeline.enabled)
        ImGui::TextDisabled(
            "This network is too large for the timeline's %s MiB budget: no "
            "snapshots were kept.",
            withThousands(static_cast<long long>(snap.timeline.budget >> 20)).c_str());
    else if (snap.timeline.running)
        ImGui::TextDisabled("Loading the training set…");
    else
        ImGui::TextDisabled(
            "Train a network (Train tab, or T) and its weights are kept every few batches: then "
            "scrub back through the run here and watch the weight maps grow out of noise, the "
            "answer for your drawing and the test accuracy change with them.");
    ImGui::PopTextWrapPos();
}

} // namespace

// [SECTION] Layout and controls

void TimelinePanel::draw(const Snapshot& snap, UiRequests& req, WidgetRects& widgets)
{
    if (snap.timeline.entries.empty()) return explainEmpty(snap);
    handleKeys(snap, req);
    drawControls(snap, req, widgets);
    drawStatus(snap);
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float gap = ImGui::GetFontSize();
    const float curvesW = std::floor((avail.x - gap) * 0.4f);
    ImGui::BeginChild("##timeline_curves", ImVec2(curvesW, avail.y), false,
                      ImGuiWindowFlags_NoScrollbar);
    drawCurves(snap, req, widgets, ImGui::GetContentRegionAvail());
    ImGui::EndChild();
    ImGui::SameLine(0, gap);
    ImGui::BeginChild("##timeline_maps", ImVec2(0, avail.y), false, ImGuiWindowFlags_NoScrollbar);
    drawMaps(snap, req, widgets);
    ImGui::EndChild();
}

// ← → one snapshot, Home the start, End the latest weights (not while typing in a field).
void TimelinePanel::handleKeys(const Snapshot& snap, UiRequests& req) const
{
    if (ImGui::GetIO().WantTextInput) return;
    const TimelineState& t = snap.timeline;
    const size_t n = t.entries.size(), i = currentIndex(t);
    auto pressed = [](ImGuiKey key) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key)); };
    if (pressed(ImGuiKey_LeftArrow) && n > 1 && (t.shown ? i > 0 : true))
        req.scrubTo = t.shown ? i - 1 : n - 2; // from the latest: the snapshot before it
    if (pressed(ImGuiKey_RightArrow) && t.shown) {
        if (i + 1 < n)
            req.scrubTo = i + 1;
        else
            req.scrubLatest = true;
    }
    if (pressed(ImGuiKey_Home)) req.scrubTo = 0;
    if (pressed(ImGuiKey_End) && t.shown) req.scrubLatest = true;
}

void TimelinePanel::drawControls(const Snapshot& snap, UiRequests& req, WidgetRects& widgets)
{
    const TimelineState& t = snap.timeline;
    const float fs = ImGui::GetFontSize();
    if (ImGui::Button(t.playing ? "Pause" : "Play", ImVec2(fs * 4.5f, 0)))
        req.playTimeline = !t.playing;
    recordItem(widgets, "timeline_play");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Step through the run's snapshots from the start: the weight maps grow "
                          "out of noise");
    ImGui::SameLine();
    const float latestW = ImGui::CalcTextSize("Latest weights").x + fs * 1.2f;
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - latestW -
                            ImGui::GetStyle().ItemSpacing.x);
    int index = int(currentIndex(t));
    std::string text = entryLabel(t, size_t(index));
    if (!t.shown) text = (t.running ? "live: " : "latest: ") + text;
    // The label is the slider's format: a literal % would be read as a conversion.
    if (ImGui::SliderInt("##timeline", &index, 0, int(t.entries.size()) - 1, text.c_str(),
                         ImGuiSliderFlags_AlwaysClamp | ImGuiSliderFlags_NoInput))
        req.scrubTo = size_t(index);
    recordItem(widgets, "timeline_slider");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Drag to go back through the run (or ← →, Home, End): every panel shows "
                          "the weights of that moment");
    ImGui::SameLine();
    ImGui::BeginDisabled(!t.shown);
    if (ImGui::Button("Latest weights", ImVec2(latestW, 0))) req.scrubLatest = true;
    ImGui::EndDisabled();
    recordItem(widgets, "timeline_latest");
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip(t.running ? "Follow the run's weights again"
                                    : "Back to the trained weights (End)");
}

// Loss and accuracy at the shown snapshot, and what the timeline holds.
void TimelinePanel::drawStatus(const Snapshot& snap) const
{
    const TimelineState& t = snap.timeline;
    const size_t i = currentIndex(t);
    const TimelineEntry& e = t.entries[i];
    char text[256];
    int n = 0;
    if (std::isfinite(e.loss))
        n = std::snprintf(text, sizeof text, "loss %.3f", double(e.loss));
    else
        n = std::snprintf(text, sizeof text, "untrained");
    const float accuracy = t.accuracy[i];
    if (std::isfinite(accuracy) && (t.shown || !t.running))
        n += std::snprintf(text + n, sizeof text - size_t(n), " · test accuracy %.1f %%",
                           double(accuracy) * 100.0);
    ImGui::TextUnformatted(text);
    std::snprintf(text, sizeof text, "%zu snapshots · %.1f of %zu MiB · every %s batches",
                  t.entries.size(), double(t.bytes) / double(1 << 20), t.budget >> 20,
                  withThousands(t.interval).c_str());
    if (sameLineIfFits(text, ImGui::GetFontSize() * 1.5f))
        ImGui::TextDisabled("%s", text);
    else
        ImGui::NewLine();
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Kept within a fixed memory budget: when it is full, every other older "
                          "snapshot goes and they are taken half as often (the start, the latest "
                          "and the epoch ends stay)");
}

// [SECTION] Curves

namespace {

// One chart: a frame, epoch-end lines, the points (x: batch, y: value in [lo, hi]) joined, the
// shown snapshot's line, and a title with the value there.
struct Chart {
    ImVec2 p0, p1;
    long long lastBatch = 1;
    float lo = 0, hi = 1;
    float x(double batch) const { return p0.x + float(batch / double(lastBatch)) * (p1.x - p0.x); }
    float y(float v) const
    {
        return p1.y - std::clamp((v - lo) / std::max(hi - lo, 1e-6f), 0.0f, 1.0f) * (p1.y - p0.y);
    }
};

void drawFrame(ImDrawList* dl, const Chart& c, const TimelineState& t)
{
    dl->AddRectFilled(c.p0, c.p1, kChartBackground);
    for (const TimelineEntry& e : t.entries)
        if (e.epochEnd)
            dl->AddLine(ImVec2(c.x(double(e.batch)), c.p0.y), ImVec2(c.x(double(e.batch)), c.p1.y),
                        kEpochColor);
    dl->AddRect(c.p0, c.p1, kFrameColor);
}

void drawPoints(ImDrawList* dl, const std::vector<ImVec2>& points, ImU32 colour)
{
    if (points.size() >= 2) dl->AddPolyline(points.data(), int(points.size()), colour, 0, 1.5f);
    if (points.size() < 40)
        for (const ImVec2& p : points)
            dl->AddCircleFilled(p, 2.5f, colour);
}

} // namespace

void TimelinePanel::drawCurves(const Snapshot& snap, UiRequests& req, WidgetRects& widgets,
                               ImVec2 size)
{
    const TimelineState& t = snap.timeline;
    const float lineH = ImGui::GetTextLineHeightWithSpacing();
    const float chartH = std::floor((size.y - 2 * lineH - ImGui::GetStyle().ItemSpacing.y) / 2);
    if (chartH < lineH || size.x < 40) return;
    const size_t shown = currentIndex(t);

    // Both charts in one item: a press or drag anywhere on them scrubs to the nearest snapshot.
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("##curves", ImVec2(size.x, 2 * (chartH + lineH)));
    recordItem(widgets, "timeline_curves");
    ImDrawList* dl = ImGui::GetWindowDrawList();
    Chart loss{ImVec2(origin.x, origin.y + lineH),
               ImVec2(origin.x + size.x, origin.y + lineH + chartH), lastBatchOf(t), 0, 0};
    Chart acc = loss;
    acc.p0.y += chartH + lineH;
    acc.p1.y += chartH + lineH;
    acc.lo = 0;
    acc.hi = 1;

    std::vector<ImVec2> lossPoints, accPoints;
    for (const TimelineEntry& e : t.entries)
        if (std::isfinite(e.loss)) loss.hi = std::max(loss.hi, e.loss);
    for (size_t i = 0; i < t.entries.size(); ++i) {
        const double b = double(t.entries[i].batch);
        if (std::isfinite(t.entries[i].loss))
            lossPoints.emplace_back(loss.x(b), loss.y(t.entries[i].loss));
        if (std::isfinite(t.accuracy[i])) accPoints.emplace_back(acc.x(b), acc.y(t.accuracy[i]));
    }
    drawFrame(dl, loss, t);
    drawFrame(dl, acc, t);
    drawPoints(dl, lossPoints, kLossColor);
    drawPoints(dl, accPoints, kAccuracyColor);

    // Titles with the value at the shown snapshot, and its line.
    char text[96];
    const TimelineEntry& e = t.entries[shown];
    std::snprintf(text, sizeof text, std::isfinite(e.loss) ? "training loss %.3f" : "training loss",
                  double(e.loss));
    dl->AddText(ImVec2(origin.x, origin.y), kLossColor, text);
    const float a = t.accuracy[shown];
    if (std::isfinite(a))
        std::snprintf(text, sizeof text, "test accuracy %.1f %%", double(a) * 100.0);
    else
        std::snprintf(text, sizeof text, "test accuracy%s",
                      t.running ? " (each snapshot scored when the run ends)" : "");
    dl->AddText(ImVec2(origin.x, acc.p0.y - lineH), kAccuracyColor, text);
    const float xs = loss.x(double(e.batch));
    dl->AddLine(ImVec2(xs, loss.p0.y), ImVec2(xs, loss.p1.y), kSelectColor, 2.0f);
    dl->AddLine(ImVec2(xs, acc.p0.y), ImVec2(xs, acc.p1.y), kSelectColor, 2.0f);

    if (!ImGui::IsItemHovered() && !ImGui::IsItemActive()) return;
    const double at = double(ImGui::GetIO().MousePos.x - loss.p0.x) /
                      double(std::max(1.0f, loss.p1.x - loss.p0.x)) * double(loss.lastBatch);
    const size_t near = nearestEntry(t, at);
    if (ImGui::IsItemActive() && (!t.shown || near != *t.shown)) req.scrubTo = near;
    ImGui::SetTooltip("%s\nclick or drag: show the weights of that moment",
                      entryLabel(t, near).c_str());
}

} // namespace nnviz::gui
