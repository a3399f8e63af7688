// DataBrowserPanel: see data_browser_panel.hpp.
//
// [SECTION] Controls and status
// [SECTION] The thumbnail grid
// [SECTION] The atlas of the visible page
#include "app/gui/panels/data_browser_panel.hpp"

#include "app/gui/widgets/colors.hpp"
#include "app/gui/widgets/form_widgets.hpp"
#include "app/gui/widgets/heatmap_widgets.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace nnviz::gui {
namespace {

const char* setName(DatasetKind kind)
{
    return kind == DatasetKind::Fashion ? "Fashion-MNIST" : "MNIST";
}

const char* splitName(Split split)
{
    return split == Split::Train ? "training" : "test";
}

// The next control on this line when `width` still fits, else on a new one.
void nextInRow(float width)
{
    ImGui::SameLine();
    if (ImGui::GetContentRegionAvail().x < width) ImGui::NewLine();
}

// A combo's width that shows `text` whole.
float comboWidth(const std::string& text)
{
    return ImGui::CalcTextSize(text.c_str()).x + ImGui::GetFrameHeight() +
           ImGui::GetStyle().FramePadding.x * 2.0f;
}

// The widest "<what>: <class>" preview of a class combo.
float classComboWidth(const char* what, const std::vector<std::string>& names)
{
    float w = comboWidth(std::string(what) + ": any");
    for (const std::string& n : names)
        w = std::max(w, comboWidth(std::string(what) + ": " + n));
    return w;
}

// A class chooser, "<what>: any" or "<what>: <class name>"; value −1 = any.
bool classCombo(const char* id, const char* what, int& value, const std::vector<std::string>& names)
{
    const std::string preview =
        std::string(what) + ": " + (value >= 0 ? names[size_t(value)] : std::string("any"));
    bool changed = false;
    if (ImGui::BeginCombo(id, preview.c_str())) {
        for (int c = -1; c < int(names.size()); ++c) {
            const char* label = c >= 0 ? names[size_t(c)].c_str() : "any";
            ImGui::PushID(c);
            if (ImGui::Selectable(label, value == c)) {
                changed = value != c;
                value = c;
            }
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    return changed;
}

// A choice among a few named values.
template <typename T, size_t N>
bool choiceCombo(const char* id, T& value, const T (&values)[N], const char* const (&labels)[N])
{
    size_t current = 0;
    for (size_t i = 0; i < N; ++i)
        if (values[i] == value) current = i;
    bool changed = false;
    if (ImGui::BeginCombo(id, labels[current])) {
        for (size_t i = 0; i < N; ++i)
            if (ImGui::Selectable(labels[i], i == current)) {
                changed = i != current;
                value = values[i];
            }
        ImGui::EndCombo();
    }
    return changed;
}

} // namespace

void DataBrowserPanel::draw(const Snapshot& snap, UiRequests& req, WidgetRects& widgets)
{
    drawControls(snap, req, widgets);
    drawStatus(snap);
    drawStepper(snap, req, widgets);
    drawGrid(snap, req, widgets);
}

// [SECTION] Controls and status

void DataBrowserPanel::drawControls(const Snapshot& snap, UiRequests& req, WidgetRects& widgets)
{
    const BrowserState& b = snap.browser;
    const std::vector<std::string>& names = classNames(b.kind);
    BrowseRequest r{b.kind, b.split, b.filter};
    bool changed = false;

    static constexpr DatasetKind kKinds[] = {DatasetKind::Mnist, DatasetKind::Fashion};
    static constexpr const char* kKindLabels[] = {"MNIST", "Fashion-MNIST"};
    ImGui::SetNextItemWidth(comboWidth(kKindLabels[1]));
    changed |= choiceCombo("##dataset", r.kind, kKinds, kKindLabels);
    recordItem(widgets, "data_dataset");
    static constexpr Split kSplits[] = {Split::Test, Split::Train};
    static constexpr const char* kSplitLabels[] = {"test set", "training set"};
    nextInRow(comboWidth(kSplitLabels[1]));
    ImGui::SetNextItemWidth(comboWidth(kSplitLabels[1]));
    changed |= choiceCombo("##split", r.split, kSplits, kSplitLabels);
    recordItem(widgets, "data_split");
    const float truthW = classComboWidth("label", names);
    nextInRow(truthW);
    ImGui::SetNextItemWidth(truthW);
    changed |= classCombo("##truth", "label", r.filter.truth, names);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Only the images of this true class");
    const float answerW = classComboWidth("answer", names);
    nextInRow(answerW);
    ImGui::SetNextItemWidth(answerW);
    changed |= classCombo("##answer", "answer", r.filter.answer, names);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Only the images the network answers this way");
    nextInRow(comboWidth("mistakes only"));
    changed |= ImGui::Checkbox("mistakes only", &r.filter.wrongOnly);
    static constexpr BrowseOrder kOrders[] = {BrowseOrder::Index, BrowseOrder::MostConfident,
                                              BrowseOrder::LeastConfident};
    static constexpr const char* kOrderLabels[] = {"in the set's order", "most confident first",
                                                   "least confident first"};
    nextInRow(comboWidth(kOrderLabels[2]));
    ImGui::SetNextItemWidth(comboWidth(kOrderLabels[2]));
    changed |= choiceCombo("##order", r.filter.order, kOrders, kOrderLabels);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("The network's confidence in its answer: with \"mistakes only\", the "
                          "most confident first shows\nthe images it gets wrong while sure; the "
                          "least confident first, those it hesitates over");
    if (changed) {
        if (r.kind != b.kind) r.filter.truth = r.filter.answer = -1; // another set's classes
        req.browse = r;
    }
}

void DataBrowserPanel::drawStatus(const Snapshot& snap)
{
    const BrowserState& b = snap.browser;
    if (b.loading) {
        ImGui::TextDisabled("Reading the %s %s set…", setName(b.kind), splitName(b.split));
        return;
    }
    if (!b.set) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextColored(kWarningText, "%s", b.error.c_str());
        ImGui::PopTextWrapPos();
        return;
    }
    const size_t shown = b.shown ? b.shown->size() : 0;
    const std::string count = "showing " + withThousands((long long)shown) + " of " +
                              withThousands((long long)b.set->size());
    nextInRow(ImGui::CalcTextSize(count.c_str()).x); // after the controls when it fits
    ImGui::TextUnformatted(count.c_str());
    const char* note =
        !b.answers ? "the network's answers: computing…"
        : b.answersVersion == snap.model.weightsVersion
            ? "red: the network's answer is wrong. Click an image to put it on the pad."
        : snap.training.running ? "answers of the network before the run (again when it ends)"
                                : "answers of the previous network (updating…)";
    nextInRow(ImGui::CalcTextSize(note).x);
    ImGui::TextDisabled("%s", note);
}

// ◀ ▶: the previous or next image of the list onto the pad (after the one there, else the first).
void DataBrowserPanel::drawStepper(const Snapshot& snap, UiRequests& req, WidgetRects& widgets)
{
    const BrowserState& b = snap.browser;
    if (!b.set || !b.shown || b.shown->empty()) return;
    nextInRow(ImGui::GetFrameHeight() * 2 + ImGui::GetStyle().ItemSpacing.x);
    int step = 0;
    if (ImGui::ArrowButton("##previous", ImGuiDir_Left)) step = -1;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("The previous image of the list onto the pad");
    ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
    if (ImGui::ArrowButton("##next", ImGuiDir_Right)) step = 1;
    recordItem(widgets, "data_next");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("The next image of the list onto the pad");
    if (step == 0) return;
    const std::vector<uint32_t>& list = *b.shown;
    const std::optional<ImageRef>& onPad = snap.input.fromSet;
    auto at = list.end();
    if (onPad && onPad->kind == b.kind && onPad->split == b.split)
        at = std::find(list.begin(), list.end(), uint32_t(onPad->index));
    const long n = long(list.size());
    const long from = at == list.end() ? (step > 0 ? -1 : 0) : long(at - list.begin());
    req.setImage = ImageRef{b.kind, b.split, list[size_t(((from + step) % n + n) % n)]};
}

// [SECTION] The thumbnail grid

void DataBrowserPanel::drawGrid(const Snapshot& snap, UiRequests& req, WidgetRects& widgets)
{
    const BrowserState& b = snap.browser;
    if (!b.set || !b.shown) return;
    if (b.shown->empty()) {
        ImGui::TextDisabled("No image of this set passes the filter.");
        return;
    }
    const ImGuiStyle& style = ImGui::GetStyle();
    const float fs = ImGui::GetFontSize();
    Grid g;
    // Whole multiples of the image's pixels: crisp thumbnails from a NEAREST texture.
    const int scale = std::max(1, int(std::lround(fs * 3.4f / float(b.set->cols))));
    g.thumb = float(scale * b.set->cols);
    g.cellW = g.thumb + fs * 0.4f;
    g.cellH = g.thumb + ImGui::GetTextLineHeight() + 2.0f;
    g.rowH = g.cellH + style.ItemSpacing.y;
    widgets.erase("data_first");
    if (ImGui::BeginChild("##thumbnails", ImVec2(0, 0), false)) {
        const float width = ImGui::GetContentRegionAvail().x;
        g.cols = std::max(1, int((width + style.ItemSpacing.x) / (g.cellW + style.ItemSpacing.x)));
        const size_t n = b.shown->size();
        g.rows = int((n + size_t(g.cols) - 1) / size_t(g.cols));
        const int first = int(ImGui::GetScrollY() / g.rowH);
        updateAtlas(b, g.cols, first, int(ImGui::GetWindowHeight() / g.rowH) + 2);
        // Images on one draw channel, frames and captions on another: two draw calls for the
        // grid instead of two per thumbnail (each switch of texture is one; llvmpipe feels them).
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->ChannelsSplit(2);
        ImGuiListClipper clipper;
        clipper.Begin(g.rows, g.rowH);
        while (clipper.Step())
            for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row)
                for (int col = 0; col < g.cols; ++col) {
                    const size_t at = size_t(row) * size_t(g.cols) + size_t(col);
                    if (at >= n) break;
                    if (col > 0) ImGui::SameLine();
                    drawCell(snap, req, g, at);
                    if (at == 0) recordItem(widgets, "data_first");
                }
        clipper.End();
        dl->ChannelsMerge();
    }
    ImGui::EndChild();
    recordItem(widgets, "data_grid");
}

