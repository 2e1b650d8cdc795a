#include "imgopt/options.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>

namespace imgopt {
namespace {

// Looks `s` up among the names of `values`; the error lists every accepted name.
template <typename Enum, std::size_t N>
Expected<Enum> parseNamed(std::string_view what, std::string_view s, const std::array<Enum, N>& values) {
    std::string accepted;
    for (Enum v : values) {
        if (toString(v) == s) return v;
        accepted += (accepted.empty() ? "" : ", ") + std::string(toString(v));
    }
    return fail(ErrorCode::InvalidSettings,
                fmt::format("unknown {} \"{}\" (expected {})", what, s, accepted));
}

}  // namespace

Quality Options::qualityFor(ImageFormat output) const {
    auto it = formatQuality.find(output);
    return it != formatQuality.end() ? it->second : quality;
}

Status Options::validate() const {
    const auto invalid = [](std::string message) {
        return fail(ErrorCode::InvalidSettings, std::move(message));
    };
    const auto inRange = [](Quality q) { return q.isAuto() || (q.value() >= 1 && q.value() <= 100); };
    if (!inRange(quality))
        return invalid(fmt::format("quality must be between 1 and 100, or auto (got {})", quality.value()));
    for (const auto& [f, q] : formatQuality)
        if (!inRange(q))
            return invalid(fmt::format("{} quality must be between 1 and 100, or auto (got {})",
                                       formatInfo(f).name, q.value()));
    if (convertTo && !formatInfo(*convertTo).conversionTarget)
        return invalid(fmt::format("{} cannot be chosen as the output format", formatInfo(*convertTo).name));
    if (resize.mode != ResizeMode::None && resize.size < 1)
        return invalid("resize size must be at least 1 pixel");
    if (outputMode == OutputMode::OutputDir && outputDir.empty())
        return invalid("output folder mode needs a folder");
    if (outputMode == OutputMode::Suffix && suffix.empty())
        return invalid("suffix mode needs a non-empty suffix");
    if (outputMode == OutputMode::Suffix && suffix.find('/') != std::string::npos)
        return invalid("the suffix must not contain '/'");
    if (outputMode == OutputMode::InPlace && allowLarger)
        return invalid(
            "in-place mode replaces an original only with a smaller file, so it cannot be combined with "
            "writing larger results");
    if (maxPixels < 1) return invalid("the pixel limit must be at least 1");
    if (jobs < 0) return invalid("jobs must be 0 (one per core) or more");
    return {};
}

std::string_view outputFormatName(const std::optional<ImageFormat>& convertTo) {
    return convertTo ? formatInfo(*convertTo).name : std::string_view("original");
}

std::vector<std::string> outputFormatChoices() {
    std::vector<std::string> out{"original"};
    for (ImageFormat f : conversionTargets()) out.emplace_back(formatInfo(f).name);
    return out;
}

std::string_view toString(MetadataMode m) {
    switch (m) {
        case MetadataMode::None:
            return "none";
        case MetadataMode::Icc:
            return "icc";
        case MetadataMode::All:
            return "all";
    }
    return "icc";
}

std::string_view toString(ResizeMode m) {
    switch (m) {
        case ResizeMode::None:
            return "none";
        case ResizeMode::Width:
            return "width";
        case ResizeMode::Height:
            return "height";
        case ResizeMode::LongEdge:
            return "long";
        case ResizeMode::ShortEdge:
            return "short";
    }
    return "none";
}

std::string_view toString(OutputMode m) {
    switch (m) {
        case OutputMode::OptimizedSubfolder:
            return "optimized-subfolder";
        case OutputMode::OutputDir:
            return "output-dir";
        case OutputMode::Suffix:
            return "suffix";
        case OutputMode::InPlace:
            return "in-place";
    }
    return "optimized-subfolder";
}

std::string_view toString(ConflictPolicy p) {
    switch (p) {
        case ConflictPolicy::Rename:
            return "rename";
        case ConflictPolicy::Overwrite:
            return "overwrite";
        case ConflictPolicy::Skip:
            return "skip";
    }
    return "rename";
}

std::string_view toString(VisualTarget t) {
    switch (t) {
        case VisualTarget::High:
            return "high";
        case VisualTarget::Balanced:
            return "balanced";
        case VisualTarget::Small:
            return "small";
    }
    return "high";
}

std::string toString(Quality q) { return q.isAuto() ? std::string("auto") : std::to_string(q.value()); }

std::string toString(const Resize& r) {
    if (r.mode == ResizeMode::None) return "none";
    return fmt::format("{}:{}", toString(r.mode), r.size);
}

Expected<std::optional<ImageFormat>> parseOutputFormat(std::string_view s) {
    if (s == "original") return std::optional<ImageFormat>();
    const ImageFormat f = formatFromName(s);
    if (f != ImageFormat::Unknown && formatInfo(f).conversionTarget) return std::optional<ImageFormat>(f);
    std::string accepted;
    for (const auto& name : outputFormatChoices()) accepted += (accepted.empty() ? "" : ", ") + name;
    return fail(ErrorCode::InvalidSettings,
                fmt::format("unknown output format \"{}\" (expected {})", s, accepted));
}

Expected<MetadataMode> parseMetadataMode(std::string_view s) {
    return parseNamed("metadata mode", s,
                      std::array{MetadataMode::None, MetadataMode::Icc, MetadataMode::All});
}

Expected<OutputMode> parseOutputMode(std::string_view s) {
    return parseNamed("output mode", s,
                      std::array{OutputMode::OptimizedSubfolder, OutputMode::OutputDir, OutputMode::Suffix,
                                 OutputMode::InPlace});
}

Expected<ConflictPolicy> parseConflictPolicy(std::string_view s) {
    return parseNamed("conflict policy", s,
                      std::array{ConflictPolicy::Rename, ConflictPolicy::Overwrite, ConflictPolicy::Skip});
}

Expected<VisualTarget> parseVisualTarget(std::string_view s) {
    return parseNamed("visual target", s,
                      std::array{VisualTarget::High, VisualTarget::Balanced, VisualTarget::Small});
}

Expected<Quality> parseQuality(std::string_view s) {
    if (s == "auto") return Quality::automatic();
    int q = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), q);
    if (ec != std::errc{} || end != s.data() + s.size() || q < 1 || q > 100)
        return fail(ErrorCode::InvalidSettings,
                    fmt::format("unknown quality \"{}\" (expected auto or a whole number from 1 to 100)", s));
    return Quality(q);
}

