// The network as in the video, for whichever model is open: the input picture (28×28 for MNIST)
// beside a compressed column of all its pixels, then a column of discs per layer (16, 16 and 10
// for the bundled models), every connection drawn green/red by sign. The edges are instanced
// quads (shaders/edge.*) rendered into an offscreen picture only when they change (EdgeCache);
// each frame a draw-list callback copies that picture into the window and draws the neurons
// (shaders/neuron.*) and the hover highlight over it; text (titles, values, digit labels) goes
// on top through the draw list.
#pragma once

#include "app/gui/gl/gray_texture.hpp"
#include "app/gui/gl/instanced_renderer.hpp"
#include "app/gui/gl/shader.hpp"
#include "app/gui/model/snapshot.hpp"
#include "app/gui/panels/edge_cache.hpp"
#include "app/gui/panels/network_instances.hpp"
#include "app/gui/panels/network_layout.hpp"
#include "app/gui/widgets/widget_rects.hpp"

#include <imgui.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <vector>

namespace nnviz::gui {

class NetworkView {
  public:
    // shaderDir: where edge.*, neuron.* and copy.* are; contributions: start showing w·a.
    NetworkView(std::filesystem::path shaderDir, bool contributions);
    ~NetworkView();
    NetworkView(const NetworkView&) = delete;
    NetworkView& operator=(const NetworkView&) = delete;
    // Draws the toolbar and the network into the current window, filling the space left. The
    // second frame compiles the shaders (the first one leaves out the GL-drawn part, so the
    // window appears sooner): throws gl::ShaderError with the log.
    void draw(const Snapshot& snap, UiRequests& req);

    // In w·a mode, while the input changes every frame, all edges are re-rendered at most once
    // per this many seconds (the expensive part for a software renderer).
    static constexpr double kEdgeRenderInterval = EdgeCache::kRenderInterval;

    bool showsContributions() const { return m_contributions; }
    // Screen rectangle of the picture (for the Learn panel's focus outline).
    ImVec2 imageMin() const { return m_imageMin; }
    ImVec2 imageMax() const { return m_imageMax; }
    // Screen rectangle of layer l's column: 0 = the inputs (picture and column), 1..L.
    bool layerRect(int layer, ImVec2& min, ImVec2& max) const;
    // Every hidden neuron's disc as "neuron_<layer>_<j>", window pixels (network_surgery.cpp):
    // the Surgery tab's GUI test clicks them.
    void recordHiddenNeurons(const Snapshot& snap, WidgetRects& widgets) const;

  private:
    void drawToolbar(const Snapshot& snap, UiRequests& req);
    void drawEdgeModes();
    // The widest column title or subtitle drawOverlay() writes, framebuffer pixels.
    float columnLabelWidth(const Network& net, float scale) const;
    float outputLabelWidth(const Snapshot& snap, float scale) const;
    static constexpr float kOutputLabel = 1.35f; // the outputs' labels, at most × the font
    void buildEdges(const Snapshot& snap, std::vector<EdgeInstance>& out) const;
    void buildNeurons(const Snapshot& snap);
    void buildHover();
    EdgeShading edgeShading() const;
    static void neuronCallback(const ImDrawList* list, const ImDrawCmd* cmd);
    void updateGlParts(const Snapshot& snap, int width, int height, bool firstFrame);
    void drawOverlay(const Snapshot& snap, ImDrawList* dl) const;
    void drawTooltip(const Snapshot& snap, const NeuronRef& n) const;

    // network_gradient.cpp: while the Backprop tab shows, edges are −∂C/∂w and neurons −δ,
    // revealed right to left by the backward sweep; hover or click gives the chain rule.
    static bool gradientMode(const Snapshot& snap);
    static uint64_t gradientKey(const Snapshot& snap);    // EdgeCache::Key::gradient
    static int revealedEdgeLayers(const Snapshot& snap); // EdgeCache::Key::revealed
    void buildGradientEdges(const Snapshot& snap, std::vector<EdgeInstance>& out) const;
    // Colours neuron n by its −δ and rings the saturated, the inactive and the target.
    // px: framebuffer pixels per ImGui unit (ring widths).
    static void shadeGradient(const Snapshot& snap, NeuronRef n, float px, Rgba& fill, Rgba& ring,
                              float& ringWidth);
    void hoverGradient(const Snapshot& snap, UiRequests& req, ImVec2 mouse);
    void drawGradientOverlay(const Snapshot& snap, ImDrawList* dl) const;
    void drawGradientLegend(const Snapshot& snap) const; // in the toolbar, for the edge modes
    // network_surgery.cpp: killed / clamped / scaled neurons, ablation drops, dead ReLU neurons.
    void drawSurgeryOverlay(const Snapshot& snap, ImDrawList* dl) const;

    std::filesystem::path m_shaderDir;
    gl::Shader m_edgeShader, m_neuronShader; // built by the second draw() (see draw())
    gl::Shader m_copyShader; // the edge picture into the window, unblended (shaders/copy.*)
    GLuint m_copyVao = 0;    // empty: copy.vert makes its rectangle from gl_VertexID
    EdgeCache m_edges;       // the edge picture, re-rendered when it changes
    gl::InstancedRenderer m_neurons{4, 4, 4, 2}; // NeuronInstance
    // What m_layout was computed for.
    struct LayoutKey {
        std::vector<int> sizes;
        Activation hidden = Activation::Sigmoid, output = Activation::Sigmoid;
        DatasetKind dataset = DatasetKind::Mnist; // the outputs' labels
        int width = 0, height = 0;
        float scale = 0, font = 0;
        bool operator==(const LayoutKey&) const = default;
    };
    LayoutKey m_layoutKey;
    NetworkLayout m_layout; // this frame's (recomputed by draw() when its key changes)
    // The inputs as two textures (the picture and the compressed column), re-uploaded when the
    // input changes: two quads instead of one instanced quad per pixel (software GL pays per
    // triangle).
    gl::GrayTexture m_inputImage{false}, m_inputColumn{false};
    uint64_t m_inputVersion = ~0ull;
    std::vector<NeuronInstance> m_neuronData;     // this frame's
    std::vector<NeuronInstance> m_lastNeuronData; // uploaded: skip the upload when nothing moved

    // Hover: instead of re-rendering all edges, the view is dimmed by one quad and only the
    // hovered neuron's edges are drawn again on top (≤ 800 quads), into a picture of their own
    // when the hover or the edge picture changes; frames copy it like the edge picture (drawn
    // every frame, the dim quad and the long input edges cost llvmpipe about 10 ms a frame at
    // 2560×1440).
    gl::InstancedRenderer m_dim{4, 4, 4, 2};  // NeuronInstance
    gl::InstancedRenderer m_hoverEdges{4, 4}; // EdgeInstance
    std::optional<NeuronRef> m_hoverBuilt;    // hover m_hoverEdges holds
    EdgeCache::Key m_hoverKey{~0ull};         // edges m_hoverEdges was cut from
    gl::Framebuffer m_hoverPicture;           // the edge picture dimmed, the hovered edges lit
    bool m_hoverPictured = false;             // it shows m_hoverBuilt over...
    GLuint m_hoverPictureSource = 0;          // ...this edge picture
    void renderHoverPicture();

    bool m_contributions = false;     // edges show w·a instead of w
    std::optional<NeuronRef> m_hover; // this frame's hover (local to the view)
    std::optional<EdgeRef> m_hoverEdge; // this frame's hovered edge (gradient mode only)
    bool m_gradient = false;            // this frame draws the gradient (gradientMode)
    ImVec2 m_imageMin{}, m_imageMax{};
};

} // namespace nnviz::gui
