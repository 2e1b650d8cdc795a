// Queue previews (imgopt::makeThumbnail: shrink-on-load vips_thumbnail to 36 pixels, upright, 8-bit sRGB) per
// input format: the cost of one row's preview in the desktop app, paid on its preview threads.

#include <benchmark/benchmark.h>

#include "bench_fixtures.hpp"
#include "imgopt/options.hpp"
#include "imgopt/thumbnail.hpp"

namespace {

using namespace imgopt;

// The preview's long edge in the app at a 17-pixel font (QueueThumbnails::previewEdge).
constexpr int kEdge = 36;

void BM_Thumbnail(benchmark::State& state) {
    const auto& path = bench::input(static_cast<int>(state.range(0)));
    for (auto _ : state) {
        auto thumb = makeThumbnail(path, kEdge, Options{}.maxPixels);
        if (!thumb) {
            state.SkipWithError(thumb.error().message.c_str());
            break;
        }
        benchmark::DoNotOptimize(thumb);
    }
    state.SetLabel(path.filename().string());
}
// Process CPU: libvips decodes on its own worker threads, which the calling thread's CPU time would miss.
BENCHMARK(BM_Thumbnail)
    ->ArgName("input")
    ->DenseRange(0, bench::kInputCount - 1)
    ->MeasureProcessCPUTime()
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace
