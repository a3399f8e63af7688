// AppModel: see app_model.hpp.
//
// [SECTION] Loading the networks
// [SECTION] Applying requests
// [SECTION] Painting
// [SECTION] Forward pass and sweep
// (datasets, training and model files: app_model_training.cpp; backprop: app_model_backprop.cpp;
// surgery: app_model_surgery.cpp; the Compare tab's second network: app_model_compare.cpp;
// the Explain tab: app_model_explain.cpp)
#include "app/gui/model/app_model.hpp"

#include "core/dataset.hpp"
#include "core/errors.hpp"
#include "core/image.hpp"
#include "core/model_file.hpp"

#include <algorithm>
#include <cmath>
#include <system_error>

namespace nnviz::gui {
namespace fs = std::filesystem;

namespace {

// The video's network with random weights, for a bundled model that is missing.
std::shared_ptr<const Network> untrainedNetwork(Activation hidden, DatasetKind dataset)
{
    std::vector<int> sizes{kDigitPixels};
    sizes.insert(sizes.end(), kVideoHiddenSizes.begin(), kVideoHiddenSizes.end());
    sizes.push_back(kClassCount);
    Network net = makeNetwork(sizes, hidden, Activation::Softmax, 1);
    net.dataset = dataset;
    return std::make_shared<const Network>(std::move(net));
}

} // namespace

// [SECTION] Loading the networks

AppModel::AppModel(const AppModelConfig& config)
    : m_modelsDir(config.modelsDir), m_data(std::make_shared<DataStore>(config.dataDir))
{
    // The bundled pairs, one model per dataset and hidden activation (slotOf); a missing file
    // becomes a random network so the window still works (the status bar says "untrained").
    const char* files[kSlots] = {"sigmoid.nnvz", "relu.nnvz", "fashion-sigmoid.nnvz",
                                 "fashion-relu.nnvz"};
    const Activation kinds[2] = {Activation::Sigmoid, Activation::Relu};
    const DatasetKind sets[2] = {DatasetKind::Mnist, DatasetKind::Fashion};
    std::string missing;
    for (int i = 0; i < kSlots; ++i) {
        const fs::path file = m_modelsDir / files[i];
        std::error_code ec;
        if (fs::exists(file, ec)) {
            try {
                m_bundled[i] = std::make_shared<const Network>(loadModel(file));
                m_bundledName[i] = file.filename().string();
                m_bundledUntrained[i] = false;
                continue;
            } catch (const Error& e) {
                missing += std::string(e.what()) + "\n";
            }
        } else {
            missing += "no bundled model " + file.string() + "\n";
        }
        m_bundled[i] = untrainedNetwork(kinds[i % 2], sets[i / 2]);
        m_bundledName[i] = "untrained " + std::string(i / 2 ? "fashion " : "") +
                           std::string(toString(kinds[i % 2]));
    }

    int start = 0;
    if (!config.model.empty()) {
        try {
            auto net = std::make_shared<const Network>(loadModel(config.model));
            const int slot = slotOf(*net);
            if (const std::string misfit = misfitFor(*net, config.model); misfit.empty()) {
                // --model replaces the bundled model of its activation, so A swaps to the other.
                m_bundled[slot] = net;
                m_bundledName[slot] = config.model.filename().string();
                m_bundledUntrained[slot] = false;
                start = slot;
            } else {
                missing += misfit + "\n";
            }
        } catch (const Error& e) {
            missing += std::string(e.what()) + "\n";
        }
    }
    m_snap.model.message = missing;

    m_canvas = std::make_shared<GrayImage>();
    m_canvas->width = m_canvas->height = kCanvasSize;
    m_canvas->pixels.assign(size_t(kCanvasSize) * kCanvasSize, 0.0f);
    m_snap.input.canvas = m_canvas;
    m_snap.input.preprocessed = Eigen::VectorXf::Zero(kDigitPixels);
    m_snap.input.raw = Eigen::VectorXf::Zero(kDigitPixels);
    m_snap.input.pixels = Eigen::VectorXf::Zero(kDigitPixels);

    setNetwork(m_bundled[start], m_bundledName[start], m_bundledUntrained[start]);
    m_snap.sweep.position = float(m_snap.model.net->layerCount());
    refreshModelFiles();
}

std::string AppModel::misfitFor(const Network& net, const fs::path& file)
{
    if (net.inputSize() == kDigitPixels && net.outputSize() == kClassCount) return {};
    return "model file " + file.string() + ": reads " + std::to_string(net.inputSize()) +
           " inputs into " + std::to_string(net.outputSize()) + " outputs; the window needs " +
           std::to_string(kDigitPixels) + " (" + std::to_string(kDigitSide) + "×" +
           std::to_string(kDigitSide) + " pixels) and " + std::to_string(kClassCount) +
           " (the classes)";
}

// m_session's destructor cancels and joins; a surgery job stops at its next neuron.
AppModel::~AppModel()
{
    if (m_surgeryJob) m_surgeryJob->cancel->store(true);
}

void AppModel::setNetwork(std::shared_ptr<const Network> net, std::string name, bool untrained)
{
    // Another network on screen ends a surgery session: its edits apply to the one it left.
    endSurgery("another model is shown, so the surgery session ended (its kills, clamps and "
               "scales no longer apply; save an edited network before changing models)",
               false);
    const bool sameData = m_snap.model.net && m_snap.model.net->dataset == net->dataset;
    m_snap.model.net = std::move(net);
    if (!sameData) { // another dataset: its test set (pollData asks for it) and its framing
        m_snap.data = DataState{};
        m_snap.data.kind = m_snap.model.net->dataset;
        m_snap.score = ScoreState{};
        if (m_canvas) preprocess();
    }
    m_snap.model.name = std::move(name);
    m_snap.model.untrained = untrained;
    ++m_snap.model.weightsVersion;
    // Keep the selection valid for the new architecture.
    const int layers = int(m_snap.model.net->sizes.size());
    m_snap.view.selected.layer = std::clamp(m_snap.view.selected.layer, 1, layers - 1);
    m_snap.view.selected.neuron =
        std::clamp(m_snap.view.selected.neuron, 0,
                   m_snap.model.net->sizes[size_t(m_snap.view.selected.layer)] - 1);
    recompute();
}

void AppModel::toggleActivation()
{
    startSweep(); // from what is on screen now, before the trace changes
    const Network& current = *m_snap.model.net;
    const Activation next =
        current.hidden == Activation::Relu ? Activation::Sigmoid : Activation::Relu;
    // The toggle first, then the prediction it causes.
    m_events.emplace_back(event::ActivationToggled{next});
    if (m_snap.model.swapMode == SwapMode::SwapModel) {
        const int slot = partnerSlot(current); // the shown dataset's other model
        setNetwork(m_bundled[slot], m_bundledName[slot], m_bundledUntrained[slot]);
    } else {
        auto copy = std::make_shared<Network>(current);
        copy->hidden = next;
        // Name the weights' origin and the function now applied to them.
        std::string base = m_snap.model.name.substr(0, m_snap.model.name.find(" + "));
        const bool own = base == m_bundledName[partnerSlot(current)];
        setNetwork(std::move(copy), own ? base : base + " + " + std::string(toString(next)),
                   m_snap.model.untrained);
    }
}

// [SECTION] Applying requests

void AppModel::apply(const UiRequests& req)
{
    bool canvasDirty = false;
    if (req.clearCanvas) {
        clearCanvas();
    }
    if (req.setImage && putSetImage(*req.setImage)) canvasDirty = true;
    if (req.openImage && openImage(*req.openImage)) canvasDirty = true;
    if (req.noiseImage) {
        putNoise();
        canvasDirty = true;
    }
    for (const CanvasStroke& s : req.strokes) {
        paintPixels(s);
        canvasDirty = true;
    }
    if (req.rawInput && *req.rawInput != m_snap.input.useRaw) {
        m_snap.input.useRaw = *req.rawInput;
        canvasDirty = true;
    }
    if (canvasDirty) canvasChanged();

    if (req.swapMode) m_snap.model.swapMode = *req.swapMode;
    if (req.toggleActivation) toggleActivation();
    if (req.select) {
        m_snap.backprop.selectedEdge.reset(); // a neuron's chain rule instead of an edge's
        const NeuronRef n = *req.select;
        if (n.layer >= 1 && n.layer < int(m_snap.model.net->sizes.size()) && n.neuron >= 0 &&
            n.neuron < m_snap.model.net->sizes[size_t(n.layer)] && !(n == m_snap.view.selected)) {
            m_snap.view.selected = n;
            m_events.emplace_back(event::Selected{n.layer, n.neuron});
        }
    }
    m_snap.view.hovered = req.hover;
    if (req.focus) m_snap.view.focus = *req.focus;
    if (req.sweepSpeed) m_snap.sweep.speed = std::clamp(*req.sweepSpeed, 0.5f, 30.0f);
    if (req.sweepEnabled) {
        m_snap.sweep.enabled = *req.sweepEnabled;
        if (!m_snap.sweep.enabled) {
            m_snap.sweep.position = float(m_snap.model.net->layerCount());
            updateShown();
        }
    }
    if (req.stopTraining && m_session) m_session->cancel();
    if (req.startTraining) startTraining(*req.startTraining);
    if (req.openModel) openModel(*req.openModel);
    if (req.saveModel) saveModel(*req.saveModel);
    if (req.refreshModelFiles) refreshModelFiles();
    if (req.browse) applyBrowse(*req.browse);
    applyBackprop(req);
    applySurgery(req);
    applyCompare(req);
    applyExplain(req);
    if (req.replaySweep) {
        for (size_t l = 1; l < m_snap.sweep.fromA.size(); ++l)
            m_snap.sweep.fromA[l].setZero();
        for (Eigen::VectorXf& z : m_snap.sweep.fromZ)
            z.setZero();
        m_snap.sweep.position = 0;
        updateShown();
    }
    applyTimeline(req);
}

// [SECTION] Painting

void AppModel::setCanvasFrom(const GrayImage& src)
{
    *m_canvas = resized(src, kCanvasSize, kCanvasSize); // any size onto the pad
}

bool AppModel::openImage(const fs::path& file)
{
    try {
        setCanvasFrom(loadImage(file)); // light backgrounds are inverted: ink is bright
    } catch (const std::exception& e) { // ImageError, or out of memory: the pad stays
        m_snap.input.imageMessage = e.what();
        m_snap.input.imageFailed = true;
        m_events.emplace_back(event::Failed{event::Failure::OpenImage, e.what()});
        return false;
    }
    m_snap.input.fromSet.reset();
    m_snap.input.noise.reset();
    m_snap.input.imageMessage = "opened " + file.filename().string();
    m_snap.input.imageFailed = false;
    m_events.emplace_back(event::ImageOpened{file});
    return true;
}

void AppModel::clearCanvas()
{
    std::fill(m_canvas->pixels.begin(), m_canvas->pixels.end(), 0.0f);
    m_snap.input.fromSet.reset();
    m_snap.input.noise.reset();
    canvasChanged();
    m_events.emplace_back(event::Cleared{});
}

void AppModel::paintPixels(const CanvasStroke& s)
{
    // Soft round brush along the segment: full ink within 55 % of the radius, fading to 0 at
    // the radius; ink takes the max (erasing the min) so overlapping dabs don't accumulate.
    const float r = std::max(1.0f, s.radius);
    const int xmin = std::max(0, int(std::floor(std::min(s.x0, s.x1) - r)));
    const int xmax = std::min(kCanvasSize - 1, int(std::ceil(std::max(s.x0, s.x1) + r)));
    const int ymin = std::max(0, int(std::floor(std::min(s.y0, s.y1) - r)));
    const int ymax = std::min(kCanvasSize - 1, int(std::ceil(std::max(s.y0, s.y1) + r)));
    if (xmin > xmax || ymin > ymax) return;
    const float dx = s.x1 - s.x0, dy = s.y1 - s.y0;
    const float len2 = dx * dx + dy * dy;
    const float inner = 0.55f * r;
    for (int y = ymin; y <= ymax; ++y)
        for (int x = xmin; x <= xmax; ++x) {
            const float px = x + 0.5f - s.x0, py = y + 0.5f - s.y0;
            const float t = len2 > 0 ? std::clamp((px * dx + py * dy) / len2, 0.0f, 1.0f) : 0.0f;
            const float ex = px - t * dx, ey = py - t * dy;
            const float d = std::sqrt(ex * ex + ey * ey);
            if (d >= r) continue;
            float ink = d <= inner ? 1.0f : 1.0f - (d - inner) / (r - inner);
            ink = ink * ink * (3 - 2 * ink); // smoothstep edge
            float& p = m_canvas->at(x, y);
            p = s.erase ? std::min(p, 1.0f - ink) : std::max(p, ink);
        }
}

// [SECTION] Forward pass and sweep

void AppModel::canvasChanged()
{
    ++m_snap.input.canvasVersion;
    preprocess();
    startSweep();
    recompute();
}

// The pad framed as the shown network's dataset framed its images (preprocessFor: a digit fit
// in 20×20, a picture filling the 28×28).
void AppModel::preprocess()
{
    m_snap.input.preprocessed = preprocessFor(m_snap.model.net->dataset, *m_canvas);
    m_snap.input.raw = downsample(*m_canvas);
}

void AppModel::recompute()
{
    // Noise on the pad is already the network's own pixels: read raw, never re-framed.
    const bool raw = m_snap.input.useRaw || m_snap.input.noise.has_value();
    m_snap.input.pixels = raw ? m_snap.input.raw : m_snap.input.preprocessed;
    ++m_snap.input.version;
    // With the Surgery tab's interventions (none: exactly forward()).
    forwardWith(*m_snap.model.net, m_snap.surgery.interventions, m_snap.input.pixels,
                m_snap.output.trace);
    const Eigen::VectorXf& out = m_snap.output.trace.output();
    m_snap.output.answer = argmax(out);
    m_snap.output.confidence = out[m_snap.output.answer];
    m_snap.input.ink = false;
    for (Eigen::Index i = 0; i < m_snap.input.pixels.size() && !m_snap.input.ink; ++i)
        m_snap.input.ink = m_snap.input.pixels[i] > 0.0f;
    updateShown();
    m_events.emplace_back(event::Prediction{m_snap.output.answer, m_snap.output.confidence,
                                            std::vector<float>(out.data(), out.data() + out.size()),
                                            m_snap.input.ink, m_snap.model.net->hidden,
                                            m_snap.model.net->dataset});
    recomputeGradient();
    recomputeCompare();
    recomputeSaliency();
}

void AppModel::startSweep()
{
    const int L = m_snap.model.net->layerCount();
    if (!m_snap.sweep.enabled) {
        m_snap.sweep.position = float(L);
        return;
    }
    // Mid-sweep the front keeps going (layers behind it track the newest input); a finished
    // sweep restarts from what is on screen now.
    if (m_snap.sweep.position < float(L) && m_snap.sweep.fromA.size() == size_t(L + 1)) return;
    const bool traced =
        m_snap.sweep.shown.a.size() == size_t(L + 1) && m_snap.sweep.shown.z.size() == size_t(L);
    m_snap.sweep.fromA.resize(size_t(L + 1));
    m_snap.sweep.fromZ.resize(size_t(L));
    for (int l = 1; l <= L; ++l) {
        const Eigen::Index n = m_snap.model.net->sizes[size_t(l)];
        const bool same = traced && m_snap.sweep.shown.a[size_t(l)].size() == n;
        m_snap.sweep.fromA[size_t(l)] =
            same ? m_snap.sweep.shown.a[size_t(l)] : Eigen::VectorXf::Zero(n);
        m_snap.sweep.fromZ[size_t(l - 1)] =
            same ? m_snap.sweep.shown.z[size_t(l - 1)] : Eigen::VectorXf::Zero(n);
    }
    m_snap.sweep.position = 0;
}

void AppModel::updateShown()
{
    const ForwardTrace& t = m_snap.output.trace;
    ForwardTrace& s = m_snap.sweep.shown;
    const size_t L = t.z.size();
    s.a.resize(t.a.size());
    s.z.resize(L);
    for (size_t l = 0; l < t.a.size(); ++l) {
        // Layer l fills in while the sweep goes from l − 1 to l; the input (l = 0) is immediate.
        const float k = std::clamp(m_snap.sweep.position - float(l) + 1.0f, 0.0f, 1.0f);
        const bool blend = l >= 1 && k < 1.0f && l < m_snap.sweep.fromA.size() &&
                           m_snap.sweep.fromA[l].size() == t.a[l].size() &&
                           l - 1 < m_snap.sweep.fromZ.size() &&
                           m_snap.sweep.fromZ[l - 1].size() == t.z[l - 1].size();
        if (!blend) {
            s.a[l] = t.a[l];
            if (l >= 1) s.z[l - 1] = t.z[l - 1];
            continue;
        }
        s.a[l] = m_snap.sweep.fromA[l] + (t.a[l] - m_snap.sweep.fromA[l]) * k;
        s.z[l - 1] = m_snap.sweep.fromZ[l - 1] + (t.z[l - 1] - m_snap.sweep.fromZ[l - 1]) * k;
    }
    ++m_snap.sweep.shownVersion;
}

void AppModel::tick(double dt)
{
    pollData();
    pollTraining();
    tickSurgery();
    rescore();
    pollBrowser();
    pollCompare();
    tickTimeline(dt);
    tickBackprop(dt);
    pollExplain();
    const float L = float(m_snap.model.net->layerCount());
    if (m_snap.sweep.position < L) {
        m_snap.sweep.position = std::min(L, m_snap.sweep.position + float(dt) * m_snap.sweep.speed);
        updateShown();
    }
}

bool AppModel::animating() const
{
    return m_snap.sweep.position < float(m_snap.model.net->layerCount()) ||
           m_snap.data.testSetLoading || browserLoading() || m_scoring.has_value() ||
           timelineBusy() || backpropAnimating() || m_surgeryJob.has_value() ||
           m_compareJob.has_value() || explainBusy();
}

} // namespace nnviz::gui
