// The Learn walkthrough: see learn_panel.hpp. The texts follow 3Blue1Brown's "But what is a neural
// network?" in order; numbers in amber come from the network on screen, and so do the sizes in
// the texts (the input's pixels, the layers), whatever model is open.
#include "app/gui/panels/learn_panel.hpp"

#include "app/gui/widgets/form_widgets.hpp"
#include "app/gui/widgets/format.hpp"
#include "app/gui/widgets/heatmap.hpp"
#include "app/gui/widgets/heatmap_widgets.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

namespace nnviz::gui {

namespace {

const ImVec4 kLive{1.0f, 0.80f, 0.35f, 1.0f}; // live numbers, in the selection's amber

// The video's example threshold: a neuron that should light up only past a weighted sum of 10.
constexpr int kVideoThreshold = 10;

// What a step's text reads: the snapshot, and whether its forward trace covers every layer.
struct StepContext {
    const Snapshot& snap;
    const Network& net;
    bool traced;
    UiRequests& req;
};

void stepPixels(const StepContext& c);
void stepLayers(const StepContext& c);
void stepWeightedSum(const StepContext& c);
void stepWeightPicture(const StepContext& c);
void stepSigmoid(const StepContext& c);
void stepBias(const StepContext& c);
void stepMatrix(const StepContext& c);
void stepRelu(const StepContext& c);

struct StepInfo {
    const char* title;
    Focus focus;
    const char* where; // the part of the window the step points at
    void (*draw)(const StepContext&);
};

constexpr StepInfo kInfo[LearnPanel::kSteps] = {
    {"Pixels become numbers", Focus::InputImage, "the input image", stepPixels},
    {"Layer by layer", Focus::NetworkView, "the network", stepLayers},
    {"A weighted sum", Focus::Layer1, "the first hidden layer", stepWeightedSum},
    {"Weights as a picture", Focus::WeightMaps, "the weight maps", stepWeightPicture},
    {"Squashing with sigmoid", Focus::ActivationPlot, "the activation plot", stepSigmoid},
    {"The bias is a threshold", Focus::MatrixView, "the bias column b", stepBias},
    {"One big function", Focus::MatrixView, "the matrix view", stepMatrix},
    {"ReLU", Focus::ActivationPlot, "the activation plot", stepRelu},
};

// The neuron the live numbers talk about: the selected one, or neuron 0 of hidden layer 1.
NeuronRef subject(const Snapshot& snap, bool firstLayerOnly)
{
    const NeuronRef s = snap.view.selected;
    const bool ok = s.layer >= 1 && s.layer <= snap.model.net->layerCount() &&
                    (!firstLayerOnly || s.layer == 1);
    return ok ? s : NeuronRef{1, 0};
}

bool hasTrace(const Snapshot& snap, NeuronRef r)
{
    return r.layer >= 1 && size_t(r.layer) < snap.output.trace.a.size() &&
           r.neuron < snap.output.trace.a[size_t(r.layer)].size();
}

const char* fn(const Snapshot& snap, NeuronRef r)
{
    return activationText(snap.model.net->activationOf(r.layer - 1)).symbol;
}

void live(const char* fmt, auto... args)
{
    ImGui::PushStyleColor(ImGuiCol_Text, kLive);
    ImGui::TextWrapped(fmt, args...);
    ImGui::PopStyleColor();
}

// "three" for 3: small counts read as words in a sentence.
std::string countWord(int n)
{
    constexpr const char* kWords[] = {"no", "one", "two", "three", "four", "five", "six"};
    return n >= 0 && n < int(std::size(kWords)) ? kWords[n] : std::to_string(n);
}

// "the 784 pixels decide the 16 neurons of the first hidden layer, those decide the next 16,
// and those decide the 10 outputs", for any number of hidden layers.
std::string layerChain(const Network& net)
{
    const int L = net.layerCount();
    std::string s = "the " + std::to_string(net.inputSize()) + " pixels decide the " +
                    std::to_string(net.sizes[1]);
    if (L == 1) return s + " outputs";
    s += L == 2 ? " neurons of the hidden layer" : " neurons of the first hidden layer";
    for (int l = 2; l < L; ++l)
        s += ", those decide the next " + std::to_string(net.sizes[size_t(l)]);
    return s + ", and those decide the " + std::to_string(net.outputSize()) + " outputs";
}

// "w1·a1 + w2·a2 + ... + w784·a784": the weighted sum over the input's n pixels.
std::string weightedSumText(int n)
{
    const std::string last = std::to_string(n);
    return "w1·a1 + w2·a2 + ... + w" + last + "·a" + last;
}

} // namespace

void LearnPanel::draw(const Snapshot& snap, UiRequests& req, WidgetRects& widgets)
{
    if (!snap.model.net || snap.model.net->layerCount() < 1) {
        ImGui::TextDisabled("No model loaded.");
        return;
    }
    pointAtStep(req);
    drawProgress();
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
    ImGui::Text("%d. %s", m_step + 1, kInfo[m_step].title);
    ImGui::PopStyleColor();
    ImGui::Separator();

    // The buttons take one row, or two when the panel is too narrow for all three.
    const ImGuiStyle& style = ImGui::GetStyle();
    auto buttonW = [&](const char* label) {
        return ImGui::CalcTextSize(label).x + 2 * style.FramePadding.x;
    };
    const float rowW =
        buttonW("< Back") + buttonW("Next >") + buttonW("Hide outline") + style.ItemSpacing.x + 16;
    const bool oneRow = ImGui::GetContentRegionAvail().x > rowW;
    const float buttonsH =
        ImGui::GetFrameHeightWithSpacing() * (oneRow ? 1.0f : 2.0f) + style.ItemSpacing.y;
    ImGui::BeginChild("##text", ImVec2(0, -buttonsH), false);
    drawStepText(snap, req);
    ImGui::EndChild();
    ImGui::Separator();
    drawButtons(snap, req, widgets, oneRow);
}

const char* LearnPanel::stepTitle() const
{
    return kInfo[m_step].title;
}

Focus LearnPanel::stepFocus() const
{
    return kInfo[m_step].focus;
}

// The current step's text with its live numbers (here and in the caption).
void LearnPanel::drawStepText(const Snapshot& snap, UiRequests& req)
{
    const Network& net = *snap.model.net;
    kInfo[m_step].draw(
        {snap, net, snap.output.trace.a.size() == size_t(net.layerCount() + 1), req});
}

void LearnPanel::pointAtStep(UiRequests& req)
{
    if (m_pointedStep != m_step) { // a new step points at its part of the window
        req.focus = kInfo[m_step].focus;
        m_pointedStep = m_step;
    }
}

// One dot per step, clickable, and "Step 3 of 8" where it fits.
void LearnPanel::drawProgress()
{
    const float r = ImGui::GetTextLineHeight() * 0.3f;
    for (int i = 0; i < kSteps; ++i) {
        ImGui::PushID(i);
        if (i > 0) ImGui::SameLine(0, r);
        const ImVec2 p = ImGui::GetCursorScreenPos();
        if (ImGui::InvisibleButton("##dot", ImVec2(3 * r, ImGui::GetTextLineHeight()))) m_step = i;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%d. %s", i + 1, kInfo[i].title);
        const ImVec2 c(p.x + 1.5f * r, p.y + ImGui::GetTextLineHeight() * 0.5f);
        ImDrawList* dl = ImGui::GetWindowDrawList();
        if (i == m_step)
            dl->AddCircleFilled(c, r * 1.3f, kSelectColor);
        else
            dl->AddCircle(c, r, i < m_step ? kSelectColor : kFrameColor, 0, 1.5f);
        ImGui::PopID();
    }
    char counter[32];
    std::snprintf(counter, sizeof counter, "Step %d of %d", m_step + 1, kSteps);
    if (sameLineIfFits(counter, 12)) ImGui::TextUnformatted(counter);
}

// Back and Next, side by side.
void LearnPanel::drawBackNext(WidgetRects& widgets)
{
    ImGui::BeginDisabled(m_step == 0);
    if (ImGui::Button("< Back")) m_step = std::max(m_step - 1, 0);
    ImGui::EndDisabled();
    recordItem(widgets, "learn_back");
    ImGui::SameLine();
    ImGui::BeginDisabled(m_step == kSteps - 1);
    if (ImGui::Button("Next >")) m_step = std::min(m_step + 1, kSteps - 1);
    ImGui::EndDisabled();
    recordItem(widgets, "learn_next");
}

// Back, Next and "Show me" / "Hide outline" (which toggles the outline), on one row or two.
void LearnPanel::drawButtons(const Snapshot& snap, UiRequests& req, WidgetRects& widgets,
                             bool oneRow)
{
    drawBackNext(widgets);
    const bool pointing = snap.view.focus != Focus::None;
    const char* pointLabel = pointing ? "Hide outline" : "Show me";
    if (oneRow) ImGui::SameLine(0, 16);
    if (ImGui::Button(pointLabel)) req.focus = pointing ? Focus::None : kInfo[m_step].focus;
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s %s in the window.",
                          pointing ? "Remove the outline around" : "Outline", kInfo[m_step].where);
}

