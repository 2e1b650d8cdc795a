// The visual-quality metrics, per megapixel (docs/presets.md, "Visual targets"): what the search
// uses (the SSIM kernel, the colour shift, both through distance()), and what it was chosen over: SSIM built
// from libvips operations, and butteraugli through libjxl's API where libjxl is installed. Each compares the
// 1920x1080 photo fixture with its own JPEG at quality 70; the metrics run on one thread, as in the search.

#include <benchmark/benchmark.h>

#include <vips/vips8>

#include "bench_fixtures.hpp"
#include "perceptual_metric.hpp"

#ifdef IMGOPT_BENCH_BUTTERAUGLI
#include <jxl/butteraugli.h>
#endif

namespace {

using namespace imgopt;
using vips::VImage;

struct Pair {
    VImage reference;
    VImage candidate;
    double megapixels = 0;
};

const Pair& pair() {
    static const Pair p = [] {
        vips_concurrency_set(1);
        Pair out;
        const VImage source = VImage::new_from_file(bench::fixtures().photoJpeg.c_str());
        void* data = nullptr;
        std::size_t size = 0;
        source.write_to_buffer(".jpg", &data, &size, VImage::option()->set("Q", 70));
        out.reference = comparablePixels(source, 3);
        out.candidate = comparablePixels(VImage::new_from_buffer(data, size, ""), 3);
        g_free(data);
        out.megapixels = double(out.reference.width()) * out.reference.height() / 1e6;
        return out;
    }();
    return p;
}

void perMegapixel(benchmark::State& state, double megapixels) {
    state.counters["s_per_MP"] = benchmark::Counter(
        megapixels, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

void BM_MetricSsimKernel(benchmark::State& state) {
    const Pair& p = pair();
    for (auto _ : state) benchmark::DoNotOptimize(ssimMean(pixelView(p.reference), pixelView(p.candidate)));
    perMegapixel(state, p.megapixels);
}

void BM_MetricDistance(benchmark::State& state) {
    const Pair& p = pair();
    for (auto _ : state) benchmark::DoNotOptimize(distance(p.reference, p.candidate).ssim);
    perMegapixel(state, p.megapixels);
}

// SSIM as five 7x7 box filters (separable float convolutions) and pixel arithmetic in libvips.
void BM_MetricSsimLibvipsOps(benchmark::State& state) {
    const Pair& p = pair();
    const VImage a = p.reference.cast(VIPS_FORMAT_FLOAT), b = p.candidate.cast(VIPS_FORMAT_FLOAT);
    VImage mask = VImage::new_matrixv(1, 7, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0);
    mask.set("scale", 7.0);
    const auto box = [&](const VImage& x) {
        return x.convsep(mask, VImage::option()->set("precision", VIPS_PRECISION_FLOAT));
    };
    const double c1 = 6.5025, c2 = 58.5225, unbiased = 49.0 / 48.0;
    for (auto _ : state) {
        const VImage ma = box(a), mb = box(b);
        const VImage va = (box(a * a) - ma * ma) * unbiased, vb = (box(b * b) - mb * mb) * unbiased;
        const VImage cov = (box(a * b) - ma * mb) * unbiased;
        const VImage map =
            ((2 * ma * mb + c1) * (2 * cov + c2)) / ((ma * ma + mb * mb + c1) * (va + vb + c2));
        benchmark::DoNotOptimize(map.extract_area(3, 3, map.width() - 6, map.height() - 6).avg());
    }
    perMegapixel(state, p.megapixels);
}

// The colour shift's block means by libvips' shrink instead of the kernel's (then Lab and ΔE76 as the
// search).
void BM_MetricShiftLibvipsShrink(benchmark::State& state) {
    const Pair& p = pair();
    const auto lab = [](const VImage& x) {
        return x.shrink(4, 4)
            .copy(VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB))
            .colourspace(VIPS_INTERPRETATION_LAB);
    };
    for (auto _ : state) benchmark::DoNotOptimize(lab(p.reference).dE76(lab(p.candidate)).avg());
    perMegapixel(state, p.megapixels);
}

// CIEDE2000 in place of CIE76 on the same block means.
void BM_MetricShiftDe2000(benchmark::State& state) {
    const Pair& p = pair();
    const auto lab = [](const VImage& x) {
        return x.shrink(4, 4)
            .copy(VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB))
            .colourspace(VIPS_INTERPRETATION_LAB)
            .copy_memory();
    };
    const VImage a = lab(p.reference), b = lab(p.candidate);
    for (auto _ : state) benchmark::DoNotOptimize(a.dE00(b).avg());
    perMegapixel(state, p.megapixels);
}

#ifdef IMGOPT_BENCH_BUTTERAUGLI
void BM_MetricButteraugli(benchmark::State& state) {
    const Pair& p = pair();
    JxlButteraugliApi* api = JxlButteraugliApiCreate(nullptr);
    const JxlPixelFormat format{3, JXL_TYPE_UINT8, JXL_NATIVE_ENDIAN, 0};
    const std::size_t bytes = std::size_t(p.reference.width()) * p.reference.height() * 3;
    for (auto _ : state) {
        JxlButteraugliResult* result =
            JxlButteraugliCompute(api, p.reference.width(), p.reference.height(), &format, p.reference.data(),
                                  bytes, &format, p.candidate.data(), bytes);
        if (!result) {
            state.SkipWithError("butteraugli failed");
            break;
        }
        benchmark::DoNotOptimize(JxlButteraugliResultGetDistance(result, 3));
        JxlButteraugliResultDestroy(result);
    }
    JxlButteraugliApiDestroy(api);
    perMegapixel(state, p.megapixels);
}
BENCHMARK(BM_MetricButteraugli)->Unit(benchmark::kMillisecond)->UseRealTime();
#endif

BENCHMARK(BM_MetricSsimKernel)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_MetricDistance)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_MetricSsimLibvipsOps)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_MetricShiftLibvipsShrink)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_MetricShiftDe2000)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
