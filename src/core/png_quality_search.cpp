// The PNG half of the quality search (quality_searcher.hpp): palettes, then near-lossless truecolour, and
// the smaller of the two that meet the target.
#include <algorithm>
#include <cmath>

#include "imgopt/format.hpp"
#include "near_lossless_png.hpp"
#include "quality_searcher.hpp"

namespace imgopt::search {
namespace {

constexpr double kOverviewPixels = 400'000;
constexpr double kSomeDither = 0.4;
// Near-lossless PNG's first candidate at the `high` target: a step of 8 (near_lossless_png.hpp), and the
// coarsest step each target may reach (13, 16 and 18).
constexpr int kNearLosslessGuess = 92;
constexpr int kNearLosslessFloor[] = {87, 84, 82};
// A mosaic's tiles restart the predictor and deflate's matches: on the big set's photographic PNGs its bytes,
// scaled to the whole image, were 1.0-1.5x the whole image's. So a sample predicts a loss against a palette
// only when this share of its estimate is still larger.
constexpr double kMosaicEstimate = 0.7;
// Margin units gained per quality step by near-lossless PNG, where a quality step is a whole rounding step
// (0.4-1.1 units on the big set's photographic PNGs; kTypicalSlope is the lossy formats').
constexpr double kNearLosslessSlope = 0.5;

}  // namespace

// Whether a palette of this family could meet the target: its most colourful palette on a downscaled copy of
// the image. (Its bytes say little about the whole image's: a downscaled copy packs less tightly.)
Expected<bool> Searcher::paletteMayPass(const Family& f) {
    const double pixels = double(whole_.image.width()) * double(whole_.image.height());
    if (pixels < 2.5 * kOverviewPixels) return true;
    // Made once for the three palette families: downscaling a 4K image costs about as much as a trial on it.
    if (!overview_)
        overview_ = makeTarget(Kind::Overview, whole_.image.resize(std::sqrt(kOverviewPixels / pixels)), 0);
    auto t = attempt(*overview_, f.hi, f);
    if (!t) return Unexpected(std::move(t).error());
    return t->margin >= 0;
}

// PNG palettes: one without error diffusion is by far the smallest, unless it bands; then one with some error
// diffusion (which breaks up contours at a little noise), then a fully dithered one, whose noise SSIM counts
// against it. Palettes are searched on the whole image.
Expected<std::optional<Trial>> Searcher::searchPalettes() {
    const int guess = firstGuess(format_, plan_.target);
    const Family families[] = {Family{20, 99, guess, 10, 2, 0.0}, Family{20, 99, 99, 10, 2, kSomeDither},
                               Family{20, 99, 99, 10, 2, 1.0}};
    for (const Family& f : families) {
        auto may = paletteMayPass(f);
        if (!may) return Unexpected(std::move(may).error());
        if (!*may) continue;
        auto found = lowestPassing(whole_, f);
        if (!found) return Unexpected(std::move(found).error());
        if (found->pass) return std::move(found->pass);
    }
    return std::optional<Trial>{};
}

// A near-lossless candidate judged by its pixels alone, which are exactly what its file decodes to
// (near_lossless_png.hpp): no deflate and no decode per trial. Only the chosen step is compressed.
Expected<Trial> Searcher::judgeNearLossless(const Target& on, int quality, const Family& f) {
    static const CancelToken kNever;
    auto pixels =
        nearLosslessPixels(on.image, nearLosslessStep(quality), base_.cancel ? *base_.cancel : kNever);
    if (!pixels) return Unexpected(std::move(pixels).error());
    ++trials_;
    Trial t;
    t.quality = quality;
    t.encoding = encodingOf(format_, f, quality);
    t.distance = distance(on.reference, comparablePixels(*pixels, bands_), on.tile);
    t.margin = margin(t.distance, f) - required(on.kind, f);
    return t;
}

Expected<detail::Bytes> Searcher::encodeNearLossless(const VImage& image, int quality, int level) {
    detail::SaveRequest request = base_;
    request.image = image;
    request.quality = quality;
    request.nearLossless = true;
    request.pngCompression = level;
    return formatInfo(format_).save(request);
}

// Near-lossless truecolour (near_lossless_png.hpp), where photographic images that no palette serves get most
// of their saving. Searched on the sample like lossy formats. When a palette already passed (`toBeat` > 0
// bytes), the step the sample found must predict fewer bytes before the whole image is spent on it.
Expected<std::optional<Trial>> Searcher::searchNearLossless(std::size_t toBeat) {
    const int lo = kNearLosslessFloor[int(plan_.target)];
    Family f{lo, 98, std::max(lo, kNearLosslessGuess - guessDown(plan_.target) / 5), 1, 6};
    f.nearLossless = true;
    f.slope = kNearLosslessSlope;
    auto found = lowestPassing(sample_ ? *sample_ : whole_, f);
    if (!found) return Unexpected(std::move(found).error());
    if (!found->pass) return std::optional<Trial>{};
    if (sample_ && toBeat > 0) {
        auto estimate = encodeNearLossless(sample_->image, found->pass->quality, kQuickPngCompression);
        if (!estimate) return Unexpected(std::move(estimate).error());
        if (kMosaicEstimate * double(estimate->size()) / sample_->fraction >= double(toBeat))
            return std::optional<Trial>{};
    }
    const double slope = sampleSlope(*found, f);
    auto chosen = sample_ ? confirm(std::move(*found->pass), f, slope)
                          : Expected<std::optional<Trial>>(std::move(found->pass));
    if (!chosen || !*chosen) return chosen;
    Trial& trial = **chosen;
    auto bytes = encodeNearLossless(whole_.image, trial.quality, -1);
    if (!bytes) return Unexpected(std::move(bytes).error());
    trial.size = bytes->size();
    trial.bytes = std::move(*bytes);
    return chosen;
}

// PNG: the smaller of the palette and the near-lossless result that meet the target; else lossless.
Expected<SearchResult> Searcher::searchPng() {
    auto palette = searchPalettes();
    if (!palette) return Unexpected(std::move(palette).error());
    auto nearLossless = searchNearLossless(*palette ? (*palette)->size : 0);
    if (!nearLossless) return Unexpected(std::move(nearLossless).error());
    std::optional<Trial>& best =
        *nearLossless && (!*palette || (*nearLossless)->size < (*palette)->size) ? *nearLossless : *palette;
    if (best) return finish(std::move(*best));
    return lossless();
}

}  // namespace imgopt::search
