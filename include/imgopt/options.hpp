#pragma once
// Options: everything a user can choose for a run. A value type: the CLI, the GUI and presets fill one in,
// and the engine copies it at the start of a run, so later edits never reach running work.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "imgopt/format.hpp"
#include "imgopt/result.hpp"

namespace imgopt {

enum class MetadataMode { None, Icc, All };
enum class ResizeMode { None, Width, Height, LongEdge, ShortEdge };
enum class OutputMode { OptimizedSubfolder, OutputDir, Suffix, InPlace };
enum class ConflictPolicy { Rename, Overwrite, Skip };

// The folder the default output mode writes into, beside each source; scans never descend into one.
inline constexpr std::string_view kOptimizedFolderName = "optimized";

struct Resize {
    ResizeMode mode = ResizeMode::None;
    int size = 0;
    bool operator==(const Resize&) const = default;
};

// A quality setting: a number from 1 to 100 (100 picks each format's lossless preset), or automatic: per
// image, the smallest encoding that still meets the visual target (quality_search.cpp). A plain number
// converts, so `options.quality = 80` reads as it always did.
class Quality {
public:
    constexpr Quality(int value = 90) : value_(value) {}  // NOLINT(google-explicit-constructor)
    static constexpr Quality automatic() {
        Quality q(0);
        q.automatic_ = true;
        return q;
    }
    constexpr bool isAuto() const { return automatic_; }
    // The number; for an automatic setting, the fixed quality used where no search applies (animations, GIF).
    constexpr int value() const { return automatic_ ? kFallback : value_; }
    bool operator==(const Quality&) const = default;

    static constexpr int kFallback = 90;

private:
    int value_;
    bool automatic_ = false;
};

// How close to the source an automatic quality must stay (docs/presets.md has the thresholds and how they
// were calibrated): `high` looks the same, `balanced` and `small` trade a little more for bytes.
enum class VisualTarget { High, Balanced, Small };

struct Options {
    // Empty: each file keeps its format ("original"). Otherwise every file becomes this conversion target.
    std::optional<ImageFormat> convertTo;
    Quality quality = 90;                          // 1..100 (100 picks each format's lossless preset) or auto
    std::map<ImageFormat, Quality> formatQuality;  // per-output-format overrides
    VisualTarget visualTarget = VisualTarget::High;  // what an automatic quality aims for
    Resize resize;
    MetadataMode metadata = MetadataMode::Icc;
    bool keepDates = false;
    OutputMode outputMode = OutputMode::OptimizedSubfolder;
    std::filesystem::path outputDir;    // OutputMode::OutputDir
    std::string suffix = "-optimized";  // OutputMode::Suffix
    ConflictPolicy onConflict = ConflictPolicy::Rename;
    bool allowLarger = false;
    std::uint64_t maxPixels = 268'402'689;  // libvips' own default limit, 16383 x 16383
    bool includeHidden = false;
    bool dryRun = false;
    // Redo sources whose output from an earlier run is up to date (the run state, docs/robustness.md). A
    // file ImgOpt itself wrote in place is never re-encoded, even so: that would be generation loss.
    bool force = false;
    int jobs = 0;  // 0 = one per core

    Quality qualityFor(ImageFormat output) const;
    Status validate() const;
    bool operator==(const Options&) const = default;
};

// "original", or the registry name of the conversion target.
std::string_view outputFormatName(const std::optional<ImageFormat>& convertTo);
// The choices for the output format, "original" first, then the registry's conversion targets.
std::vector<std::string> outputFormatChoices();
std::string_view toString(MetadataMode);
std::string_view toString(ResizeMode);
std::string_view toString(OutputMode);
std::string_view toString(ConflictPolicy);
std::string_view toString(VisualTarget);
std::string toString(Quality);        // "auto" or the number
std::string toString(const Resize&);  // "none", "width:800", ...

// Each parser's error message lists what it accepts.
Expected<std::optional<ImageFormat>> parseOutputFormat(std::string_view);
Expected<MetadataMode> parseMetadataMode(std::string_view);
Expected<OutputMode> parseOutputMode(std::string_view);
Expected<ConflictPolicy> parseConflictPolicy(std::string_view);
Expected<VisualTarget> parseVisualTarget(std::string_view);
// "auto", or a whole number from 1 to 100.
Expected<Quality> parseQuality(std::string_view);
// "none", "width:N", "height:N", "long:N", "short:N" with 1 <= N <= 1,000,000.
Expected<Resize> parseResize(std::string_view);

// The output format a given input becomes: with no conversion it keeps its format, except HEIC (-> AVIF, as
// libheif here has no HEVC encoder we may ship). Unknown for formats we cannot write.
ImageFormat resolveOutputFormat(const std::optional<ImageFormat>& convertTo, ImageFormat input);

// One share of a job split over `count` processes (--shard K/N, K from 1 to N): every process scans the whole
// job and takes the files whose path, relative to the folder it was dropped with, hashes to its share
// (docs/scale-out.md). Not an Option: the share changes neither the outputs nor the run state's settings.
struct Shard {
    int index = 1;
    int count = 1;
    bool operator==(const Shard&) const = default;
};
// "K/N" with 1 <= K <= N <= 100,000.
Expected<Shard> parseShard(std::string_view);
// Why `options` cannot be split into shards, or nothing: in place and with a suffix, outputs land beside
// the originals, where a shard that starts later would find its siblings' outputs among its inputs.
Status checkShardable(const Options& options);

// Quality label shown next to the slider, as in the old app.
std::string_view qualityLabel(int quality);

}  // namespace imgopt
