#pragma once
// The format registry: the one table of image formats ImgOpt reads and writes. Every other module (the
// engine, the CLI's option lists, the GUI's combo boxes and file-dialog filters) asks this file; no extension
// list, format name or saver is repeated elsewhere.

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "imgopt/result.hpp"

namespace imgopt {

enum class ImageFormat { Unknown, Jpeg, Png, Webp, Avif, Heif, Tiff, Gif };

namespace detail {
struct SaveRequest;  // the encoder's request to a saver (src/core/savers.hpp)
}

struct FormatInfo {
    ImageFormat format;
    std::string_view name;          // "jpeg", "png", ... as used by the CLI, presets and reports
    std::string_view displayName;   // "JPEG", "WebP", ... as shown to people
    std::string_view canonicalExt;  // ".jpg", ... used when a file's extension must change
    std::span<const std::string_view> extensions;  // lower case, with the dot
    std::string_view loader;  // libvips loader ("jpegload"; +"_source", +"_buffer" for the variants)
    // Whether the first bytes of a file (up to kSniffBytes) are this format's. The header reader calls the
    // format's own loader on the result instead of letting libvips try each of its loaders in turn.
    bool (*sniff)(std::string_view head);
    bool conversionTarget;  // can be chosen as the format every file is converted to
    // The memory model, fitted to measured task peaks (docs/benchmarks.md, "Memory model"; batch_sizer.hpp
    // has the formula): the decoder's bytes per byte of decoded frame; the encoder's bytes per byte of 8-bit
    // RGBA output, per pixel of a small frame it copies whole, per distinct colour, and per pixel of an
    // image with alpha (libwebp, for one, keeps the alpha plane apart from the YUV frame).
    double decodeMemoryFactor;
    double encodeMemoryFactor;
    double encodeSmallFrameBytes;
    double encodeColourBytes;
    double encodeAlphaBytes;
    // Longest edge the format's encoder can write (libjpeg 65500, libwebp 16383, GIF 65535); 0 = no limit
    // an image within the pixel limit could reach.
    int maxEdge;
    // The format's saver, in the spirit of libvips' one saver per file: the encoded file's bytes. Null when
    // ImgOpt cannot write the format.
    Expected<std::vector<std::uint8_t>> (*save)(const detail::SaveRequest&);

    bool writable() const { return save != nullptr; }
};

const FormatInfo& formatInfo(ImageFormat format);
std::span<const FormatInfo> allFormats();
// The formats a run can convert every file to, in menu order.
std::vector<ImageFormat> conversionTargets();

// "jpeg"/"jpg" -> Jpeg etc. Unknown when the name is not a format.
ImageFormat formatFromName(std::string_view name);
// By extension only (case-insensitive); used to spot mislabelled files, never to choose a loader.
ImageFormat formatFromExtension(const std::filesystem::path& path);
// How many leading bytes the sniffers look at.
inline constexpr std::size_t kSniffBytes = 32;
// The format whose sniffer recognises `head`, the first bytes of a file; Unknown for none of ours.
ImageFormat formatFromContent(std::string_view head);
// formatFromContent() of the first kSniffBytes of a file; Unknown when it cannot be read.
ImageFormat formatFromFileContent(const std::filesystem::path& path);

// The colour that stands for a format in charts ("#rrggbb"): the report's and the metrics panel's timelines.
std::string_view formatColour(ImageFormat format);

// True when the extension names a format in the registry (the scanner's cheap first filter).
bool hasImageExtension(const std::filesystem::path& path);
// Every extension we read as glob patterns, "*.jpg *.jpeg ...", for file dialogs.
std::string extensionGlobs();

}  // namespace imgopt