void DataBrowserPanel::drawCell(const Snapshot& snap, UiRequests& req, const Grid& g,
                                size_t at) const
{
    const BrowserState& b = snap.browser;
    const uint32_t index = (*b.shown)[at];
    ImGui::PushID(int(at));
    const bool clicked = ImGui::InvisibleButton("##image", ImVec2(g.cellW, g.cellH));
    ImGui::PopID();
    const bool hovered = ImGui::IsItemHovered();
    const ImVec2 p = ImGui::GetItemRectMin();
    const ImVec2 i0(p.x + (g.cellW - g.thumb) * 0.5f, p.y), i1(i0.x + g.thumb, i0.y + g.thumb);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 uv0, uv1;
    const bool onPage = atlasUv(at, uv0, uv1);
    dl->ChannelsSetCurrent(0);
    if (onPage)
        dl->AddImage(m_atlas.id(), i0, i1, uv0, uv1);
    else
        dl->AddRectFilled(i0, i1, kFrameColor);
    dl->ChannelsSetCurrent(1);

    const int label = b.set->labels[index];
    const int answer = b.answers ? b.answers->predicted[index] : -1;
    const bool wrong = answer >= 0 && answer != label;
    const bool onPad = snap.input.fromSet == ImageRef{b.kind, b.split, index};
    const ImU32 red = packRgba8(kNegative);
    if (onPad || hovered || wrong)
        dl->AddRect(ImVec2(i0.x - 1, i0.y - 1), ImVec2(i1.x + 1, i1.y + 1),
                    onPad     ? kSelectColor
                    : hovered ? kHoverColor
                              : red,
                    0, 0, onPad ? 3.0f : 2.0f);

    // The caption: the label, and the network's answer when it is wrong and both fit (long
    // class names: the label alone, red; the tooltip has the answer).
    const std::vector<std::string>& names = classNames(b.kind);
    std::string caption = names[size_t(label)];
    if (wrong) {
        const std::string both = caption + "→" + names[size_t(answer)];
        if (ImGui::CalcTextSize(both.c_str()).x <= g.cellW) caption = both;
    }
    const ImVec2 ts = ImGui::CalcTextSize(caption.c_str());
    const ImVec2 at2(p.x + std::max(0.0f, (g.cellW - ts.x) * 0.5f), i1.y + 1.0f);
    dl->PushClipRect(p, ImVec2(p.x + g.cellW, p.y + g.cellH), true);
    dl->AddText(at2, wrong ? red : ImGui::GetColorU32(ImGuiCol_TextDisabled), caption.c_str());
    dl->PopClipRect();

    if (hovered && onPage) drawTooltip(snap, at, uv0, uv1);
    if (clicked) req.setImage = ImageRef{b.kind, b.split, index};
}

