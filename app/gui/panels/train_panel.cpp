// TrainPanel: see train_panel.hpp. Left, the form and Start; right, what the run is doing, its
// loss curve and per-epoch test accuracy, and below them the model file section.
//
// [SECTION] Every frame: the form's check and the T key
// [SECTION] The form
// [SECTION] The run: state, progress, charts
#include "app/gui/panels/train_panel.hpp"

#include "app/gui/widgets/form_widgets.hpp"
#include "app/gui/widgets/format.hpp"

#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <vector>

namespace nnviz::gui {

// [SECTION] Every frame: the form's check and the T key

void TrainPanel::update(const Snapshot& snap, UiRequests& req)
{
    if (!m_formFromModel && snap.model.net) {
        m_form.hidden =
            snap.model.net->hidden == Activation::Relu ? Activation::Relu : Activation::Sigmoid;
        m_formFromModel = true;
    }
    if (snap.model.net && m_shownDataset != snap.model.net->dataset)
        m_form.dataset = *(m_shownDataset = snap.model.net->dataset);
    followShape(snap);
    m_check = checkForm(m_form, shownSizes(snap));
    if (!req.trainKey) return;
    req.selectTrainTab = true; // show what T did
    if (snap.training.running)
        req.stopTraining = true;
    else if (m_check.request)
        req.startTraining = *m_check.request;
    else
        m_keyRefused = "T did not start: " + m_check.firstError();
}

// The architecture fields default to the shown network's shape, and follow it when another shape
// is shown (a model opened, a run of another shape adopted), not while the person edits them.
void TrainPanel::followShape(const Snapshot& snap)
{
    if (!snap.model.net) return;
    const Network& net = *snap.model.net;
    if (net.sizes == m_shapeSizes && net.output == m_shapeOutput) return;
    m_shapeSizes = net.sizes;
    m_shapeOutput = net.output;
    m_form.shapeLike(net);
}

const std::vector<int>& TrainPanel::shownSizes(const Snapshot& snap)
{
    static const std::vector<int> none;
    return snap.model.net ? snap.model.net->sizes : none;
}

void TrainPanel::draw(const Snapshot& snap, UiRequests& req, WidgetRects& widgets)
{
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float fs = ImGui::GetFontSize();
    const float formW = std::min(avail.x * 0.55f, std::max(fs * 23.0f, avail.x * 0.46f));
    ImGui::BeginChild("##train_form", ImVec2(formW, avail.y));
    drawFields(snap, widgets);
    drawOptions(widgets);
    m_check = checkForm(m_form, shownSizes(snap)); // this frame's edits decide Start's state
    drawStart(snap, req, widgets);
    ImGui::EndChild();

    ImGui::SameLine(0, fs);
    ImGui::BeginChild("##train_run", ImVec2(0, avail.y));
    drawStatus(snap);
    drawCharts(snap, ImGui::GetContentRegionAvail().y - ModelPanel::height());
    m_model.draw(snap, req, widgets);
    ImGui::EndChild();
}

// [SECTION] The form

namespace {

// A form label in its table cell, with a tooltip, then on to the field's cell.
void label(const char* text, const char* tip)
{
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(text);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tip);
    ImGui::TableNextColumn();
    ImGui::SetNextItemWidth(-FLT_MIN);
}

// A combo of two choices ("first\0second\0") for value, recorded as train_<id without ##>.
template <class T>
void twoChoices(WidgetRects& widgets, const char* id, const char* items, T& value, T first,
                T second)
{
    int chosen = value == second ? 1 : 0;
    if (ImGui::Combo(id, &chosen, items)) value = chosen == 1 ? second : first;
    recordItem(widgets, (std::string("train_") + (id + 2)).c_str());
}

} // namespace

void TrainPanel::drawTextField(WidgetRects& widgets, TrainField f, const char* id)
{
    const std::string& error = m_check.error(f);
    if (!error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_FrameBg, ImVec4(0.36f, 0.10f, 0.10f, 1.0f));
        ImGui::PushStyleColor(ImGuiCol_Border, kErrorText);
        ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 1.0f);
    }
    if (ImGui::InputText(id, m_form.text(f), sizeof m_form.seed,
                         ImGuiInputTextFlags_CharsNoBlank | ImGuiInputTextFlags_AutoSelectAll))
        m_keyRefused.clear();
    recordItem(widgets, (std::string("train_") + (id + 2)).c_str());
    if (!error.empty()) {
        ImGui::PopStyleVar();
        ImGui::PopStyleColor(2);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s: %s", fieldName(f), error.c_str());
    }
}

