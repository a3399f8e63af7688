// The network view's edges as one picture in an offscreen target, re-rendered only when what it
// shows (EdgeCache::Key) changes: all ~13,000 edges cost a software renderer several
// milliseconds, too much for every frame. Two changes come every frame or so, w·a while a digit
// is drawn and the weights while a run trains; those re-render at most every kRenderInterval,
// into a back target a part per frame, which becomes the front when complete. Anything else (a
// model swapped, a resize, the edge mode) is drawn into the front at once.
//
// (Weights alone while training: at most every kTrainingRenderInterval.)
//
//   Empty ──▶ Pending ──drawn whole──▶ Shown ──new w·a input, or weights while training──▶ InParts
//               ▲       (the next frame         ▲     (kRenderInterval after the last start)    │
//               │        that can draw)         └──────────── the last part drawn ◀──────────────┘
//               └── from any state: a new size, edge mode or (not training) weights
#pragma once

#include "app/gui/gl/instanced_renderer.hpp"
#include "app/gui/gl/shader.hpp"
#include "app/gui/model/snapshot.hpp"
#include "app/gui/panels/network_instances.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

namespace nnviz::gui {

// The picture's background (it is opaque: copied into the window unblended).
inline constexpr Rgba kNetworkBackground{0.075f, 0.078f, 0.095f, 1.0f};

// The edge shader's uniforms (shaders/edge.vert), shared by the cached picture and the hover
// overlay drawn over it.
struct EdgeShading {
    float width = 0, height = 0; // target pixels
    float scale = 1;             // framebuffer pixels per ImGui unit: line widths
    float inputAlpha = 0;        // opacity factor of the edges leaving the input layer
};

// Binds shader (shaders/edge.*) with shading; hover lights its edges and dims the others.
void useEdgeShader(const gl::Shader& shader, const EdgeShading& shading,
                   const std::optional<NeuronRef>& hover);

class EdgeCache {
  public:
    // What the picture shows; another key means another picture.
    struct Key {
        uint64_t weights = 0;       // Snapshot::model.weightsVersion
        uint64_t input = 0;         // Snapshot::input.version in w·a mode, else 0
        int width = 0, height = 0;  // target pixels
        bool contributions = false; // edges show w·a instead of w
        uint64_t gradient = 0;      // edges show −∂C/∂w (the Backprop tab): its version; 0: not
        int revealed = 0;           // edge layers the backward sweep has revealed (gradient)
        bool operator==(const Key&) const = default;
    };

    enum class State {
        Empty,   // nothing built yet
        Pending, // built; drawn whole into the front by the next frame that can draw
        InParts, // built; drawn into the back a part per frame while the front shows the last
        Shown,   // the front shows what was built
    };

    // The parts an InParts re-render is spread over (one per frame).
    static constexpr int kParts = 4;
    // Re-renders in parts start at most once per this many seconds.
    static constexpr double kRenderInterval = 0.16;
    // ... and when only a training run's weights changed: every edge re-rendered was most of
    // what the software renderer did while a run trained (frames p95 80-130 ms on two loaded
    // cores), and the edges of a run change slowly; the weight maps still follow every publish.
    static constexpr double kTrainingRenderInterval = 1.0;

    // What a frame asks for.
    struct Frame {
        Key want;
        bool training = false; // a run is publishing weights: new weights are drawn in parts
        double now = 0;        // seconds (ImGui's clock)
        bool canDraw = false;  // the shader is compiled (not on the very first frame)
    };
    // Fills the (empty) list with the edges for the frame's key.
    using Build = std::function<void(std::vector<EdgeInstance>& out)>;

    // The one place the state changes: rebuilds the instances (build) when the frame asks for a
    // new picture and it is time for it, then draws what the state calls for with shader.
    // Returns true when a complete new picture became the front this frame.
    bool update(const Frame& frame, const Build& build, const gl::Shader& shader,
                const EdgeShading& shading);

    State state() const { return m_state; }
    // The key the instances were built for (the front shows it unless InParts).
    const Key& key() const { return m_key; }
    // The edges last built.
    std::span<const EdgeInstance> instances() const { return m_instances; }
    // The front picture's texture, shown 1:1 in the window.
    GLuint texture() const { return front().texture(); }

  private:
    // Whether want may be drawn in parts while the front keeps the current picture: same size
    // and mode, and only the w·a input or the gradient changed, or the weights during a training
    // run. The backward sweep revealing another layer is drawn at once: it happens in the
    // sweep's last frame too, after which frames may stop.
    bool inPartsFor(const Frame& frame) const;
    double intervalFor(const Frame& frame) const;
    void start(const Frame& frame, const Build& build, State next);
    // Draws parts [first, last) into target, cleared first when asked.
    void render(const gl::Framebuffer& target, int first, int last, bool clear,
                const gl::Shader& shader, const EdgeShading& shading) const;
    gl::Framebuffer& front() { return m_targets[m_front]; }
    const gl::Framebuffer& front() const { return m_targets[m_front]; }
    gl::Framebuffer& back() { return m_targets[1 - m_front]; }

    State m_state = State::Empty;
    Key m_key;
    std::vector<EdgeInstance> m_instances; // (edges) as built for m_key
    // The instances in kParts ranges of about equal size.
    gl::InstancedRenderer m_parts[kParts] = {
        gl::InstancedRenderer{4, 4}, gl::InstancedRenderer{4, 4}, gl::InstancedRenderer{4, 4},
        gl::InstancedRenderer{4, 4}};
    gl::Framebuffer m_targets[2]; // the front shows, the back is drawn InParts
    int m_front = 0;
    int m_part = 0;             // InParts: the part the next frame draws
    double m_lastRender = -1.0; // when the last picture was started
};

} // namespace nnviz::gui