void DataBrowserPanel::drawTooltip(const Snapshot& snap, size_t at, ImVec2 uv0, ImVec2 uv1) const
{
    const BrowserState& b = snap.browser;
    const uint32_t index = (*b.shown)[at];
    const std::vector<std::string>& names = classNames(b.kind);
    const int label = b.set->labels[index];
    ImGui::BeginTooltip();
    const float side = float(b.set->cols * 6);
    ImGui::Image(m_atlas.id(), ImVec2(side, side), uv0, uv1);
    ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::Text("%s %s image #%u", setName(b.kind), splitName(b.split), index);
    ImGui::Text("label: %s", names[size_t(label)].c_str());
    if (b.answers) {
        const int answer = b.answers->predicted[index];
        const float confidence = b.answers->confidence[index];
        ImGui::TextColored(answer == label ? kGoodText : kErrorText,
                           "the network: %s (output %.2f)%s", names[size_t(answer)].c_str(),
                           double(confidence), answer == label ? "" : ", wrong");
        if (b.answersVersion != snap.model.weightsVersion)
            ImGui::TextDisabled("(answered by the network before the latest change)");
    } else {
        ImGui::TextDisabled("the network's answer: not computed yet");
    }
    ImGui::TextDisabled("On the pad it is preprocessed like a drawing, so the answer there\n"
                        "can differ a little from this one.");
    ImGui::TextDisabled("#%s of the %s shown", withThousands((long long)at + 1).c_str(),
                        withThousands((long long)b.shown->size()).c_str());
    ImGui::TextDisabled("Click: put it on the pad (then edit it with the brush)");
    ImGui::EndGroup();
    ImGui::EndTooltip();
}

