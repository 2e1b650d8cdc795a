// imgopt-bench: Google Benchmark micro-benchmarks of imgopt_core. libvips is started with ImgOpt's own
// set-up (imgopt::initVips: small operation cache, untrusted loaders blocked) before any benchmark runs.
//
// libvips threads per pipeline: IMGOPT_BENCH_VIPS_THREADS (default 1, what each pool worker gets on a
// 2-core machine with 2 workers, so the encode figures are the per-image cost the batch engine pays).

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "bench_fixtures.hpp"
#include "imgopt/runtime.hpp"
#include "vips_runtime.hpp"

int main(int argc, char** argv) {
    if (auto started = imgopt::initialize(argv[0]); !started) {
        std::fprintf(stderr, "imgopt-bench: %s\n", started.error().message.c_str());
        return 1;
    }
    int threads = 1;
    if (const char* env = std::getenv("IMGOPT_BENCH_VIPS_THREADS")) threads = std::max(1, std::atoi(env));
    imgopt::showLibraryWarnings(false);  // e.g. "heifload: ignoring nclx profile" once per AVIF header read
    imgopt::setTaskThreads(threads);
    benchmark::AddCustomContext("vips_threads", std::to_string(threads));
    benchmark::AddCustomContext("libvips", imgopt::libvipsVersion());

    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    int status = 0;
    try {
        benchmark::RunSpecifiedBenchmarks();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "imgopt-bench: %s\n", e.what());
        status = 1;
    }
    benchmark::Shutdown();
    imgopt::bench::cleanupFixtures();
    return status;
}
