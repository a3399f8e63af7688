// AppModel, the Explain tab (see app_model.hpp and issue #12): what each neuron of a layer
// wants (activation maximisation, core/dream.hpp) computed on a background thread and cached per
// network and layer; saliency or occlusion for the drawing (core/explain.hpp), cheap enough to
// follow every stroke here; noise on the pad, and a background survey of how confidently the
// network answers 1,000 noise images. Everything runs through interventions(), the one place the
// Surgery tab's edits plug in.
//
// [SECTION] Requests
// [SECTION] Saliency
// [SECTION] Noise
// [SECTION] Dreams in the background
// [SECTION] The noise survey in the background
#include "app/gui/model/app_model.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>

namespace nnviz::gui {

namespace {
constexpr int kOcclusionPatch = 4;        // occlusion blanks patches of this many pixels a side
constexpr size_t kGalleriesKept = 8;      // dream galleries cached (a layer of 128: 400 KB)
constexpr int kSurveyImages = 1000;       // noise images in the survey
constexpr float kSurveyThreshold = 0.9f;  // "sure": the answer's output at least this
constexpr uint64_t kSurveySeed = 1;       // the survey's images are noiseImage(seed + i)

double msSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
}

bool ready(const auto& future)
{
    return future.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
}

// The box of the pixels > 0 (preprocessing's ink) of a w × h row-major image; w = 0 if none.
struct InkBox {
    int x0 = 0, y0 = 0, w = 0, h = 0;
};
InkBox inkBox(const float* px, int w, int h)
{
    int x0 = w, y0 = h, x1 = -1, y1 = -1;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            if (px[size_t(y) * size_t(w) + size_t(x)] > 0.0f) {
                x0 = std::min(x0, x);
                x1 = std::max(x1, x);
                y0 = std::min(y0, y);
                y1 = std::max(y1, y);
            }
    return x1 < 0 ? InkBox{} : InkBox{x0, y0, x1 - x0 + 1, y1 - y0 + 1};
}
} // namespace

// [SECTION] Requests

void AppModel::applyExplain(const UiRequests& req)
{
    ExplainState& e = m_snap.explain;
    const Network& net = *m_snap.model.net;
    bool changed = req.explainShown && !e.shown; // the tab opened: say what it shows
    e.shown = req.explainShown;
    if (req.explainLayer && *req.explainLayer >= 1 && *req.explainLayer <= net.layerCount() &&
        *req.explainLayer != m_snap.view.selected.layer) {
        m_snap.view.selected = NeuronRef{*req.explainLayer, 0};
        m_events.emplace_back(event::Selected{*req.explainLayer, 0});
    }
    followSelection();
    if (req.dreamFromNoise) e.fromNoise = *req.dreamFromNoise;
    if (req.saliencyMode && *req.saliencyMode != e.mode) {
        e.mode = *req.saliencyMode;
        changed = true;
    }
    if (req.saliencyOutput) {
        const int k = *req.saliencyOutput;
        const std::optional<int> chosen =
            k >= 0 && k < net.outputSize() ? std::optional<int>(k) : std::nullopt;
        changed |= chosen != e.chosenOutput;
        e.chosenOutput = chosen;
    }
    if (req.saliencyOverlay && *req.saliencyOverlay != e.overlay) {
        e.overlay = *req.saliencyOverlay;
        changed = true;
    }
    if (changed) {
        recomputeSaliency();
        emitSaliency();
    }
}

// The gallery shows the selected neuron's layer (a selected input pixel leaves it be), always
// one the shown network has (a run's network may have fewer layers than the one it replaced).
void AppModel::followSelection()
{
    ExplainState& e = m_snap.explain;
    if (m_snap.view.selected.layer >= 1) e.layer = m_snap.view.selected.layer;
    e.layer = std::clamp(e.layer, 1, m_snap.model.net->layerCount());
}

// [SECTION] Saliency

