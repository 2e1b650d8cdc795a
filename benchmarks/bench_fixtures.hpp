#pragma once
// Images for the micro-benchmarks, generated with libvips at first use into a private temporary folder, so
// the benchmarks need no corpus. Removed again by cleanupFixtures() at exit.

#include <filesystem>

namespace imgopt::bench {

struct Fixtures {
    std::filesystem::path dir;
    std::filesystem::path photoJpeg;   // 1920x1080 photo-like (gradient + blurred and fine noise), JPEG Q95
    std::filesystem::path photoPng;    // the same pixels, lossless PNG
    std::filesystem::path photoWebp;   // the same pixels, WebP Q90
    std::filesystem::path photoAvif;   // the same pixels, AVIF Q90
    std::filesystem::path graphicPng;  // 1920x1080 RGBA graphic: flat shapes, smooth alpha, little noise
};

// Generates the images on first call (thread-safe); throws std::runtime_error when libvips fails.
const Fixtures& fixtures();
// The fixtures by a benchmark's argument, for DenseRange(0, kInputCount - 1): 0 JPEG, 1 PNG, 2 WebP, 3 AVIF
// photo, 4 the PNG graphic.
inline constexpr int kInputCount = 5;
const std::filesystem::path& input(int which);
void cleanupFixtures();

}  // namespace imgopt::bench
