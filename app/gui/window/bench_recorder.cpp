// BenchRecorder: see bench_recorder.hpp.
#include "app/gui/window/bench_recorder.hpp"

#include "app/gui/window/frame_stats.hpp"

#include <glad/gl.h>
#include <imgui.h>

#include <algorithm>
#include <cstdio>

namespace nnviz::gui {
namespace {

double msSince(std::chrono::steady_clock::time_point t)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

} // namespace

BenchRecorder::BenchRecorder(int frames, bool stageTiming)
    : m_frames(std::max(frames, 0)), m_stageTiming(frames > 0 && stageTiming)
{
    m_frameMs.reserve(size_t(m_frames));
}

void BenchRecorder::startFrame()
{
    if (m_frames > 0) m_frameStart = m_lapStart = Clock::now();
}

void BenchRecorder::lap(Stage done)
{
    if (!m_stageTiming) return;
    if (done >= Render) glFinish();
    m_stageMs[done].push_back(msSince(m_lapStart));
    m_lapStart = Clock::now();
    if (done == Render) m_vertices.push_back(double(ImGui::GetDrawData()->TotalVtxCount));
}

bool BenchRecorder::endFrame()
{
    if (m_frames == 0) return false;
    glFinish(); // count the GPU's (llvmpipe's) work in this frame
    m_frameMs.push_back(msSince(m_frameStart));
    if (int(m_frameMs.size()) < m_frames) return false;
    print();
    return true;
}

void BenchRecorder::print() const
{
    std::printf("{\"frames\":%d,\"p50_ms\":%.2f,\"p95_ms\":%.2f,\"p99_ms\":%.2f}\n", m_frames,
                percentile(m_frameMs, 50), percentile(m_frameMs, 95), percentile(m_frameMs, 99));
    std::fflush(stdout);
    if (!m_stageTiming) return;
    auto p = [this](Stage s, double q) { return percentile(m_stageMs[s], q); };
    std::fprintf(stderr,
                 "nnviz: frame stages p50 (p95) ms: layout %.2f (%.2f), model %.2f (%.2f), "
                 "render %.2f (%.2f), swap %.2f (%.2f); %.0f vertices\n",
                 p(Layout, 50), p(Layout, 95), p(Model, 50), p(Model, 95), p(Render, 50),
                 p(Render, 95), p(Swap, 50), p(Swap, 95), percentile(m_vertices, 50));
}

} // namespace nnviz::gui
