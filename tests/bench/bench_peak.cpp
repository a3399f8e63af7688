// The machine's limit for the core: single-precision FLOP/s of one CPU core (the core trains on
// one thread in the comparisons), measured with a tight loop of independent fused multiply-adds
// in the widest vector registers this build targets (-march=native through nnviz_native:
// AVX-512 on this project's machine, else AVX2+FMA, else whatever the compiler vectorises).
//
// kChains accumulators are independent so the FMA units never wait on a previous result: with a
// latency of 4 cycles and 2 FMA pipes, at least 8 must be in flight; 16 leaves room. Each
// iteration does kChains vector FMAs of kLanes floats, 2 FLOPs per lane (a multiply and an add).

// GCC 12.2's AVX-512 intrinsics trip -W(maybe-)uninitialized (GCC bug 105593); header only.
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#include <immintrin.h>
#pragma GCC diagnostic pop
#endif

#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>

namespace {

constexpr int kChains = 16;

#if defined(__AVX512F__)
constexpr int kLanes = 16;
constexpr const char* kIsa = "avx512 fma";

// acc ← acc·m + c for n iterations on every chain; returns the sum so nothing is dead code.
float fmaLoop(int64_t n, float m, float c)
{
    __m512 acc[kChains];
    for (int k = 0; k < kChains; ++k) acc[k] = _mm512_set1_ps(float(k) * 0.001f);
    const __m512 vm = _mm512_set1_ps(m), vc = _mm512_set1_ps(c);
    for (int64_t i = 0; i < n; ++i) {
#pragma GCC unroll 16
        for (int k = 0; k < kChains; ++k) acc[k] = _mm512_fmadd_ps(acc[k], vm, vc);
    }
    __m512 sum = acc[0];
    for (int k = 1; k < kChains; ++k) sum = _mm512_add_ps(sum, acc[k]);
    return _mm512_reduce_add_ps(sum);
}
#elif defined(__AVX2__) && defined(__FMA__)
constexpr int kLanes = 8;
constexpr const char* kIsa = "avx2 fma";

float fmaLoop(int64_t n, float m, float c)
{
    __m256 acc[kChains];
    for (int k = 0; k < kChains; ++k) acc[k] = _mm256_set1_ps(float(k) * 0.001f);
    const __m256 vm = _mm256_set1_ps(m), vc = _mm256_set1_ps(c);
    for (int64_t i = 0; i < n; ++i) {
#pragma GCC unroll 16
        for (int k = 0; k < kChains; ++k) acc[k] = _mm256_fmadd_ps(acc[k], vm, vc);
    }
    alignas(32) float lanes[8];
    __m256 sum = acc[0];
    for (int k = 1; k < kChains; ++k) sum = _mm256_add_ps(sum, acc[k]);
    _mm256_store_ps(lanes, sum);
    float s = 0;
    for (float x : lanes) s += x;
    return s;
}
#else
// Portable: kChains × 8 scalar chains that the compiler may vectorise; a lower bound.
constexpr int kLanes = 8;
constexpr const char* kIsa = "portable (no AVX2/AVX-512 in this build)";

float fmaLoop(int64_t n, float m, float c)
{
    float acc[kChains * kLanes];
    for (int k = 0; k < kChains * kLanes; ++k) acc[k] = float(k) * 0.001f;
    for (int64_t i = 0; i < n; ++i)
        for (int k = 0; k < kChains * kLanes; ++k) acc[k] = std::fma(acc[k], m, c);
    float s = 0;
    for (float x : acc) s += x;
    return s;
}
#endif

// m < 1 and c > 0 keep every accumulator near c / (1 − m): no overflow, no denormals.
void BM_PeakFma(benchmark::State& state)
{
    constexpr int64_t kIterations = 1 << 16; // per benchmark iteration: 16 Mi vector FMAs
    // Volatile, not benchmark::DoNotOptimize: 1.7.1's asm constraint can corrupt a float under
    // GCC (google/benchmark#903). The compiler may neither fold the constants nor drop the sum.
    volatile float vm = 0.999f, vc = 0.001f, sink = 0;
    float result = 0;
    for (auto _ : state) result += fmaLoop(kIterations, vm, vc);
    sink = result;
    if (!std::isfinite(sink)) state.SkipWithError("non-finite accumulator");
    const double flops = double(kIterations) * kChains * kLanes * 2.0;
    state.counters["FLOPs"] = benchmark::Counter(flops);
    state.counters["FLOP/s"] =
        benchmark::Counter(flops * double(state.iterations()), benchmark::Counter::kIsRate,
                           benchmark::Counter::OneK::kIs1000);
    state.SetLabel(kIsa);
}
BENCHMARK(BM_PeakFma);

} // namespace