Expected<Resize> parseResize(std::string_view s) {
    const auto invalid = [&] {
        return fail(
            ErrorCode::InvalidSettings,
            fmt::format("unknown resize rule \"{}\" (expected none, width:N, height:N, long:N or short:N, "
                        "with N from 1 to 1000000)",
                        s));
    };
    if (s == "none") return Resize{};
    const auto colon = s.find(':');
    if (colon == std::string_view::npos) return invalid();
    auto mode = parseNamed(
        "resize rule", s.substr(0, colon),
        std::array{ResizeMode::Width, ResizeMode::Height, ResizeMode::LongEdge, ResizeMode::ShortEdge});
    if (!mode) return invalid();
    const auto number = s.substr(colon + 1);
    Resize r{*mode, 0};
    auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), r.size);
    if (ec != std::errc{} || end != number.data() + number.size() || r.size < 1 || r.size > 1'000'000)
        return invalid();
    return r;
}

Expected<Shard> parseShard(std::string_view s) {
    const auto invalid = [&] {
        return fail(ErrorCode::InvalidSettings,
                    fmt::format("unknown shard \"{}\" (expected K/N: this process's share K of N, with "
                                "1 <= K <= N <= 100000)",
                                s));
    };
    const auto slash = s.find('/');
    if (slash == std::string_view::npos) return invalid();
    Shard shard;
    const auto number = [](std::string_view text, int& out) {
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
        return ec == std::errc{} && end == text.data() + text.size();
    };
    if (!number(s.substr(0, slash), shard.index) || !number(s.substr(slash + 1), shard.count))
        return invalid();
    if (shard.count < 1 || shard.count > 100'000 || shard.index < 1 || shard.index > shard.count)
        return invalid();
    return shard;
}

Status checkShardable(const Options& o) {
    if (o.outputMode == OutputMode::InPlace || o.outputMode == OutputMode::Suffix)
        return fail(ErrorCode::InvalidSettings,
                    fmt::format("a job cannot be split into shards with the {} output mode: its outputs lie "
                                "beside the originals, where a shard that starts later would take its "
                                "siblings' outputs for inputs; write into an output folder or the optimized "
                                "subfolders",
                                toString(o.outputMode)));
    return {};
}

ImageFormat resolveOutputFormat(const std::optional<ImageFormat>& convertTo, ImageFormat input) {
    if (convertTo) return *convertTo;
    if (input == ImageFormat::Heif) return ImageFormat::Avif;
    return formatInfo(input).writable() ? input : ImageFormat::Unknown;
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
