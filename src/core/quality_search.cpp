#include "quality_search.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "imgopt/format.hpp"
#include "quality_searcher.hpp"
#include "search_sample.hpp"
#include "vips_runtime.hpp"

namespace imgopt {

using Clock = std::chrono::steady_clock;

namespace search {
namespace {

// A mosaic of samples must clear the limits by this many margin units, so that the whole image, which
// confirms the sample's quality, usually passes at the same quality (docs/presets.md, "Visual targets").
constexpr double kSampleRequired = 0.3;
// A palette is judged on a downscaled copy of the whole image first (a palette depends on every colour of the
// image, which a mosaic of tiles lacks). That copy meets the limits more easily, dithered palettes far more,
// so it must clear them by this many units before the whole image is tried.
constexpr double kOverviewRequiredPlain = 0.5;
constexpr double kOverviewRequiredDithered = 2.0;
constexpr int kMaxConfirmTrials = 3;
// A lossless re-encode is tried only when a sample predicts at least this saving (sample estimates scatter).
constexpr double kLosslessGain = 0.95;
constexpr int kMaxJump = 25;
// A secant on a curved margin creeps in from one side (regula falsi's known weakness: on a 4096x4096 WebP at
// `balanced` it spent the sample's last three trials between 79 and 82, the pass still at 96, and the whole
// image then kept its original). Two trials in a row on the same side of a bracket wider than this many
// steps bisect it instead.
constexpr int kWideBracket = 4;
// A pass this close to the limits ends a search: the next lower quality would almost surely miss.
constexpr double kCloseEnough = 0.25;
// Margins are compared in these units, so that the limits weigh alike in the secant step.
constexpr double kSsimUnit = 0.01;
constexpr double kShiftUnit = 0.25;

// Sample sizes: the slower the encoder, the smaller the sample (AVIF encodes some twenty times slower than
// JPEG per pixel).
double samplePixels(ImageFormat f) {
    switch (f) {
        case ImageFormat::Avif:
            return 150'000;
        case ImageFormat::Webp:
            return 300'000;
        default:
            return 400'000;
    }
}

// The next quality to try between a failing and a passing one: where the margin, drawn as a line between
// them, crosses zero; the midpoint when that lands on a tried quality.
int secant(const Trial& failing, const Trial& passing, const std::map<int, double>& tried) {
    const double span = passing.margin - failing.margin;
    const double at = span > 0
                          ? failing.quality + (passing.quality - failing.quality) * (-failing.margin / span)
                          : (failing.quality + passing.quality) / 2.0;
    int q = std::clamp(int(std::ceil(at)), failing.quality + 1, passing.quality - 1);
    if (tried.count(q)) q = (failing.quality + passing.quality + 1) / 2;
    return q;
}

// The margin's slope between two trials at different qualities; at least a quarter of the family's typical
// slope, so that a flat or inverted pair cannot send the next step far off.
double measuredSlope(double marginA, int qualityA, double marginB, int qualityB, const Family& f) {
    return std::max(f.slope / 4, (marginA - marginB) / double(qualityA - qualityB));
}

// The next quality while every trial so far fell on one side: a step along the margin's slope, measured from
// the last two trials when they differ, else the typical slope. Bounded, so one odd trial cannot fling it.
int extrapolate(const std::map<int, double>& tried, int last, int previous, const Family& f) {
    double slope = f.slope;
    if (previous >= 0 && previous != last)
        slope = measuredSlope(tried.at(last), last, tried.at(previous), previous, f);
    const double move = std::clamp(-tried.at(last) / slope, -double(kMaxJump), double(kMaxJump));
    const int step =
        move >= 0 ? std::max(f.step, int(std::ceil(move))) : std::min(-f.step, int(std::floor(move)));
    return std::clamp(last + step, f.lo, f.hi);
}

}  // namespace

Limits limitsFor(VisualTarget t) {
    switch (t) {
        case VisualTarget::High:
            return {0.962, 1.25, 1.7, 50};
        case VisualTarget::Balanced:
            return {0.950, 1.60, 2.1, 40};
        case VisualTarget::Small:
            return {0.930, 2.10, 2.6, 30};
    }
    return {0.962, 1.25, 1.7, 50};
}

// How much lower than at `high` a lower target's first candidate starts.
int guessDown(VisualTarget t) {
    return t == VisualTarget::High ? 0 : (t == VisualTarget::Balanced ? 10 : 20);
}

int firstGuess(ImageFormat f, VisualTarget t) {
    const int down = guessDown(t);
    switch (f) {
        case ImageFormat::Png:
            return 99 - down;  // libimagequant gives every colour it needs from about 90 up
        case ImageFormat::Avif:
            return 62 - down;
        default:
            return 72 - down;
    }
}

// The sample's own slope near the limits: how far a whole image that misses must climb.
double sampleSlope(const Found& found, const Family& f) {
    if (!found.pass || !found.fail || found.fail->quality == found.pass->quality) return f.slope;
    return measuredSlope(found.pass->margin, found.pass->quality, found.fail->margin, found.fail->quality, f);
}

const char* encodingOf(ImageFormat format, const Family& f, int quality) {
    if (quality >= 100) return "lossless";
    if (format == ImageFormat::Png) return f.nearLossless ? "near-lossless" : "palette";
    return f.fullChroma ? "lossy-444" : "lossy";
}

double Searcher::margin(const Distance& d, const Family& f) const {
    double m = std::min((d.ssim - limits_.ssim) / kSsimUnit, (limits_.shift - d.colourShift) / kShiftUnit);
    // Without full error diffusion a palette's error can gather into contours: the tail must stay small too.
    if (f.dither < 1.0) m = std::min(m, (limits_.tail - d.colourShiftTail) / kShiftUnit);
    return m;
}

double Searcher::required(Kind kind, const Family& f) const {
    switch (kind) {
        case Kind::Whole:
            return 0.0;
        case Kind::Sample:
            return kSampleRequired;
        case Kind::Overview:
            return f.dither >= 1.0 ? kOverviewRequiredDithered : kOverviewRequiredPlain;
    }
    return 0.0;
}

Target Searcher::makeTarget(Kind kind, VImage image, int tile) const {
    image = image.copy_memory();  // every candidate encodes it again
    killWhenCancelled(image.get_image(), base_.cancel);
    Target t{kind, image, comparablePixels(image, bands_), tile, 1.0};
    t.fraction = double(image.width()) * double(image.height()) /
                 (double(whole_.image.width()) * double(whole_.image.height()));
    return t;
}

void Searcher::decodeSource() {
    whole_.image = base_.image.copy_memory();  // the one decode of the source
    killWhenCancelled(whole_.image.get_image(), base_.cancel);
    bands_ = colourBands(whole_.image);
    whole_.reference = comparablePixels(whole_.image, bands_);
    if (auto mosaic = sampleMosaic(whole_.image, samplePixels(format_)))
        sample_ = makeTarget(Kind::Sample, mosaic->image, mosaic->tile);
}

Expected<Trial> Searcher::attempt(const Target& on, int quality, const Family& f) {
    if (base_.cancel && base_.cancel->cancelled()) return fail(ErrorCode::Cancelled, "cancelled");
    if (f.nearLossless) return judgeNearLossless(on, quality, f);
    detail::SaveRequest request = base_;
    request.image = on.image;
    request.quality = quality;
    request.dither = f.dither;
    request.fullChroma = f.fullChroma;
    auto bytes = formatInfo(format_).save(request);
    if (!bytes) return Unexpected(std::move(bytes).error());
    ++trials_;
    const VImage decoded = VImage::new_from_buffer(bytes->data(), bytes->size(), "");
    const VImage comparable = comparablePixels(decoded, bands_);
    if (comparable.width() != on.reference.width() || comparable.height() != on.reference.height())
        return fail(ErrorCode::Internal, "a candidate decoded to another size than its source");
    Trial t;
    t.quality = quality;
    t.encoding = encodingOf(format_, f, quality);
    t.distance = distance(on.reference, comparable, on.tile);
    t.margin = margin(t.distance, f) - required(on.kind, f);
    t.size = bytes->size();
    if (on.kind == Kind::Whole) t.bytes = std::move(*bytes);
    return t;
}

Expected<Found> Searcher::lowestPassing(const Target& on, const Family& f) {
    std::map<int, double> tried;
    Found found;
    int q = std::clamp(f.guess, f.lo, f.hi);
    int previous = -1;
    bool lastPassed = false;
    bool repeated = false;  // the last two trials fell on the same side of the limits
    for (int n = 0; n < f.maxTrials && !tried.count(q); ++n) {
        auto t = attempt(on, q, f);
        if (!t) return Unexpected(std::move(t).error());
        tried[q] = t->margin;
        repeated = n > 0 && (t->margin >= 0) == lastPassed;
        lastPassed = t->margin >= 0;
        if (t->margin >= 0 && (!found.pass || q < found.pass->quality))
            found.pass = std::move(*t);
        else if (t->margin < 0 && (!found.fail || q > found.fail->quality))
            found.fail = std::move(*t);
        const auto& [pass, failing] = found;
        if (pass && pass->quality == q && pass->margin <= kCloseEnough) break;  // a lower one would miss
        if (pass && pass->quality == f.lo) break;                               // nothing lower to find
        if (!pass && failing && failing->quality == f.hi) break;                // nothing passes at all
        if (pass && failing && pass->quality - failing->quality <= f.step) break;
        int next = pass && failing ? secant(*failing, *pass, tried) : extrapolate(tried, q, previous, f);
        if (pass && failing && repeated && pass->quality - failing->quality > kWideBracket * f.step)
            next = (failing->quality + pass->quality + 1) / 2;
        previous = q;
        q = next;
    }
    return found;
}

// The whole image at the quality a sample found. A pass is taken as it is: the sample placed it close to
// the limits. A miss climbs along the margin's slope as the sample measured it, and the first pass ends it:
// closing in on the line between a miss and a pass cost another whole-image trial (2.5 s for a 4096x4096
// WebP) for about 2 % of the bytes on the big set.
Expected<std::optional<Trial>> Searcher::confirm(Trial found, const Family& f, double slope) {
    int q = found.quality;
    for (int n = 0; n < kMaxConfirmTrials; ++n) {
        auto t = attempt(whole_, q, f);
        if (!t) return Unexpected(std::move(t).error());
        if (t->margin >= 0) return std::optional<Trial>(std::move(*t));
        if (q >= f.hi) break;
        q = std::min(f.hi, q + std::max(f.step, int(std::ceil(-t->margin / slope))));
    }
    return std::optional<Trial>{};
}

Expected<std::optional<Trial>> Searcher::search(const Family& f) {
    auto found = lowestPassing(sample_ ? *sample_ : whole_, f);
    if (!found) return Unexpected(std::move(found).error());
    if (!found->pass || !sample_) return std::move(found->pass);
    const double slope = sampleSlope(*found, f);
    return confirm(std::move(*found->pass), f, slope);
}

SearchResult Searcher::finish(Trial trial) {
    SearchResult r;
    r.outcome.quality = trial.quality;
    r.outcome.encoding = trial.encoding;
    r.outcome.score = trial.distance.ssim;
    r.bytes = std::move(trial.bytes);
    if (plan_.originalBytes > 0 && r.bytes.size() >= plan_.originalBytes) return keep();
    return r;
}

SearchResult Searcher::keep() const {
    SearchResult r;
    r.outcome.keepOriginal = true;
    r.outcome.score = 1.0;  // the output is the original itself
    return r;
}

// Lossless, unless the original (same format and size) may stand in and a lossless sample says the whole
// would not be clearly smaller than it.
Expected<SearchResult> Searcher::lossless() {
    detail::SaveRequest request = base_;
    request.quality = 100;
    // zlib's level 9 with adaptive filters took 3-7x the time of level 6 for 9-12 % fewer bytes on the
    // benchmark's graphics (docs/presets.md, "Visual targets"); the search, which runs on every image,
    // takes 6.
    request.pngCompression = kQuickPngCompression;
    if (plan_.originalBytes > 0 && sample_) {
        request.image = sample_->image;
        auto sampled = formatInfo(format_).save(request);
        if (!sampled) return Unexpected(std::move(sampled).error());
        ++trials_;
        if (double(sampled->size()) / sample_->fraction >= kLosslessGain * double(plan_.originalBytes))
            return keep();
    }
    request.image = whole_.image;
    auto bytes = formatInfo(format_).save(request);
    if (!bytes) return Unexpected(std::move(bytes).error());
    ++trials_;
    Trial t;
    t.quality = 100;
    t.encoding = "lossless";
    t.distance = Distance{};  // lossless: the decoded pixels are the source's
    t.bytes = std::move(*bytes);
    return finish(std::move(t));
}

std::vector<Family> Searcher::lossyFamilies() const {
    const int guess = firstGuess(format_, plan_.target);
    const int lo = limits_.floor;
    if (format_ == ImageFormat::Avif) return {Family{lo, 98, guess, 2, 6}};
    if (format_ == ImageFormat::Webp) return {Family{lo, 96, guess, 2, 6}};
    // JPEG: never above the source's own quality; full chroma as the fallback when subsampled colour cannot
    // reach the target (saturated detail).
    const int cap = plan_.sourceTables ? std::min(96, plan_.sourceTables->quality) : 96;
    const int bottom = std::min(lo, cap);
    // Subsampled chroma first even for a full-chroma source: smooth colour loses nothing by it.
    std::vector<Family> out{Family{bottom, cap, std::clamp(guess, bottom, cap), 2, 6}};
    if (bands_ == 3) out.push_back(Family{bottom, cap, std::clamp(guess + 10, bottom, cap), 2, 6, 1.0, true});
    return out;
}

Expected<SearchResult> Searcher::searchLossy() {
    const std::vector<Family> families = lossyFamilies();
    for (const Family& f : families) {
        auto found = search(f);
        if (!found) return Unexpected(std::move(found).error());
        if (*found) return finish(std::move(**found));
    }
    if (format_ == ImageFormat::Webp) return lossless();
    // JPEG capped at its own quality, where not even that meets the target: a re-encode only loses.
    if (format_ == ImageFormat::Jpeg && plan_.sourceTables && plan_.originalBytes > 0) return keep();
    // Nothing within the target in range: the top of the range, with the score it has.
    auto t = attempt(whole_, families.back().hi, families.back());
    if (!t) return Unexpected(std::move(t).error());
    return finish(std::move(*t));
}

Expected<SearchResult> Searcher::run() {
    decodeSource();
    return format_ == ImageFormat::Png ? searchPng() : searchLossy();
}

}  // namespace search

bool searchableFormat(ImageFormat format) {
    return format == ImageFormat::Jpeg || format == ImageFormat::Png || format == ImageFormat::Webp ||
           format == ImageFormat::Avif;
}

bool searchApplies(ImageFormat format, const detail::SaveRequest& request) {
    return searchableFormat(format) && !request.animated && request.image.width() >= 16 &&
           request.image.height() >= 16;
}

Expected<SearchResult> searchQuality(const detail::SaveRequest& request, ImageFormat format,
                                     const SearchPlan& plan) {
    const auto start = Clock::now();
    search::Searcher searcher(request, format, plan);
    Expected<SearchResult> result = [&]() -> Expected<SearchResult> {
        try {
            return searcher.run();
        } catch (const vips::VError&) {
            return detail::saveFailure(request);
        }
    }();
    if (!result) return result;
    result->outcome.trials = searcher.trials();
    result->outcome.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    if (plan.sourceTables) result->outcome.sourceQuality = plan.sourceTables->quality;
    return result;
}

std::uint64_t searchMemoryBytes(int width, int height, int bands) {
    const std::uint64_t frame = std::uint64_t(std::max(0, width)) * std::uint64_t(std::max(0, height));
    // The source, its comparable copy, and a candidate with its comparable copy (a near-lossless candidate is
    // the source's size).
    return frame * std::uint64_t(2 * std::max(1, bands) + 3 + 3);
}

}  // namespace imgopt
