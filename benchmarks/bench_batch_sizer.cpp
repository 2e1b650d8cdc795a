// The batch sizer: imgopt::estimateTaskBytes per header, and imgopt::admitSelection over a queue of
// estimates. Pure arithmetic; these guard against the scheduler becoming a cost of its own on large folders.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

#include "batch_sizer.hpp"

namespace {

using namespace imgopt;

std::vector<ImageHeader> sampleHeaders(std::size_t n) {
    std::mt19937 rng(42);
    const ImageFormat formats[] = {ImageFormat::Jpeg, ImageFormat::Png, ImageFormat::Webp, ImageFormat::Avif};
    std::uniform_int_distribution<int> side(200, 8000), pick(0, 3), orient(1, 8);
    std::vector<ImageHeader> headers(n);
    for (auto& h : headers) {
        h.format = formats[pick(rng)];
        h.width = side(rng);
        h.height = side(rng);
        h.bands = h.format == ImageFormat::Png ? 4 : 3;
        h.orientation = orient(rng);
    }
    return headers;
}

void BM_EstimateTaskBytes(benchmark::State& state) {
    const auto headers = sampleHeaders(1024);
    std::size_t i = 0;
    for (auto _ : state) {
        const ImageHeader& h = headers[i++ & 1023];
        benchmark::DoNotOptimize(estimateTaskBytes(h, h.uprightWidth(), h.uprightHeight(), h.format));
    }
}
BENCHMARK(BM_EstimateTaskBytes);

// One scheduling pass over a whole queue: admit a batch, account it as in flight, admit the next, ...
void BM_AdmitQueue(benchmark::State& state) {
    const auto headers = sampleHeaders(static_cast<std::size_t>(state.range(0)));
    std::vector<std::uint64_t> pending;
    pending.reserve(headers.size());
    for (const auto& h : headers)
        pending.push_back(estimateTaskBytes(h, h.uprightWidth(), h.uprightHeight(), h.format));
    const std::uint64_t budget = 256ull << 20;
    for (auto _ : state) {
        std::vector<std::uint64_t> queue = pending;
        std::size_t batches = 0;
        std::size_t front = 0;
        while (front < queue.size()) {
            const std::vector<std::uint64_t> rest(queue.begin() + std::ptrdiff_t(front), queue.end());
            const std::size_t n = admitSelection(rest, budget, 0, 8, false).size();
            front += std::max<std::size_t>(1, n);
            ++batches;
        }
        benchmark::DoNotOptimize(batches);
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_AdmitQueue)->RangeMultiplier(8)->Range(64, 4096);

// One call on a long queue, the per-batch cost the engine pays.
void BM_AdmitSelection(benchmark::State& state) {
    const auto headers = sampleHeaders(static_cast<std::size_t>(state.range(0)));
    std::vector<std::uint64_t> pending;
    for (const auto& h : headers) pending.push_back(estimateTaskBytes(h, 1920, 1080, h.format));
    for (auto _ : state)
        benchmark::DoNotOptimize(admitSelection(pending, 256ull << 20, 32ull << 20, 8, false));
}
BENCHMARK(BM_AdmitSelection)->RangeMultiplier(8)->Range(64, 4096);

}  // namespace
