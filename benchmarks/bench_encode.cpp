// Encode per output format: imgopt::encodeImage on a task built the way the engine builds it (validate, then
// OutputPlanner), i.e. load with shrink-on-load, make upright, fix colour and metadata, encode, write a file.
// Arguments: source (0 = photo JPEG, 1 = RGBA graphic PNG), output format, quality (90, or 100 = lossless).

#include <benchmark/benchmark.h>

#include <string>
#include <variant>

#include "bench_fixtures.hpp"
#include "encoder.hpp"
#include "output_planner.hpp"
#include "validator.hpp"

namespace {

using namespace imgopt;

enum Source { kPhoto = 0, kGraphic = 1 };
constexpr ImageFormat kFormats[] = {ImageFormat::Jpeg, ImageFormat::Png, ImageFormat::Webp,
                                    ImageFormat::Avif};

void BM_Encode(benchmark::State& state) {
    const auto& fx = bench::fixtures();
    const auto source = static_cast<Source>(state.range(0));
    const ImageFormat format = kFormats[state.range(1)];
    const int quality = static_cast<int>(state.range(2));

    Options options;
    options.convertTo = format;
    options.quality = quality;
    options.outputMode = OutputMode::OutputDir;
    options.outputDir = fx.dir / "out";
    options.allowLarger = true;

    const auto input = source == kPhoto ? fx.photoJpeg : fx.graphicPng;
    const ScanItem item{1, input, {}, std::filesystem::file_size(input)};
    auto validated = validate(item, options);
    if (!validated) {
        state.SkipWithError(validated.error().error.message.c_str());
        return;
    }
    OutputPlanner planner(options);
    auto planned = planner.plan(*validated);
    if (!planned) {
        state.SkipWithError(planned.error().message.c_str());
        return;
    }
    const PlannedTask task = *planned;
    const CancelToken cancel;
    std::size_t outBytes = 0;
    for (auto _ : state) {
        const auto encoded = encodeImage(task, options, cancel);
        if (!encoded) {
            state.SkipWithError(encoded.error().message.c_str());
            break;
        }
        outBytes = encoded->bytes.size();
    }
    const double pixels = double(task.header.width) * double(task.header.height);
    state.counters["out_bytes"] = benchmark::Counter(double(outBytes));
    state.counters["in_bytes"] = benchmark::Counter(double(item.bytes));
    state.counters["Mpix/s"] =
        benchmark::Counter(pixels / 1e6, benchmark::Counter::kIsIterationInvariantRate);
    state.SetLabel(std::string(source == kPhoto ? "photo.jpg -> " : "graphic.png -> ") +
                   std::string(formatInfo(format).name) +
                   (quality >= 100 ? " lossless" : " q" + std::to_string(quality)));
}

// libvips does the work on its own threads, so wall time is what counts; CPU time is the whole process's.
BENCHMARK(BM_Encode)
    ->ArgNames({"src", "fmt", "q"})
    ->ArgsProduct({{kPhoto}, {0, 1, 2, 3}, {90, 100}})
    ->ArgsProduct({{kGraphic}, {1, 2}, {90, 100}})
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime();

}  // namespace