// [SECTION] The atlas of the visible page

void DataBrowserPanel::updateAtlas(const BrowserState& b, int cols, int first, int count)
{
    if (b.version == m_atlasVersion && cols == m_atlasCols && first == m_atlasFirst &&
        count == m_atlasRows)
        return;
    m_atlasVersion = b.version;
    m_atlasCols = cols;
    m_atlasFirst = first;
    m_atlasRows = count;
    const Dataset& d = *b.set;
    const int w = d.cols, h = d.rows, stride = cols * w;
    m_rgba.assign(size_t(stride) * size_t(count * h), 0xff000000u); // opaque black
    for (int r = 0; r < count; ++r)
        for (int c = 0; c < cols; ++c) {
            const size_t at = size_t(first + r) * size_t(cols) + size_t(c);
            if (at >= b.shown->size()) break;
            const std::vector<uint8_t> image = d.image((*b.shown)[at]);
            for (int y = 0; y < h; ++y)
                for (int x = 0; x < w; ++x) {
                    const uint32_t v = image[size_t(y * w + x)];
                    m_rgba[size_t((r * h + y) * stride + c * w + x)] =
                        v | (v << 8) | (v << 16) | 0xff000000u;
                }
        }
    m_atlas.upload(stride, count * h, m_rgba.data(), Texture::Filter::Nearest);
}

bool DataBrowserPanel::atlasUv(size_t at, ImVec2& uv0, ImVec2& uv1) const
{
    if (!m_atlas.valid() || m_atlasCols <= 0 || m_atlasRows <= 0) return false;
    const int row = int(at / size_t(m_atlasCols)) - m_atlasFirst;
    const int col = int(at % size_t(m_atlasCols));
    if (row < 0 || row >= m_atlasRows) return false;
    const float cw = 1.0f / float(m_atlasCols), rh = 1.0f / float(m_atlasRows);
    uv0 = ImVec2(float(col) * cw, float(row) * rh);
    uv1 = ImVec2(uv0.x + cw, uv0.y + rh);
    return true;
}

} // namespace nnviz::gui
