#include "metric_kernel.hpp"

#include <algorithm>
#include <vector>

// The two loops below carry the whole cost; an AVX2 clone runs them eight floats at a time where the CPU has
// it.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define IMGOPT_SIMD_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define IMGOPT_SIMD_CLONES
#endif

namespace imgopt {
namespace {

constexpr int kWindow = 7;
constexpr int kRadius = kWindow / 2;
constexpr float kC1 = (0.01f * 255) * (0.01f * 255);
constexpr float kC2 = (0.03f * 255) * (0.03f * 255);

// Column sums of the current seven rows, per sample position: x, y, x², y², xy. 49 * 255² fits in 32 bits.
struct ColumnSums {
    explicit ColumnSums(std::size_t n) : a(n), b(n), aa(n), bb(n), ab(n) {}
    std::vector<std::uint32_t> a, b, aa, bb, ab;
};

IMGOPT_SIMD_CLONES
void addRow(ColumnSums& s, const std::uint8_t* __restrict ra, const std::uint8_t* __restrict rb, int n) {
    std::uint32_t* __restrict A = s.a.data();
    std::uint32_t* __restrict B = s.b.data();
    std::uint32_t* __restrict AA = s.aa.data();
    std::uint32_t* __restrict BB = s.bb.data();
    std::uint32_t* __restrict AB = s.ab.data();
    for (int i = 0; i < n; ++i) {
        const std::uint32_t x = ra[i], y = rb[i];
        A[i] += x;
        B[i] += y;
        AA[i] += x * x;
        BB[i] += y * y;
        AB[i] += x * y;
    }
}

IMGOPT_SIMD_CLONES
void removeRow(ColumnSums& s, const std::uint8_t* __restrict ra, const std::uint8_t* __restrict rb, int n) {
    std::uint32_t* __restrict A = s.a.data();
    std::uint32_t* __restrict B = s.b.data();
    std::uint32_t* __restrict AA = s.aa.data();
    std::uint32_t* __restrict BB = s.bb.data();
    std::uint32_t* __restrict AB = s.ab.data();
    for (int i = 0; i < n; ++i) {
        const std::uint32_t x = ra[i], y = rb[i];
        A[i] -= x;
        B[i] -= y;
        AA[i] -= x * x;
        BB[i] -= y * y;
        AB[i] -= x * y;
    }
}

// Sum of the SSIM map along one row of window centres, each weighted (0 or 1: inside a tile or not).
IMGOPT_SIMD_CLONES
float rowSum(const ColumnSums& s, int count, int bands, const float* __restrict weight) {
    const std::uint32_t* A = s.a.data();
    const std::uint32_t* B = s.b.data();
    const std::uint32_t* AA = s.aa.data();
    const std::uint32_t* BB = s.bb.data();
    const std::uint32_t* AB = s.ab.data();
    constexpr float inv = 1.0f / (kWindow * kWindow);
    constexpr float unbiased = float(kWindow * kWindow) / float(kWindow * kWindow - 1);
    float total = 0;
    for (int i = 0; i < count; ++i) {
        std::uint32_t sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        for (int k = 0; k < kWindow; ++k) {
            const int j = i + k * bands;
            sa += A[j];
            sb += B[j];
            saa += AA[j];
            sbb += BB[j];
            sab += AB[j];
        }
        const float ma = float(sa) * inv, mb = float(sb) * inv;
        const float va = (float(saa) * inv - ma * ma) * unbiased;
        const float vb = (float(sbb) * inv - mb * mb) * unbiased;
        const float cov = (float(sab) * inv - ma * mb) * unbiased;
        total += weight[i] * ((2 * ma * mb + kC1) * (2 * cov + kC2)) /
                 ((ma * ma + mb * mb + kC1) * (va + vb + kC2));
    }
    return total;
}

IMGOPT_SIMD_CLONES
void addColumns(std::uint32_t* __restrict sums, const std::uint8_t* __restrict row, int n) {
    for (int i = 0; i < n; ++i) sums[i] += row[i];
}

bool insideTile(int centre, int tile) {
    return tile <= 0 || (centre % tile >= kRadius && centre % tile < tile - kRadius);
}

}  // namespace

double ssimMean(const PixelView& a, const PixelView& b, int tile) {
    const int w = a.width, h = a.height, bands = a.bands;
    if (w < kWindow || h < kWindow || bands < 1) return 1.0;
    const int rowSamples = w * bands;
    const int centres = (w - 2 * kRadius) * bands;  // window centres per row, all bands
    std::vector<float> weight(std::size_t(centres), 1.0f);
    double columns = 0;
    for (int i = 0; i < centres; ++i) {
        weight[std::size_t(i)] = insideTile(i / bands + kRadius, tile) ? 1.0f : 0.0f;
        columns += weight[std::size_t(i)];
    }
    ColumnSums sums{std::size_t(rowSamples)};
    const auto rowA = [&](int y) { return a.data + std::size_t(y) * std::size_t(rowSamples); };
    const auto rowB = [&](int y) { return b.data + std::size_t(y) * std::size_t(rowSamples); };
    for (int y = 0; y < kWindow; ++y) addRow(sums, rowA(y), rowB(y), rowSamples);
    double total = 0;
    long rows = 0;
    for (int centre = kRadius; centre < h - kRadius; ++centre) {
        if (centre > kRadius) {
            addRow(sums, rowA(centre + kRadius), rowB(centre + kRadius), rowSamples);
            removeRow(sums, rowA(centre - kRadius - 1), rowB(centre - kRadius - 1), rowSamples);
        }
        if (!insideTile(centre, tile)) continue;
        // Float per row keeps the vector loop; the rows are summed in double.
        total += double(rowSum(sums, centres, bands, weight.data()));
        ++rows;
    }
    const double windows = columns * double(rows);
    return windows > 0 ? total / windows : 1.0;
}

std::vector<std::uint8_t> blockMeans(const PixelView& image, int block) {
    const int cellsAcross = image.width / block, cellsDown = image.height / block, bands = image.bands;
    const int rowSamples = image.width * bands;
    std::vector<std::uint8_t> out(std::size_t(cellsAcross) * std::size_t(cellsDown) * std::size_t(bands));
    std::vector<std::uint32_t> columnSums(static_cast<std::size_t>(rowSamples));
    const std::uint32_t area = std::uint32_t(block * block);
    for (int cy = 0; cy < cellsDown; ++cy) {
        std::fill(columnSums.begin(), columnSums.end(), 0u);
        for (int y = cy * block; y < (cy + 1) * block; ++y)
            addColumns(columnSums.data(), image.data + std::size_t(y) * std::size_t(rowSamples), rowSamples);
        std::uint8_t* cells = out.data() + std::size_t(cy) * std::size_t(cellsAcross) * std::size_t(bands);
        for (int cx = 0; cx < cellsAcross; ++cx)
            for (int b = 0; b < bands; ++b) {
                std::uint32_t sum = 0;
                for (int k = 0; k < block; ++k) sum += columnSums[std::size_t((cx * block + k) * bands + b)];
                cells[cx * bands + b] = std::uint8_t((sum + area / 2) / area);
            }
    }
    return out;
}

}  // namespace imgopt
