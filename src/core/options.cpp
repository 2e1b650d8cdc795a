#include "imgopt/options.hpp"

#include <charconv>
#include <fmt/format.h>

namespace imgopt {

int Options::qualityFor(ImageFormat output) const {
    auto it = formatQuality.find(output);
    return it != formatQuality.end() ? it->second : quality;
}

std::string Options::validate() const {
    if (quality < 1 || quality > 100) return fmt::format("quality must be between 1 and 100 (got {})", quality);
    for (const auto& [f, q] : formatQuality)
        if (q < 1 || q > 100)
            return fmt::format("{} quality must be between 1 and 100 (got {})", formatInfo(f).name, q);
    if (resize.mode != ResizeMode::None && resize.size < 1) return "resize size must be at least 1 pixel";
    if (outputMode == OutputMode::OutputDir && outputDir.empty()) return "output folder mode needs a folder";
    if (outputMode == OutputMode::Suffix && suffix.empty()) return "suffix mode needs a non-empty suffix";
    if (outputMode == OutputMode::Suffix && suffix.find('/') != std::string::npos)
        return "the suffix must not contain '/'";
    if (maxPixels < 1) return "the pixel limit must be at least 1";
    if (jobs < 0) return "jobs must be 0 (one per core) or more";
    return {};
}

std::string_view toString(OutputFormat f) {
    switch (f) {
        case OutputFormat::Original: return "original";
        case OutputFormat::Jpeg: return "jpeg";
        case OutputFormat::Png: return "png";
        case OutputFormat::Webp: return "webp";
        case OutputFormat::Avif: return "avif";
    }
    return "original";
}

std::string_view toString(MetadataMode m) {
    switch (m) {
        case MetadataMode::None: return "none";
        case MetadataMode::Icc: return "icc";
        case MetadataMode::All: return "all";
    }
    return "icc";
}

std::string_view toString(ResizeMode m) {
    switch (m) {
        case ResizeMode::None: return "none";
        case ResizeMode::Width: return "width";
        case ResizeMode::Height: return "height";
        case ResizeMode::LongEdge: return "long";
        case ResizeMode::ShortEdge: return "short";
    }
    return "none";
}

std::string_view toString(OutputMode m) {
    switch (m) {
        case OutputMode::OptimizedSubfolder: return "optimized-subfolder";
        case OutputMode::OutputDir: return "output-dir";
        case OutputMode::Suffix: return "suffix";
        case OutputMode::InPlace: return "in-place";
    }
    return "optimized-subfolder";
}

std::string_view toString(ConflictPolicy p) {
    switch (p) {
        case ConflictPolicy::Rename: return "rename";
        case ConflictPolicy::Overwrite: return "overwrite";
        case ConflictPolicy::Skip: return "skip";
    }
    return "rename";
}

std::string toString(const Resize& r) {
    if (r.mode == ResizeMode::None) return "none";
    return fmt::format("{}:{}", toString(r.mode), r.size);
}

std::optional<OutputFormat> parseOutputFormat(std::string_view s) {
    if (s == "original") return OutputFormat::Original;
    if (s == "jpeg" || s == "jpg") return OutputFormat::Jpeg;
    if (s == "png") return OutputFormat::Png;
    if (s == "webp") return OutputFormat::Webp;
    if (s == "avif") return OutputFormat::Avif;
    return std::nullopt;
}

std::optional<MetadataMode> parseMetadataMode(std::string_view s) {
    if (s == "none") return MetadataMode::None;
    if (s == "icc") return MetadataMode::Icc;
    if (s == "all") return MetadataMode::All;
    return std::nullopt;
}

std::optional<OutputMode> parseOutputMode(std::string_view s) {
    for (auto m : {OutputMode::OptimizedSubfolder, OutputMode::OutputDir, OutputMode::Suffix, OutputMode::InPlace})
        if (toString(m) == s) return m;
    return std::nullopt;
}

std::optional<ConflictPolicy> parseConflictPolicy(std::string_view s) {
    for (auto p : {ConflictPolicy::Rename, ConflictPolicy::Overwrite, ConflictPolicy::Skip})
        if (toString(p) == s) return p;
    return std::nullopt;
}

std::optional<Resize> parseResize(std::string_view s) {
    if (s == "none") return Resize{};
    const auto colon = s.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    const auto name = s.substr(0, colon);
    const auto number = s.substr(colon + 1);
    Resize r;
    if (name == "width") r.mode = ResizeMode::Width;
    else if (name == "height") r.mode = ResizeMode::Height;
    else if (name == "long") r.mode = ResizeMode::LongEdge;
    else if (name == "short") r.mode = ResizeMode::ShortEdge;
    else return std::nullopt;
    auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), r.size);
    if (ec != std::errc{} || end != number.data() + number.size() || r.size < 1 || r.size > 1'000'000)
        return std::nullopt;
    return r;
}

ImageFormat resolveOutputFormat(OutputFormat choice, ImageFormat input) {
    switch (choice) {
        case OutputFormat::Jpeg: return ImageFormat::Jpeg;
        case OutputFormat::Png: return ImageFormat::Png;
        case OutputFormat::Webp: return ImageFormat::Webp;
        case OutputFormat::Avif: return ImageFormat::Avif;
        case OutputFormat::Original: break;
    }
    if (input == ImageFormat::Heif) return ImageFormat::Avif;
    return formatInfo(input).writable ? input : ImageFormat::Unknown;
}

std::string_view qualityLabel(int q) {
    if (q >= 100) return "Lossless";
    if (q >= 90) return "Near-lossless";
    if (q >= 70) return "Excellent";
    if (q >= 50) return "Good";
    if (q >= 30) return "Fair";
    if (q >= 10) return "Poor";
    return "Very poor";
}

}  // namespace imgopt
