#include "imgopt/format.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "savers.hpp"

namespace imgopt {
namespace {

using namespace std::string_view_literals;
using detail::saveAvif, detail::saveGif, detail::saveJpeg, detail::savePng, detail::saveTiff, detail::saveWebp;

constexpr std::array kNoExt = {""sv};
constexpr std::array kJpegExt = {".jpg"sv, ".jpeg"sv, ".jpe"sv, ".jfif"sv};
constexpr std::array kPngExt = {".png"sv};
constexpr std::array kWebpExt = {".webp"sv};
constexpr std::array kAvifExt = {".avif"sv};
constexpr std::array kHeifExt = {".heic"sv, ".heif"sv};
constexpr std::array kTiffExt = {".tif"sv, ".tiff"sv};
constexpr std::array kGifExt = {".gif"sv};

// Memory factors: peak RSS above the idle process, divided by the decoded frame size, measured one file at a
// time (docs/benchmarks.md, "Memory model"). JPEG and TIFF stream in strips; WebP and HEIF decoders hand over
// whole frames; the WebP encoder holds the frame as YUV; PNG palette quantisation keeps float copies.
// The order of the writable entries is the order of the format menus.
const std::array kFormats = {
    FormatInfo{ImageFormat::Unknown, "unknown", "?", "", std::span<const std::string_view>(kNoExt.data(), 0), "", false,
               1.0, 1.0, 0, nullptr},
    FormatInfo{ImageFormat::Jpeg, "jpeg", "JPEG", ".jpg", kJpegExt, "jpegload", true, 0.1, 0.25, 65500, saveJpeg},
    FormatInfo{ImageFormat::Png, "png", "PNG", ".png", kPngExt, "pngload", true, 1.0, 4.5, 0, savePng},
    FormatInfo{ImageFormat::Webp, "webp", "WebP", ".webp", kWebpExt, "webpload", true, 1.9, 1.1, 16383, saveWebp},
    FormatInfo{ImageFormat::Avif, "avif", "AVIF", ".avif", kAvifExt, "", true, 2.0, 3.0, 0, saveAvif},
    // libheif in Debian has no HEVC encoder we may ship: HEIC is read, and written as AVIF.
    FormatInfo{ImageFormat::Heif, "heic", "HEIC", ".heic", kHeifExt, "heifload", false, 2.0, 3.0, 0, nullptr},
    // TIFF and GIF are kept as they are (lossless master, animation) but offered as no conversion target.
    FormatInfo{ImageFormat::Tiff, "tiff", "TIFF", ".tif", kTiffExt, "tiffload", false, 0.2, 0.3, 0, saveTiff},
    FormatInfo{ImageFormat::Gif, "gif", "GIF", ".gif", kGifExt, "gifload", false, 2.0, 2.0, 65535, saveGif},
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

std::vector<ImageFormat> conversionTargets() {
    std::vector<ImageFormat> out;
    for (const auto& f : allFormats())
        if (f.conversionTarget) out.push_back(f.format);
    return out;
}

ImageFormat formatFromName(std::string_view name) {
    const std::string n = lower(name);
    for (const auto& f : allFormats()) {
        if (f.name == n) return f.format;
        // Every extension is a name too: "jpg", "tif", "heif".
        for (auto e : f.extensions)
            if (e.substr(1) == n) return f.format;
    }
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

std::string extensionGlobs() {
    std::string out;
    for (const auto& f : allFormats())
        for (auto e : f.extensions) {
            if (!out.empty()) out += ' ';
            out += '*';
            out += e;
        }
    return out;
}

ImageFormat formatFromLoader(std::string_view loader) {
    // heifload covers HEIC and AVIF; the header reader tells them apart by the brand.
    for (const auto& f : allFormats())
        if (!f.loader.empty() && loader.substr(0, f.loader.size()) == f.loader) return f.format;
    return ImageFormat::Unknown;
}

}  // namespace imgopt
