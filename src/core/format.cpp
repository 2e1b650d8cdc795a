#include "imgopt/format.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace imgopt {
namespace {

using namespace std::string_view_literals;

constexpr std::array kNoExt = {""sv};
constexpr std::array kJpegExt = {".jpg"sv, ".jpeg"sv, ".jpe"sv, ".jfif"sv};
constexpr std::array kPngExt = {".png"sv};
constexpr std::array kWebpExt = {".webp"sv};
constexpr std::array kAvifExt = {".avif"sv};
constexpr std::array kHeifExt = {".heic"sv, ".heif"sv};
constexpr std::array kTiffExt = {".tif"sv, ".tiff"sv};
constexpr std::array kGifExt = {".gif"sv};

// Memory factors: peak RSS above the idle process, divided by the decoded frame size, measured one file at a
// time with /usr/bin/time on corpus images (docs/benchmarks.md, "Memory model").
const std::array kFormats = {
    FormatInfo{ImageFormat::Unknown, "unknown", "", std::span<const std::string_view>(kNoExt.data(), 0), false, 1.0, 1.0},
    FormatInfo{ImageFormat::Jpeg, "jpeg", ".jpg", kJpegExt, true, 0.1, 0.25, 65500},
    FormatInfo{ImageFormat::Png, "png", ".png", kPngExt, true, 1.0, 4.5},
    FormatInfo{ImageFormat::Webp, "webp", ".webp", kWebpExt, true, 1.9, 1.1, 16383},
    FormatInfo{ImageFormat::Avif, "avif", ".avif", kAvifExt, true, 2.0, 3.0},
    FormatInfo{ImageFormat::Heif, "heic", ".heic", kHeifExt, false, 2.0, 3.0},
    FormatInfo{ImageFormat::Tiff, "tiff", ".tif", kTiffExt, true, 0.2, 0.3},
    FormatInfo{ImageFormat::Gif, "gif", ".gif", kGifExt, true, 2.0, 2.0, 65535},
};

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return out;
}

}  // namespace

const FormatInfo& formatInfo(ImageFormat format) {
    for (const auto& f : kFormats)
        if (f.format == format) return f;
    return kFormats[0];
}

std::span<const FormatInfo> allFormats() { return std::span<const FormatInfo>(kFormats).subspan(1); }

ImageFormat formatFromName(std::string_view name) {
    const std::string n = lower(name);
    if (n == "jpg") return ImageFormat::Jpeg;
    if (n == "tif") return ImageFormat::Tiff;
    if (n == "heif") return ImageFormat::Heif;
    for (const auto& f : allFormats())
        if (f.name == n) return f.format;
    return ImageFormat::Unknown;
}

ImageFormat formatFromExtension(const std::filesystem::path& path) {
    const std::string ext = lower(path.extension().string());
    if (ext.empty()) return ImageFormat::Unknown;
    for (const auto& f : allFormats())
        for (auto e : f.extensions)
            if (e == ext) return f.format;
    return ImageFormat::Unknown;
}

bool hasImageExtension(const std::filesystem::path& path) {
    return formatFromExtension(path) != ImageFormat::Unknown;
}

ImageFormat formatFromLoader(std::string_view loader) {
    const auto starts = [&](std::string_view p) { return loader.substr(0, p.size()) == p; };
    if (starts("jpegload")) return ImageFormat::Jpeg;
    if (starts("pngload")) return ImageFormat::Png;
    if (starts("webpload")) return ImageFormat::Webp;
    if (starts("tiffload")) return ImageFormat::Tiff;
    if (starts("gifload")) return ImageFormat::Gif;
    // heifload covers HEIC and AVIF; the header reader tells them apart by the compression field.
    if (starts("heifload")) return ImageFormat::Heif;
    return ImageFormat::Unknown;
}

}  // namespace imgopt
