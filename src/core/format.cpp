#include "imgopt/format.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>

#include "savers.hpp"

namespace imgopt {
namespace {

using namespace std::string_view_literals;
using detail::saveAvif, detail::saveGif, detail::saveJpeg, detail::savePng, detail::saveTiff,
    detail::saveWebp;

constexpr std::array kNoExt = {""sv};
constexpr std::array kJpegExt = {".jpg"sv, ".jpeg"sv, ".jpe"sv, ".jfif"sv};
constexpr std::array kPngExt = {".png"sv};
constexpr std::array kWebpExt = {".webp"sv};
constexpr std::array kAvifExt = {".avif"sv};
constexpr std::array kHeifExt = {".heic"sv, ".heif"sv};
constexpr std::array kTiffExt = {".tif"sv, ".tiff"sv};
constexpr std::array kGifExt = {".gif"sv};

// Signatures from each format's specification; the ISO-BMFF brands are those libheif reads.
bool isJpeg(std::string_view h) { return h.substr(0, 3) == "\xFF\xD8\xFF"; }
bool isPng(std::string_view h) { return h.substr(0, 8) == "\x89PNG\r\n\x1A\n"; }
bool isGif(std::string_view h) { return h.substr(0, 6) == "GIF87a" || h.substr(0, 6) == "GIF89a"; }
// substr() throws when its start is past the end: a file of a few bytes that begins like a RIFF
// (fuzz_header).
bool isWebp(std::string_view h) {
    return h.size() >= 12 && h.substr(0, 4) == "RIFF" && h.substr(8, 4) == "WEBP";
}
bool isTiff(std::string_view h) {
    const auto m = h.substr(0, 4);
    return m == std::string_view("II*\0", 4) || m == std::string_view("MM\0*", 4) ||
           m == std::string_view("II+\0", 4) || m == std::string_view("MM\0+", 4);
}
std::string_view brand(std::string_view h) {
    return h.size() >= 12 && h.substr(4, 4) == "ftyp" ? h.substr(8, 4) : "";
}
bool isAvif(std::string_view h) { return brand(h) == "avif" || brand(h) == "avis"; }
bool isHeif(std::string_view h) {
    // Generic HEIF brands (mif1, msf1) may hold AV1 too; the header reader asks the decoder which.
    for (std::string_view b :
         {"heic", "heix", "hevc", "hevx", "heim", "heis", "hevm", "hevs", "mif1", "msf1"})
        if (brand(h) == b) return true;
    return false;
}
bool never(std::string_view) { return false; }

// Memory factors: fitted by benchmarks/fit-memory-model.py to the task peaks imgopt-memory-model measured
// (docs/benchmarks.md, "Memory model"; tests/data/memory_model.json holds the measurements and a test holds
// the estimates to them). HEIC has no encoder of its own; it reads as AVIF does.
// The order of the writable entries is the order of the format menus.
const std::array kFormats = {
    FormatInfo{ImageFormat::Unknown, "unknown", "?", "", std::span<const std::string_view>(kNoExt.data(), 0),
               "", never, false, 1.0, 1.0, 0.0, 0.0, 0.0, 0, nullptr},
    FormatInfo{ImageFormat::Jpeg, "jpeg", "JPEG", ".jpg", kJpegExt, "jpegload", isJpeg, true, 0.437, 0.529,
               0.0, 7.201, 0.0, 65500, saveJpeg},
    FormatInfo{ImageFormat::Png, "png", "PNG", ".png", kPngExt, "pngload", isPng, true, 0.986, 0.404, 20.584,
               36.022, 0.242, 0, savePng},
    FormatInfo{ImageFormat::Webp, "webp", "WebP", ".webp", kWebpExt, "webpload", isWebp, true, 1.625, 2.154,
               0.147, 2.527, 20.439, 16383, saveWebp},
    FormatInfo{ImageFormat::Avif, "avif", "AVIF", ".avif", kAvifExt, "heifload", isAvif, true, 2.187, 5.294,
               0.0, 14.225, 0.0, 0, saveAvif},
    // libheif in Debian has no HEVC encoder we may ship: HEIC is read, and written as AVIF.
    FormatInfo{ImageFormat::Heif, "heic", "HEIC", ".heic", kHeifExt, "heifload", isHeif, false, 2.187, 5.294,
               0.0, 14.225, 0.0, 0, nullptr},
    // TIFF and GIF are kept as they are (lossless master, animation) but offered as no conversion target.
    FormatInfo{ImageFormat::Tiff, "tiff", "TIFF", ".tif", kTiffExt, "tiffload", isTiff, false, 1.141, 0.0,
               0.0, 1.786, 0.0, 0, saveTiff},
    FormatInfo{ImageFormat::Gif, "gif", "GIF", ".gif", kGifExt, "gifload", isGif, false, 9.742, 0.0, 0.0,
               1.225, 0.0, 65535, saveGif},
};

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
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

ImageFormat formatFromContent(std::string_view head) {
    for (const auto& f : allFormats())
        if (f.sniff(head)) return f.format;
    return ImageFormat::Unknown;
}

ImageFormat formatFromFileContent(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::array<char, kSniffBytes> head{};
    in.read(head.data(), head.size());
    return formatFromContent(std::string_view(head.data(), std::size_t(in.gcount())));
}

std::string_view formatColour(ImageFormat format) {
    switch (format) {
        case ImageFormat::Jpeg:
            return "#e07b39";
        case ImageFormat::Png:
            return "#3b7dd8";
        case ImageFormat::Webp:
            return "#2a9d5a";
        case ImageFormat::Avif:
            return "#9b59b6";
        case ImageFormat::Heif:
            return "#c0398f";
        case ImageFormat::Tiff:
            return "#7f8c8d";
        case ImageFormat::Gif:
            return "#c9a400";
        case ImageFormat::Unknown:
            break;
    }
    return "#999999";
}

}  // namespace imgopt