void AppModel::recomputeSaliency()
{
    ExplainState& e = m_snap.explain;
    if (!e.shown && !e.overlay) return; // nobody looks: computed again when the tab opens
    const Network& net = *m_snap.model.net;
    if (e.chosenOutput && *e.chosenOutput >= net.outputSize()) e.chosenOutput.reset();
    e.output = e.chosenOutput.value_or(std::max(m_snap.output.answer, 0));
    const Eigen::VectorXf& x = m_snap.input.pixels;
    if (e.mode == SaliencyMode::Gradient) {
        e.saliency = outputSaliency(net, x, e.output, interventions());
        ForwardTrace trace; // the output through the same interventions
        forwardWith(net, interventions(), x, trace);
        e.base = trace.output()[e.output];
    } else {
        const Occlusion o = occlusion(net, x, e.output, kDigitSide, kOcclusionPatch,
                                      interventions());
        e.saliency = o.pixelMap;
        e.base = o.base;
    }
    placeOnPad();
    float scale = 0;
    for (Eigen::Index i = 0; i < e.saliency.size(); ++i)
        scale = std::max(scale, std::fabs(e.saliency[i]));
    e.scale = scale;
    ++e.version;
}

// The input's frame on the pad: the whole pad for a raw input; else the pad's ink box matched
// to the framed input's (the frame scaled and shifted as preprocessing moved the drawing).
void AppModel::placeOnPad()
{
    auto& on = m_snap.explain.onPad;
    const GrayImage& pad = *m_canvas;
    on = {0, 0, float(pad.width), float(pad.height)};
    if (m_snap.input.useRaw || m_snap.input.noise) return;
    const InkBox c = inkBox(pad.pixels.data(), pad.width, pad.height);
    const InkBox i = inkBox(m_snap.input.pixels.data(), kDigitSide, kDigitSide);
    if (c.w == 0 || i.w == 0) return;
    const float sx = float(c.w) / float(i.w), sy = float(c.h) / float(i.h);
    on = {float(c.x0) - float(i.x0) * sx, float(c.y0) - float(i.y0) * sy, float(kDigitSide) * sx,
          float(kDigitSide) * sy};
}

void AppModel::emitSaliency()
{
    const ExplainState& e = m_snap.explain;
    m_events.emplace_back(event::Saliency{e.mode == SaliencyMode::Occlusion, e.output,
                                          e.chosenOutput.has_value(), e.overlay, e.scale});
}

// [SECTION] Noise

// Uniform random pixels, as the network's own input: shown 10× on the pad and read raw (not
// re-framed like a drawing), so the network sees exactly noiseImage(seed).
void AppModel::putNoise()
{
    const uint64_t seed = m_nextNoiseSeed++;
    const Eigen::VectorXf x = noiseImage(m_snap.model.net->inputSize(), seed);
    GrayImage img;
    img.width = img.height = kDigitSide;
    img.pixels.assign(x.data(), x.data() + x.size());
    setCanvasFrom(img);
    m_snap.input.fromSet.reset();
    m_snap.input.noise = seed;
    m_events.emplace_back(event::Noise{seed});
}

// [SECTION] Dreams in the background

void AppModel::pollExplain()
{
    takeDreams();
    takeSurvey();
    ExplainState& e = m_snap.explain;
    followSelection(); // the network may have changed in tick(), since the last apply()
    if (m_surveyNet != m_snap.model.net || m_surveyIv != interventions()) e.survey.reset();
    // Nothing new while the tab is hidden, or while a run changes the weights many times a
    // second (the trainer needs the cores; the last gallery stays, marked as older weights).
    if (e.shown && !m_snap.training.running) {
        if (!e.gallery || !galleryWanted(*e.gallery)) {
            if (auto cached = cachedGallery())
                showGallery(std::move(cached), true);
            else if (!m_dreamJob || m_dreamJob->net != m_snap.model.net ||
                     m_dreamJob->iv != interventions() || m_dreamJob->layer != e.layer ||
                     m_dreamJob->fromNoise != e.fromNoise)
                startDreams(); // replacing a job cancels it
        }
        if (!m_surveyJob && (m_surveyNet != m_snap.model.net || m_surveyIv != interventions()))
            startSurvey();
    }
    e.dreaming = m_dreamJob.has_value();
    e.surveying = m_surveyJob.has_value();
}

