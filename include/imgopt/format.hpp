#pragma once
// The format registry: the one table of image formats ImgOpt reads and writes. Every other module asks
// this file; no extension list or loader name is repeated elsewhere.

#include <filesystem>
#include <span>
#include <string>
#include <string_view>

namespace imgopt {

enum class ImageFormat { Unknown, Jpeg, Png, Webp, Avif, Heif, Tiff, Gif };

struct FormatInfo {
    ImageFormat format;
    std::string_view name;          // "jpeg", "png", ... as used by the CLI, presets and reports
    std::string_view canonicalExt;  // ".jpg", ... used when a file's extension must change
    std::span<const std::string_view> extensions;  // lower case, with the dot
    bool writable;                  // can be an output format
    // Peak working memory relative to one decoded frame, measured per format (docs/benchmarks.md). JPEG and
    // TIFF stream in strips; WebP and HEIF decoders hand over whole frames; the WebP encoder holds the frame
    // as YUV; PNG palette quantisation (libimagequant) keeps float copies of the frame.
    double decodeMemoryFactor;
    double encodeMemoryFactor;
    // Longest edge the format's encoder can write (libjpeg 65500, libwebp 16383, GIF 65535); 0 = no limit
    // an image within the pixel limit could reach.
    int maxEdge = 0;
};

const FormatInfo& formatInfo(ImageFormat format);
std::span<const FormatInfo> allFormats();

// "jpeg"/"jpg" -> Jpeg etc. Unknown when the name is not a format.
ImageFormat formatFromName(std::string_view name);
// By extension only (case-insensitive); used to spot mislabelled files, never to choose a loader.
ImageFormat formatFromExtension(const std::filesystem::path& path);
// libvips loader nickname ("jpegload", "heifload_source", ...) -> format.
ImageFormat formatFromLoader(std::string_view loader);

// True when the extension names a format in the registry (the scanner's cheap first filter).
bool hasImageExtension(const std::filesystem::path& path);

}  // namespace imgopt
