// Header read (imgopt::readHeader: content sniffing plus header fields, no pixel decode) per input format,
// and the whole per-file validation (imgopt::validate) that the engine runs on every scanned file.

#include <benchmark/benchmark.h>

#include <variant>

#include "bench_fixtures.hpp"
#include "header_reader.hpp"
#include "validator.hpp"

namespace {

using namespace imgopt;

void BM_ReadHeader(benchmark::State& state) {
    const auto& path = bench::input(static_cast<int>(state.range(0)));
    for (auto _ : state) {
        auto header = readHeader(path);
        if (!header) {
            state.SkipWithError(header.error().message.c_str());
            break;
        }
        benchmark::DoNotOptimize(header);
    }
    state.SetLabel(path.filename().string());
}
BENCHMARK(BM_ReadHeader)->ArgName("input")->DenseRange(0, 3)->Unit(benchmark::kMicrosecond);

void BM_Validate(benchmark::State& state) {
    const auto& path = bench::input(static_cast<int>(state.range(0)));
    const ScanItem item{1, path, {}, std::filesystem::file_size(path)};
    const Options options;
    for (auto _ : state) {
        ValidationResult result = validate(item, options);
        if (!result) {
            state.SkipWithError(result.error().error.message.c_str());
            break;
        }
        benchmark::DoNotOptimize(result);
    }
    state.SetLabel(path.filename().string());
}
BENCHMARK(BM_Validate)->ArgName("input")->DenseRange(0, 3)->Unit(benchmark::kMicrosecond);

}  // namespace
