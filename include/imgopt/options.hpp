#pragma once
// Options: everything a user can choose for a run. A value type: the CLI, the GUI and presets fill one in,
// and the engine copies it at the start of a run, so later edits never reach running work.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "imgopt/format.hpp"

namespace imgopt {

enum class OutputFormat { Original, Jpeg, Png, Webp, Avif };
enum class MetadataMode { None, Icc, All };
enum class ResizeMode { None, Width, Height, LongEdge, ShortEdge };
enum class OutputMode { OptimizedSubfolder, OutputDir, Suffix, InPlace };
enum class ConflictPolicy { Rename, Overwrite, Skip };

struct Resize {
    ResizeMode mode = ResizeMode::None;
    int size = 0;
    bool operator==(const Resize&) const = default;
};

struct Options {
    OutputFormat format = OutputFormat::Original;
    int quality = 90;                          // 1..100; 100 picks each format's lossless preset
    std::map<ImageFormat, int> formatQuality;  // per-output-format overrides
    Resize resize;
    MetadataMode metadata = MetadataMode::Icc;
    bool keepDates = false;
    OutputMode outputMode = OutputMode::OptimizedSubfolder;
    std::filesystem::path outputDir;           // OutputMode::OutputDir
    std::string suffix = "-optimized";         // OutputMode::Suffix
    ConflictPolicy onConflict = ConflictPolicy::Rename;
    bool allowLarger = false;
    std::uint64_t maxPixels = 268'402'689;     // libvips' own default limit, 16383 x 16383
    bool includeHidden = false;
    bool dryRun = false;
    int jobs = 0;                              // 0 = one per core

    int qualityFor(ImageFormat output) const;
    // Empty when valid, else a message fit for a usage error.
    std::string validate() const;
    bool operator==(const Options&) const = default;
};

std::string_view toString(OutputFormat);
std::string_view toString(MetadataMode);
std::string_view toString(ResizeMode);
std::string_view toString(OutputMode);
std::string_view toString(ConflictPolicy);
std::string toString(const Resize&);  // "none", "width:800", ...

std::optional<OutputFormat> parseOutputFormat(std::string_view);
std::optional<MetadataMode> parseMetadataMode(std::string_view);
std::optional<OutputMode> parseOutputMode(std::string_view);
std::optional<ConflictPolicy> parseConflictPolicy(std::string_view);
// "none", "width:N", "height:N", "long:N", "short:N"; nullopt when malformed or N < 1.
std::optional<Resize> parseResize(std::string_view);

// The output format a given input becomes: Original keeps the input's format, except HEIC (-> AVIF, as
// libheif here has no HEVC encoder we may ship) and formats we cannot write.
ImageFormat resolveOutputFormat(OutputFormat choice, ImageFormat input);

// Quality label shown next to the slider, as in the old app.
std::string_view qualityLabel(int quality);

}  // namespace imgopt