bool AppModel::galleryWanted(const DreamGallery& g) const
{
    const ExplainState& e = m_snap.explain;
    return g.net == m_snap.model.net && g.interventions == interventions() &&
           g.layer == e.layer && g.config.fromNoise == e.fromNoise;
}

std::shared_ptr<const DreamGallery> AppModel::cachedGallery() const
{
    for (const auto& g : m_galleries)
        if (galleryWanted(*g)) return g;
    return nullptr;
}

void AppModel::showGallery(std::shared_ptr<const DreamGallery> g, bool cached)
{
    ExplainState& e = m_snap.explain;
    e.gallery = std::move(g);
    std::vector<float> activations;
    for (const DreamResult& d : e.gallery->dreams)
        activations.push_back(d.activation);
    m_events.emplace_back(event::Dreams{e.gallery->layer, int(e.gallery->dreams.size()),
                                        e.gallery->config.fromNoise, std::move(activations),
                                        e.gallery->ms, cached});
}

void AppModel::startDreams()
{
    const ExplainState& e = m_snap.explain;
    m_dreamJob.reset(); // cancels and waits for a job no longer wanted
    DreamJob& job = m_dreamJob.emplace();
    job.net = m_snap.model.net;
    job.iv = interventions();
    job.layer = e.layer;
    job.fromNoise = e.fromNoise;
    DreamConfig config;
    config.fromNoise = e.fromNoise;
    // The thread holds its own references: the network and the flag outlive any change here.
    auto work = [net = job.net, iv = job.iv, layer = job.layer, config,
                 cancel = job.cancel]() -> std::shared_ptr<const DreamGallery> {
        const auto start = std::chrono::steady_clock::now();
        auto g = std::make_shared<DreamGallery>();
        g->net = net;
        g->interventions = iv;
        g->layer = layer;
        g->config = config;
        try {
            for (int j = 0; j < net->sizes[size_t(layer)]; ++j) {
                g->dreams.push_back(dream(*net, layer, j, config, iv, cancel.get()));
                if (g->dreams.back().cancelled) return nullptr;
            }
        } catch (const std::exception&) { // a layer or config the network cannot take
            return nullptr;
        }
        g->ms = msSince(start);
        return g;
    };
    job.result = std::async(std::launch::async, std::move(work));
}

void AppModel::takeDreams()
{
    if (!m_dreamJob || !ready(m_dreamJob->result)) return;
    std::shared_ptr<const DreamGallery> g = m_dreamJob->result.get();
    m_dreamJob.reset();
    if (!g) return;
    m_galleries.push_back(g);
    if (m_galleries.size() > kGalleriesKept) m_galleries.erase(m_galleries.begin());
    if (galleryWanted(*g)) showGallery(std::move(g), false);
}

// [SECTION] The noise survey in the background

void AppModel::startSurvey()
{
    SurveyJob& job = m_surveyJob.emplace();
    job.net = m_snap.model.net;
    job.iv = interventions();
    auto work = [net = job.net, iv = job.iv] {
        const auto start = std::chrono::steady_clock::now();
        NoiseSurvey s = noiseSurvey(*net, kSurveyImages, kSurveySeed, kSurveyThreshold, iv);
        return std::make_pair(std::move(s), msSince(start));
    };
    job.result = std::async(std::launch::async, std::move(work));
}

void AppModel::takeSurvey()
{
    if (!m_surveyJob || !ready(m_surveyJob->result)) return;
    SurveyJob job = std::move(*m_surveyJob);
    m_surveyJob.reset();
    auto [survey, ms] = job.result.get();
    m_surveyNet = job.net;
    m_surveyIv = job.iv;
    m_events.emplace_back(event::NoiseSurveyed{survey.count, survey.confident, survey.threshold,
                                               survey.meanConfidence, survey.answers, ms});
    m_snap.explain.survey = std::move(survey);
}

} // namespace nnviz::gui