// The fields in a table of two label/field pairs a row; the limits in the tooltips are the
// form's own (train_form.hpp).
void TrainPanel::drawFields(const Snapshot& snap, WidgetRects& widgets)
{
    if (!ImGui::BeginTable("##hyper", 4,
                           ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoSavedSettings))
        return;
    ImGui::TableSetupColumn("label1", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("field1", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("label2", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("field2", ImGuiTableColumnFlags_WidthStretch);
    drawArchitecture(widgets);
    drawHyperparameters(widgets);

    char tip[256];
    ImGui::TableNextRow();
    label("seed",
          "Shuffling, augmentation and the fresh weights: the same seed trains the same network");
    drawTextField(widgets, TrainField::Seed, "##seed");
    const std::string shown = snap.model.net ? architectureText(snap.model.net->sizes, "-") : "none";
    std::snprintf(tip, sizeof tip,
                  "random: fresh random weights in the chosen shape (watch the weight maps\n"
                  "form from noise)\n"
                  "current: the shown model's weights (%s), under the chosen functions;\n"
                  "only when the hidden layers are the shown ones",
                  shown.c_str());
    label("start from", tip);
    twoChoices(widgets, "##from", "random\0current\0", m_form.fromCurrent, false, true);
    ImGui::EndTable();
}

// The first rows: the dataset, the hidden layers' sizes and function, the output function and
// the cost.
void TrainPanel::drawArchitecture(WidgetRects& widgets)
{
    char tip[256];
    ImGui::TableNextRow();
    label("data", "What it learns: MNIST's handwritten digits or Fashion-MNIST's clothes\n"
                  "(60,000 training images each); the trained network names its classes so.");
    twoChoices(widgets, "##data", "MNIST\0Fashion\0", m_form.dataset, DatasetKind::Mnist,
               DatasetKind::Fashion);
    ImGui::TableNextRow();
    std::snprintf(tip, sizeof tip,
                  "Neurons in each hidden layer, input side first, comma-separated:\n"
                  "1 to %d layers of 1 to %d neurons (e.g. 16,16 as in the video; 64,32,16)",
                  kMaxTrainHiddenLayers, kMaxTrainHiddenNeurons);
    label("hidden layers", tip);
    drawTextField(widgets, TrainField::HiddenSizes, "##layers");
    label("activation", "The hidden layers' activation function. The trained network replaces\n"
                        "the bundled model of that function and dataset (A swaps to the other\n"
                        "one).");
    twoChoices(widgets, "##hidden", "sigmoid\0ReLU\0", m_form.hidden, Activation::Sigmoid,
               Activation::Relu);

    ImGui::TableNextRow();
    label("output", "The output layer's function: sigmoid as in the video (each output on its\n"
                    "own), or softmax (the outputs sum to 1, read as probabilities)");
    twoChoices(widgets, "##output", "sigmoid\0softmax\0", m_form.output, Activation::Sigmoid,
               Activation::Softmax);
    label("cost", "What training minimises: MSE, the video's squared distance to the\n"
                  "wanted outputs, or cross-entropy, −log of the right answer's output");
    twoChoices(widgets, "##cost", "MSE\0cross-entropy\0", m_form.cost, Cost::Mse,
               Cost::CrossEntropy);
}

// The optimizer and its numbers, and the validation split.
void TrainPanel::drawHyperparameters(WidgetRects& widgets)
{
    char tip[256];
    const std::string images = withThousands(kMaxBatchSize);
    ImGui::TableNextRow();
    label("optimizer", "SGD: w −= rate·∂C/∂w.  Momentum: a running average of the steps.\n"
                       "Adam: a step per weight scaled by its gradient's history.");
    int optimizer = int(m_form.optimizer);
    if (ImGui::Combo("##optimizer", &optimizer, "SGD\0momentum\0Adam\0")) {
        // An untouched learning rate follows the optimizer (SGD wants a far larger step).
        const auto next = Optimizer(optimizer);
        if (std::strcmp(m_form.learningRate, defaultLearningRate(m_form.optimizer)) == 0)
            std::snprintf(m_form.learningRate, sizeof m_form.learningRate, "%s",
                          defaultLearningRate(next));
        m_form.optimizer = next;
    }
    recordItem(widgets, "train_optimizer");
    std::snprintf(tip, sizeof tip,
                  "The step size: > 0, at most %g (e.g. 0.003 for Adam, 0.5 for SGD)",
                  double(kMaxLearningRate));
    label("learning rate", tip);
    drawTextField(widgets, TrainField::LearningRate, "##lr");

    ImGui::TableNextRow();
    std::snprintf(tip, sizeof tip, "Images per gradient step: 1 to %s", images.c_str());
    label("batch size", tip);
    drawTextField(widgets, TrainField::BatchSize, "##batch");
    std::snprintf(tip, sizeof tip, "Passes over the %s training images: 1 to %d", images.c_str(),
                  kMaxEpochs);
    label("epochs", tip);
    drawTextField(widgets, TrainField::Epochs, "##epochs");

    ImGui::TableNextRow();
    std::snprintf(tip, sizeof tip,
                  "Weight decay λ: pulls every weight towards 0 (0 = off, at most %g)",
                  double(kMaxL2));
    label("L2", tip);
    drawTextField(widgets, TrainField::L2, "##l2");
    std::snprintf(tip, sizeof tip,
                  "Hold out the last N training images: never trained on, scored after each\n"
                  "epoch, to choose settings without the test set (0 = off; fewer than %s)",
                  images.c_str());
    label("validation", tip);
    drawTextField(widgets, TrainField::Validation, "##validation");
}

// Below the fields: why any is refused, augmentation and slow motion.
void TrainPanel::drawOptions(WidgetRects& widgets)
{
    // The reasons, full width right under the fields (framed in red above): a table cell is too
    // narrow for a sentence.
    ImGui::PushTextWrapPos(0);
    for (size_t i = 0; i < m_check.errors.size(); ++i)
        if (!m_check.errors[i].empty())
            ImGui::TextColored(kErrorText, "%s: %s", fieldName(TrainField(i)),
                               m_check.errors[i].c_str());
    if (!m_check.overall.empty()) ImGui::TextColored(kErrorText, "%s", m_check.overall.c_str());
    ImGui::PopTextWrapPos();

    ImGui::Checkbox("augment", &m_form.augment);
    recordItem(widgets, "train_augment");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Shift, rotate and scale each training image a little");
    ImGui::SameLine(0, ImGui::GetFontSize());
    ImGui::Checkbox("slow motion", &m_form.slowMotion);
    recordItem(widgets, "train_slow");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("At most the chosen number of batches per second, so the weight\n"
                          "maps can be watched forming batch by batch");
    ImGui::SameLine();
    ImGui::BeginDisabled(!m_form.slowMotion);
    ImGui::SetNextItemWidth(-FLT_MIN);
    ImGui::SliderFloat("##speed", &m_form.batchesPerSecond, kMinBatchesPerSecond,
                       kMaxBatchesPerSecond, m_form.slowMotion ? "%.0f batches/s" : "full speed",
                       ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp);
    ImGui::EndDisabled();
    recordItem(widgets, "train_speed");
}

void TrainPanel::drawStart(const Snapshot& snap, UiRequests& req, WidgetRects& widgets)
{
    const ImVec2 size(ImGui::GetFontSize() * 10, 0);
    if (snap.training.running) {
        if (ImGui::Button("Stop (T)", size)) req.stopTraining = true;
        recordItem(widgets, "train_start");
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Stop after the current batch; its weights are kept");
        ImGui::SameLine();
        if (ImGui::Button("See the weight maps")) req.showWeightMaps = true;
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("The run goes on; the Train tab shows its progress again");
        return;
    }
    const bool ready = m_check.request.has_value();
    ImGui::BeginDisabled(!ready);
    if (ImGui::Button("Start training (T)", size) && ready) {
        req.startTraining = *m_check.request;
        m_keyRefused.clear();
    }
    ImGui::EndDisabled();
    recordItem(widgets, "train_start");
    if (!ready && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("Cannot start: %s", m_check.firstError().c_str());
    if (!m_keyRefused.empty()) {
        ImGui::SameLine();
        ImGui::PushTextWrapPos(0);
        ImGui::TextColored(kErrorText, "%s", m_keyRefused.c_str());
        ImGui::PopTextWrapPos();
    }
}

// [SECTION] The run: state, progress, charts

void TrainPanel::drawStatus(const Snapshot& snap)
{
    ImGui::PushTextWrapPos(0);
    const bool dataMissing = !snap.data.testSetLoading && !snap.data.testSet;
    if (!snap.training.progress) {
        if (dataMissing) {
            ImGui::TextColored(kWarningText, "%s", snap.data.testSetError.c_str());
            ImGui::TextDisabled("Get it with: make setup");
        } else {
            const std::string arch =
                snap.model.net ? architectureText(snap.model.net->sizes, "-") + " " : "";
            const std::string what = m_form.fromCurrent
                                         ? "the shown " + arch + "network"
                                         : "a " + arch + "network from fresh random weights";
            ImGui::TextDisabled("Start (or T) trains %s live on the %s %s training images: "
                                "watch the weight maps form. The window stays usable.",
                                what.c_str(), withThousands(kMaxBatchSize).c_str(),
                                m_form.dataset == DatasetKind::Fashion ? "Fashion-MNIST" : "MNIST");
        }
    }
    ImGui::PopTextWrapPos();
    if (!snap.training.progress) return;

    const SessionProgress& p = *snap.training.progress;
    const float accuracy = p.epochReports.empty() ? -1.0f : p.epochReports.back().testAccuracy;
    const float validation =
        p.epochReports.empty() ? -1.0f : p.epochReports.back().validationAccuracy;
    ImGui::PushTextWrapPos(0);
    switch (p.state) {
    case SessionState::Loading:
        ImGui::TextUnformatted("Loading data…");
        break;
    case SessionState::Running:
        ImGui::Text("Training: epoch %d of %d", std::max(p.epoch, 1), p.epochs);
        break;
    case SessionState::Finished:
        if (accuracy >= 0 && validation >= 0)
            ImGui::TextColored(kGoodText,
                               "Finished: %d epochs, validation accuracy %.2f %%, test %.2f %%",
                               p.epochs, double(validation) * 100, double(accuracy) * 100);
        else if (accuracy >= 0)
            ImGui::TextColored(kGoodText, "Finished: %d epochs, test accuracy %.2f %%", p.epochs,
                               double(accuracy) * 100);
        else
            ImGui::TextColored(kGoodText, "Finished: %d epochs", p.epochs);
        break;
    case SessionState::Cancelled:
        ImGui::TextColored(kWarningText,
                           "Cancelled: the weights of the last completed batch are kept");
        break;
    case SessionState::Diverged:
        ImGui::TextColored(kWarningText, "Diverged: the last good epoch's weights were restored "
                                         "(try a smaller learning rate)");
        break;
    case SessionState::Failed:
        ImGui::TextColored(kErrorText, "Failed: %s", p.message.c_str());
        if (dataMissing) ImGui::TextDisabled("Get it with: make setup");
        break;
    }
    ImGui::PopTextWrapPos();

    if (p.batchesPerEpoch == 0 && p.done())
        return; // ended before the first batch: no progress to show
    const long long total = (long long)p.batchesPerEpoch * p.epochs;
    const float fraction = p.state == SessionState::Finished ? 1.0f
                           : total > 0 ? float(double(p.batchesDone) / double(total))
                                       : 0.0f;
    char overlay[96];
    std::snprintf(overlay, sizeof overlay, "epoch %d/%d · batch %d/%d", std::max(p.epoch, 0),
                  p.epochs, p.batch, p.batchesPerEpoch);
    // The rate beside the bar, as wide as it needs (a small network passes a million a second).
    const std::string rate = p.samplesPerSecond > 0
                                 ? withThousands(static_cast<long long>(p.samplesPerSecond)) +
                                       " images/s"
                                 : "– images/s";
    const float rateW = ImGui::CalcTextSize(rate.c_str()).x;
    ImGui::ProgressBar(
        fraction,
        ImVec2(std::max(ImGui::GetFontSize() * 6,
                        ImGui::GetContentRegionAvail().x - rateW - ImGui::GetStyle().ItemSpacing.x),
               0),
        overlay);
    ImGui::SameLine();
    if (p.samplesPerSecond > 0)
        ImGui::TextUnformatted(rate.c_str());
    else
        ImGui::TextDisabled("%s", rate.c_str());
}

void TrainPanel::drawCharts(const Snapshot& snap, float height)
{
    if (!snap.training.progress || height < ImGui::GetFontSize() * 3) return;
    const SessionProgress& p = *snap.training.progress;
    const float w = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
    const bool validation =
        !p.epochReports.empty() && p.epochReports.front().validationAccuracy >= 0;
    // Room for the validation line (two when it wraps) under the charts.
    const float h = height - ImGui::GetStyle().ItemSpacing.y -
                    (validation ? 2 * ImGui::GetTextLineHeightWithSpacing() : 0.0f);

    char overlay[96] = "training loss";
    float top = 1.0f;
    if (!p.lossCurve.empty()) {
        std::snprintf(overlay, sizeof overlay, "training loss %.4f", double(p.lossCurve.back()));
        top =
            *std::max_element(p.lossCurve.begin(), p.lossCurve.end()) * 1.3f; // room for the label
    }
    ImGui::PlotLines("##loss", p.lossCurve.data(), int(p.lossCurve.size()), 0, overlay, 0.0f, top,
                     ImVec2(w, h));
    if (ImGui::IsItemHovered() && p.lossCurve.empty())
        ImGui::SetTooltip("Mean cost over each stretch of batches");

    // Test accuracy per epoch, in %, as bars from a little below the worst epoch.
    std::vector<float> accuracy;
    for (const EpochReport& r : p.epochReports)
        if (r.testAccuracy >= 0) accuracy.push_back(r.testAccuracy * 100);
    const bool noTest = !p.epochReports.empty() && accuracy.empty();
    if (accuracy.empty())
        std::snprintf(overlay, sizeof overlay, "%s", noTest ? "no test set" : "test accuracy");
    else
        std::snprintf(overlay, sizeof overlay, "accuracy %.2f %%", double(accuracy.back()));
    const float low =
        accuracy.empty()
            ? 0.0f
            : std::max(0.0f,
                       std::floor(*std::min_element(accuracy.begin(), accuracy.end()) - 5.0f));
    ImGui::SameLine();
    // The top fifth of the range stays free for the label.
    ImGui::PlotHistogram("##accuracy", accuracy.data(), int(accuracy.size()), 0, overlay, low,
                         100.0f + (100.0f - low) * 0.25f, ImVec2(w, h));
    if (ImGui::IsItemHovered() && !accuracy.empty()) {
        ImGui::BeginTooltip();
        ImGui::TextUnformatted("Test accuracy per epoch");
        for (size_t i = 0; i < accuracy.size(); ++i)
            ImGui::Text("epoch %zu: %.2f %%", i + 1, double(accuracy[i]));
        ImGui::EndTooltip();
    }
    drawValidation(p);
}

// The validation accuracy of the last few epochs, when the run holds images out: a line or two
// under the charts (every epoch's is in the `training` events).
void TrainPanel::drawValidation(const SessionProgress& p)
{
    constexpr size_t kShown = 6;
    std::string line;
    char item[48];
    const size_t first = p.epochReports.size() > kShown ? p.epochReports.size() - kShown : 0;
    for (size_t i = first; i < p.epochReports.size(); ++i) {
        const EpochReport& r = p.epochReports[i];
        if (r.validationAccuracy < 0) continue;
        std::snprintf(item, sizeof item, "%s%d: %.2f %%", line.empty() ? "" : " · ", r.epoch,
                      double(r.validationAccuracy) * 100);
        line += item;
    }
    if (line.empty()) return;
    ImGui::PushTextWrapPos(0);
    ImGui::Text("Validation accuracy (held-out training images), epoch %s%s",
                first > 0 ? "… " : "", line.c_str());
    ImGui::PopTextWrapPos();
}

} // namespace nnviz::gui
