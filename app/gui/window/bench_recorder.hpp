// --bench-frames N: frame times of N frames drawn flat out while a digit is being drawn (see
// demo_input.hpp), printed as {"frames":N,"p50_ms":…,"p95_ms":…,"p99_ms":…} on stdout. With
// --timing also where a frame's time goes, on stderr: the medians (p95) of each stage, each GL
// stage finished with glFinish so the software renderer's work lands in its own stage.
#pragma once

#include <chrono>
#include <vector>

namespace nnviz::gui {

class BenchRecorder {
  public:
    enum Stage { Layout, Model, Render, Swap, kStages }; // the CPU layout; requests; GL; swap

    // frames 0: no bench (every call does nothing).
    BenchRecorder(int frames, bool stageTiming);

    void startFrame();    // at the top of the loop
    void lap(Stage done); // that stage of the frame has ended
    // After the swap; true once the N-th frame is in and the figures are printed.
    bool endFrame();

  private:
    using Clock = std::chrono::steady_clock;
    void print() const;

    int m_frames;
    bool m_stageTiming;
    std::vector<double> m_frameMs;
    std::vector<double> m_stageMs[kStages];
    std::vector<double> m_vertices; // ImGui's vertices per frame
    Clock::time_point m_frameStart, m_lapStart;
};

} // namespace nnviz::gui
