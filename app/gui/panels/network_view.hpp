// The network as in the video: the 28×28 input beside a compressed column of its 784 pixels, then
// columns of 16, 16 and 10 neurons, every connection drawn green/red by sign. Edges and neurons
// are instanced quads drawn with shaders/edge.* and shaders/neuron.*: the 12,960 edges into a
// framebuffer re-rendered only when they change (weights, w·a input, hover, size) and shown with
// ImGui::Image; the ~1,600 neuron and pixel quads on top of it each frame from a draw-list
// callback; text (titles, values, digit labels) on top through the draw list.
#pragma once

#include "app/gui/gl/gray_texture.hpp"
#include "app/gui/gl/instanced_renderer.hpp"
#include "app/gui/gl/shader.hpp"
#include "app/gui/model/snapshot.hpp"

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
    static constexpr double kEdgeRenderInterval = 0.16;

    bool showsContributions() const { return m_contributions; }
    // Screen rectangle of the picture (for the Learn panel's focus outline).
    ImVec2 imageMin() const { return m_imageMin; }
    ImVec2 imageMax() const { return m_imageMax; }
    // Screen rectangle of hidden layer l's column (l = 1, 2) or the output column (l = 3).
    bool layerRect(int layer, ImVec2& min, ImVec2& max) const;

private:
    struct Layout {
        int width = 0, height = 0; // framebuffer pixels
        float scale = 1;           // framebuffer pixels per ImGui unit
        float top = 0, bottom = 0; // vertical extent of the columns
        float imageX = 0, imageY = 0, imageSize = 0; // the 28×28 picture
        float inputX = 0, inputW = 0;                // the 784-cell column
        std::vector<float> columnX;                  // layers 1..L (index 0 = input column)
        std::vector<float> radius;                   // disc radius per layer (0 for input)
        std::vector<float> pitch;                    // spacing per layer
        float inputY(int i) const { return top + (float(i) + 0.5f) * (bottom - top) / 784.0f; }
        float neuronY(int layer, int j, int n) const;
    };

    void drawToolbar(const Snapshot& snap, UiRequests& req);
    void computeLayout(const Snapshot& snap, int width, int height, float scale);
    void buildEdges(const Snapshot& snap);
    void buildNeurons(const Snapshot& snap);
    // Draws the edges (part 0 .. kEdgeParts − 1, or all for −1) into target; clear first when
    // asked.
    void renderEdges(const gl::Framebuffer& target, int part, bool clear);
    void buildHover();
    void setEdgeUniforms(bool hovering) const;
    static void neuronCallback(const ImDrawList* list, const ImDrawCmd* cmd);
    std::optional<NeuronRef> hitTest(const Snapshot& snap, ImVec2 local) const;
    void drawOverlay(const Snapshot& snap, ImDrawList* dl) const;
    void drawTooltip(const Snapshot& snap, const NeuronRef& n) const;

    std::filesystem::path m_shaderDir;
    gl::Shader m_edgeShader, m_neuronShader; // built by the second draw() (see draw())
    gl::Shader m_copyShader;  // the edge picture into the window, unblended (shaders/copy.*)
    GLuint m_copyVao = 0;     // empty: copy.vert makes its rectangle from gl_VertexID
    // The edges in parts (segment, (value, layer, from, to)), so a w·a re-render can be spread
    // over kEdgeParts frames.
    static constexpr int kEdgeParts = 4;
    gl::InstancedRenderer m_edges[kEdgeParts] = {gl::InstancedRenderer{4, 4}, gl::InstancedRenderer{4, 4},
                                                 gl::InstancedRenderer{4, 4}, gl::InstancedRenderer{4, 4}};
    gl::InstancedRenderer m_neurons{4, 4, 4, 2};  // shape, fill, ring, (ring width, half height)
    // The edge picture shown (front) and, while a w·a re-render is spread over frames,
    // the one being drawn; they swap when it is done.
    gl::Framebuffer m_edgeTargets[2];
    int m_front = 0;
    const gl::Framebuffer& front() const { return m_edgeTargets[m_front]; }
    Layout m_layout;
    // The 784 inputs as two textures (the 28×28 picture and the 1×784 column), re-uploaded when
    // the input changes: two quads instead of 1,568 instanced ones (software GL pays per
    // triangle).
    gl::GrayTexture m_inputImage{false}, m_inputColumn{false};
    uint64_t m_inputVersion = ~0ull;
    std::vector<float> m_edgeData, m_neuronData;

    // What the framebuffers currently show; re-rendered only when one of these changes.
    struct EdgeKey {
        uint64_t weights = 0, input = 0;
        int width = 0, height = 0;
        bool contributions = false;
        bool operator==(const EdgeKey&) const = default;
    };
    EdgeKey m_edgeKey{~0ull};
    // Hover: instead of re-rendering all edges, the view is dimmed by one quad and only the
    // hovered neuron's edges are drawn again on top, each frame (≤ 800 quads).
    gl::InstancedRenderer m_dim{4, 4, 4, 2};
    gl::InstancedRenderer m_hoverEdges{4, 4};
    std::optional<NeuronRef> m_hoverBuilt;  // hover m_hoverEdges holds
    EdgeKey m_hoverKey{~0ull};               // edges m_hoverEdges was cut from
    double m_lastEdgeRender = -1.0;          // ImGui time of the last full edge render
    bool m_edgesDirty = true;
    bool m_edgesInBack = false;             // the dirty edges go to the back target, a part
    int m_backPart = 0;                     // per frame: the part the next frame draws
    std::vector<float> m_lastNeuronData;    // skip the final pass when nothing moved

    bool m_contributions = false;           // edges show w·a instead of w
    std::optional<NeuronRef> m_hover;       // this frame's hover (local to the view)
    ImVec2 m_imageMin{}, m_imageMax{};
};

} // namespace nnviz::gui
