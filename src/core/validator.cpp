#include "validator.hpp"

#include <fmt/format.h>

#include <chrono>

#include "header_reader.hpp"

namespace imgopt {
namespace {

bool canAnimate(ImageFormat f) { return f == ImageFormat::Gif || f == ImageFormat::Webp; }

std::string megapixels(std::uint64_t pixels) {
    return fmt::format("{:.1f} megapixels", double(pixels) / 1e6);
}

}  // namespace

ValidationResult validate(const ScanItem& item, const Options& options) {
    const auto start = std::chrono::steady_clock::now();
    const auto elapsed = [&] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    };
    auto refuse = [&](ImageFormat f, ErrorCode code, std::string message) {
        return Unexpected(ValidationFailure{item, f, Error{code, std::move(message)}, elapsed()});
    };

    auto header = readHeader(item.path);
    if (!header) return Unexpected(ValidationFailure{item, ImageFormat::Unknown, header.error(), elapsed()});
    ValidatedTask t;
    t.source = item;
    t.header = *header;
    const auto& h = t.header;

    const ImageFormat named = formatFromExtension(item.path);
    if (named != ImageFormat::Unknown && named != h.format)
        t.warnings.push_back(fmt::format("the content is {} but the name says {}; handled as {}",
                                         formatInfo(h.format).name, item.path.extension().string(),
                                         formatInfo(h.format).name));

    // Checked from the header alone, so a decompression bomb costs a few kilobytes of reading. Every frame
    // and page counts: 300 frames of 2000x2000 are 1.2 gigapixels to decode, however small one frame is.
    if (h.pixels() > options.maxPixels)
        return refuse(
            h.format, ErrorCode::PixelLimit,
            fmt::format("image is {}x{}{} ({}), above the pixel limit of {}; refused before decoding",
                        h.width, h.height, h.pages > 1 ? fmt::format(" x {} frames", h.pages) : "",
                        megapixels(h.pixels()), megapixels(options.maxPixels)));

    t.outputFormat = resolveOutputFormat(options.convertTo, h.format);
    if (t.outputFormat == ImageFormat::Unknown)
        return refuse(h.format, ErrorCode::InputUnsupported,
                      fmt::format("ImgOpt cannot write {} files", formatInfo(h.format).name));

    if (h.pages > 1) {
        if (canAnimate(h.format)) {
            if (!canAnimate(t.outputFormat))
                return refuse(
                    h.format, ErrorCode::InputUnsupported,
                    fmt::format("animated {} ({} frames): {} cannot hold an animation, and keeping only "
                                "the first frame would lose the rest; keep its format or convert it "
                                "to WebP",
                                formatInfo(h.format).name, h.pages, formatInfo(t.outputFormat).name));
        } else if (h.format == ImageFormat::Tiff) {
            return refuse(
                h.format, ErrorCode::InputUnsupported,
                fmt::format("multi-page TIFF ({} pages): only single images are optimized, so it is "
                            "left untouched",
                            h.pages));
        } else {
            t.warnings.push_back(
                fmt::format("the file holds {} images; only the primary image is written", h.pages));
        }
    }
    t.seconds = elapsed();
    return t;
}

}  // namespace imgopt