namespace {

void stepPixels(const StepContext& c)
{
    const int n = c.net.inputSize();
    ImGui::TextWrapped("The network never sees your pen strokes. It sees a grid of %s pixels, and "
                       "each pixel is one number: 0 for black, 1 for full ink, something in "
                       "between at the soft edges.",
                       imageSizeText(n).c_str());
    ImGui::TextWrapped("These %d numbers are the first layer of the network: one neuron per "
                       "pixel, and the number is the neuron's activation.",
                       n);
    const Eigen::VectorXf& pixels = c.snap.input.pixels;
    if (pixels.size() > 0) {
        int inked = 0;
        for (Eigen::Index i = 0; i < pixels.size(); ++i)
            inked += pixels[i] > 0.05f ? 1 : 0;
        live("Right now %d of the %d input neurons have some ink.", inked, int(pixels.size()));
    }
}

void stepLayers(const StepContext& c)
{
    ImGui::TextWrapped("The activations of one layer decide the activations of the next: %s.",
                       layerChain(c.net).c_str());
    ImGui::TextWrapped("The brightest of the %d outputs is the network's answer. Draw something "
                       "and watch the brightness travel from left to right.",
                       c.net.outputSize());
    if (c.traced && c.snap.output.answer >= 0)
        live("Right now it says %s (output %.2f).", c.snap.className(c.snap.output.answer).c_str(),
             double(c.snap.output.confidence));
}

void stepWeightedSum(const StepContext& c)
{
    ImGui::TextWrapped("Take one neuron of the first hidden layer. It gives each of the %d pixels "
                       "a weight w, a number that can be positive or negative. It multiplies "
                       "every pixel's activation a by its weight and adds it all up:",
                       c.net.inputSize());
    ImGui::Text("    %s", weightedSumText(c.net.inputSize()).c_str());
    ImGui::TextWrapped("That weighted sum is large when there is ink where the weights are "
                       "positive. Hover a neuron in the network view to see its sum; click it "
                       "to inspect it.");
    const NeuronRef s = subject(c.snap, false);
    if (!c.traced || !hasTrace(c.snap, s)) return;
    const Layer& L = c.net.layers[size_t(s.layer - 1)];
    const float sum = L.W.row(s.neuron).dot(c.snap.output.trace.a[size_t(s.layer - 1)]);
    live("Layer %d, neuron %d: its %d weighted inputs add up to %.2f.", s.layer, s.neuron,
         int(L.W.cols()), double(sum));
}

void stepWeightPicture(const StepContext& c)
{
    ImGui::TextWrapped("Draw each weight on its own pixel: green for positive, red for negative, "
                       "dark for about zero. The picture shows what the neuron looks for.");
    ImGui::TextWrapped("Ink on green pixels raises the sum, ink on red pixels lowers it. So a "
                       "neuron with a green stroke in the middle and red all around it responds "
                       "to that stroke and not to ink spilling around it: an edge detector. "
                       "The hope is that neurons learn pieces like loops and lines.");
    ImGui::TextWrapped("Click any map to make it large, next to the w·a map of your drawing.");
    const NeuronRef s = subject(c.snap, true);
    if (!c.traced || !hasTrace(c.snap, s)) return;
    const Eigen::VectorXf w = contributionMap(c.net, 1, s.neuron, c.snap.output.trace.a[0]);
    float plus = 0, minus = 0;
    for (Eigen::Index i = 0; i < w.size(); ++i)
        (w[i] > 0 ? plus : minus) += w[i];
    live("Neuron %d: your ink on its green pixels adds %+.2f, on its red pixels %+.2f.", s.neuron,
         double(plus), double(minus));
}

void stepSigmoid(const StepContext& c)
{
    ImGui::TextWrapped("A weighted sum can be any number, but we want an activation between 0 and "
                       "1. The sigmoid function squashes the number line into that range:");
    ImGui::Text("    %s", activationText(Activation::Sigmoid).formula);
    ImGui::TextWrapped("Very negative sums give almost 0, very positive sums almost 1, and it "
                       "changes smoothly around 0. The plot marks where the selected neuron is.");
    const NeuronRef s = subject(c.snap, false);
    const ForwardTrace& t = c.snap.output.trace;
    if (c.net.hidden == Activation::Relu)
        live("This model uses ReLU right now (step 8); press A to swap to sigmoid.");
    else if (c.traced && hasTrace(c.snap, s))
        live("Layer %d, neuron %d: z = %.2f, so a = %s(%.2f) = %.3f.", s.layer, s.neuron,
             double(t.z[size_t(s.layer - 1)][s.neuron]), fn(c.snap, s),
             double(t.z[size_t(s.layer - 1)][s.neuron]), double(t.a[size_t(s.layer)][s.neuron]));
}

void stepBias(const StepContext& c)
{
    ImGui::TextWrapped("Maybe a neuron should light up only when its weighted sum passes %d, not "
                       "as soon as it is above 0. Then subtract %d before squashing:",
                       kVideoThreshold, kVideoThreshold);
    ImGui::Text("    σ(w1·a1 + ... + w%d·a%d - %d)", c.net.inputSize(), c.net.inputSize(),
                kVideoThreshold);
    ImGui::TextWrapped("That -%d is the bias b. The weights say which pattern the neuron looks "
                       "for; the bias says how strong the pattern must be before it becomes "
                       "active. Every neuron has its own bias: the column b in the matrix view.",
                       kVideoThreshold);
    const NeuronRef s = subject(c.snap, false);
    if (!c.traced || !hasTrace(c.snap, s)) return;
    const float b = c.net.layers[size_t(s.layer - 1)].b[s.neuron];
    const float z = c.snap.output.trace.z[size_t(s.layer - 1)][s.neuron];
    live("Layer %d, neuron %d has b = %.2f: it lights up once its weighted sum passes %.2f. "
         "Now the sum is %.2f, plus b gives z = %.2f, so a = %.3f.",
         s.layer, s.neuron, double(b), double(-b), double(z - b), double(z),
         double(c.snap.output.trace.a[size_t(s.layer)][s.neuron]));
}

void stepMatrix(const StepContext& c)
{
    ImGui::TextWrapped("Put a layer's weights in a matrix W, one row per neuron, and its biases in "
                       "a column b. Then a whole layer is one line:");
    ImGui::TextUnformatted("    a' = σ(W a + b)");
    ImGui::TextWrapped("The network is %s such steps in a row: one function that takes %d "
                       "numbers and gives back %d. Every weight and bias is a knob of it; "
                       "learning means finding good settings for all of them.",
                       countWord(c.net.layerCount()).c_str(), c.net.inputSize(),
                       c.net.outputSize());
    live("%s = %s knobs.", parameterFormula(c.net).c_str(),
         withThousands(c.net.parameterCount()).c_str());
}

void stepRelu(const StepContext& c)
{
    ImGui::TextWrapped("Modern networks rarely use the sigmoid. They use ReLU, the rectified "
                       "linear unit:");
    ImGui::Text("    %s", activationText(Activation::Relu).formula);
    ImGui::TextWrapped("Below 0 the neuron is off; above 0 it passes its sum through unchanged. "
                       "It is simpler, and deep networks train much faster with it.");
    const bool relu = c.net.hidden == Activation::Relu;
    live("The hidden layers use %s now.", activationText(c.net.hidden).name);
    if (ImGui::Button(relu ? "Swap to sigmoid (A)" : "Swap to ReLU (A)"))
        c.req.toggleActivation = true;
    ImGui::SameLine();
    ImGui::TextDisabled("(?)");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("By default this loads the model trained with the other function.\n"
                          "Keeping the weights and only changing the function shows why\n"
                          "weights are trained for one activation.");
}

} // namespace

} // namespace nnviz::gui
