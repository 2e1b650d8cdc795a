#pragma once
// The searcher behind searchQuality() (quality_search.hpp), private to src/core: quality_search.cpp holds the
// search itself and the lossy formats (JPEG, WebP, AVIF), png_quality_search.cpp the PNG palettes and
// near-lossless truecolour.
// Thread rules: one Searcher per call, on the calling worker's thread; it owns every image it makes.

#include <cstddef>
#include <map>
#include <optional>
#include <vector>
#include <vips/vips8>

#include "perceptual_metric.hpp"
#include "quality_search.hpp"

namespace imgopt::search {

using vips::VImage;

// The limits of each target; docs/presets.md ("Visual targets") says how they were calibrated.
struct Limits {
    double ssim;   // at least
    double shift;  // mean colour shift, at most
    double tail;   // colour-shift tail of an undithered palette, at most
    int floor;     // lowest lossy quality: below it, smooth images block while both means stay fine
};

Limits limitsFor(VisualTarget t);

// Deflate level of the search's own PNG encodes: lossless (zlib) and near-lossless size estimates
// (libdeflate).
constexpr int kQuickPngCompression = 6;
// Margin units gained per quality step, typically (JPEG and WebP photos); the first step out of one trial.
constexpr double kTypicalSlope = 0.08;

// One quality scale of one encoder set-up.
struct Family {
    int lo, hi;  // qualities searched
    int guess;   // the first candidate
    int step;    // the resolution: the search stops when a pass and a fail are this close
    int maxTrials;
    double dither = 1.0;
    bool fullChroma = false;
    bool nearLossless = false;  // PNG: near-lossless truecolour, the quality standing for its step
    double slope = kTypicalSlope;
};

enum class Kind { Whole, Sample, Overview };

// What candidates are tried on, with its comparable pixels.
struct Target {
    Kind kind = Kind::Whole;
    VImage image;
    VImage reference;
    int tile = 0;           // a mosaic's tile edge
    double fraction = 1.0;  // its pixels / the whole image's
};

struct Trial {
    int quality = 0;
    const char* encoding = "lossy";  // SearchOutcome::encoding
    Distance distance;
    double margin = 0;  // to the limits, less what the target must clear: >= 0 passes
    std::size_t size = 0;
    detail::Bytes bytes;  // kept for the whole image only
};

// The lowest passing trial a search found, and the highest failing one.
struct Found {
    std::optional<Trial> pass;
    std::optional<Trial> fail;
};

// How much lower than at `high` a lower target's first candidate starts.
int guessDown(VisualTarget t);
int firstGuess(ImageFormat f, VisualTarget t);
// The sample's own slope near the limits: how far a whole image that misses must climb.
double sampleSlope(const Found& found, const Family& f);
// How a trial's bytes encode the image (SearchOutcome::encoding).
const char* encodingOf(ImageFormat format, const Family& f, int quality);

class Searcher {
public:
    Searcher(const detail::SaveRequest& base, ImageFormat format, const SearchPlan& plan)
        : base_(base), format_(format), plan_(plan), limits_(limitsFor(plan.target)) {}

    Expected<SearchResult> run();
    int trials() const { return trials_; }

private:
    void decodeSource();
    Target makeTarget(Kind kind, VImage image, int tile) const;
    std::vector<Family> lossyFamilies() const;
    Expected<SearchResult> searchLossy();
    Expected<SearchResult> searchPng();
    Expected<std::optional<Trial>> searchPalettes();
    Expected<std::optional<Trial>> searchNearLossless(std::size_t toBeat);
    Expected<bool> paletteMayPass(const Family& f);
    Expected<Trial> attempt(const Target& on, int quality, const Family& f);
    Expected<Trial> judgeNearLossless(const Target& on, int quality, const Family& f);
    Expected<detail::Bytes> encodeNearLossless(const VImage& image, int quality, int level);
    Expected<Found> lowestPassing(const Target& on, const Family& f);
    Expected<std::optional<Trial>> confirm(Trial found, const Family& f, double slope);
    Expected<std::optional<Trial>> search(const Family& f);
    Expected<SearchResult> lossless();
    SearchResult finish(Trial trial);
    SearchResult keep() const;
    double margin(const Distance& d, const Family& f) const;
    double required(Kind kind, const Family& f) const;

    detail::SaveRequest base_;
    ImageFormat format_;
    SearchPlan plan_;
    Limits limits_;
    int bands_ = 3;
    int trials_ = 0;
    Target whole_;
    std::optional<Target> sample_;
    std::optional<Target> overview_;
};

}  // namespace imgopt::search
