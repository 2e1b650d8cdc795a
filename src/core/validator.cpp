#include "imgopt/validator.hpp"

#include <chrono>
#include <fmt/format.h>

#include "imgopt/header_reader.hpp"

namespace imgopt {
namespace {

bool canAnimate(ImageFormat f) { return f == ImageFormat::Gif || f == ImageFormat::Webp; }

std::string megapixels(std::uint64_t pixels) { return fmt::format("{:.1f} megapixels", double(pixels) / 1e6); }

}  // namespace

ValidationResult validate(const ScanItem& item, const Options& options) {
    const auto start = std::chrono::steady_clock::now();
    const auto elapsed = [&] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    };
    auto fail = [&](ImageFormat f, std::string message) {
        return ValidationError{item, f, std::move(message), elapsed()};
    };

    auto header = readHeader(item.path);
    if (auto* err = std::get_if<HeaderError>(&header)) return fail(ImageFormat::Unknown, err->message);
    ValidatedTask t;
    t.source = item;
    t.header = std::get<ImageHeader>(header);
    const auto& h = t.header;

    const ImageFormat named = formatFromExtension(item.path);
    if (named != ImageFormat::Unknown && named != h.format)
        t.warnings.push_back(fmt::format("the content is {} but the name says {}; handled as {}",
                                         formatInfo(h.format).name, item.path.extension().string(),
                                         formatInfo(h.format).name));

    // Checked from the header alone, so a decompression bomb costs a few kilobytes of reading.
    const std::uint64_t pixels = std::uint64_t(h.width) * std::uint64_t(h.height);
    if (pixels > options.maxPixels)
        return fail(h.format, fmt::format("image is {}x{} ({}), above the limit of {} (--max-pixels); refused "
                                          "before decoding",
                                          h.width, h.height, megapixels(pixels), megapixels(options.maxPixels)));

    t.outputFormat = resolveOutputFormat(options.format, h.format);
    if (t.outputFormat == ImageFormat::Unknown)
        return fail(h.format, fmt::format("ImgOpt cannot write {} files", formatInfo(h.format).name));

    if (h.pages > 1) {
        if (canAnimate(h.format)) {
            if (!canAnimate(t.outputFormat))
                return fail(h.format,
                            fmt::format("animated {} ({} frames): {} cannot hold an animation, and keeping only "
                                        "the first frame would lose the rest; use --format original or webp",
                                        formatInfo(h.format).name, h.pages, formatInfo(t.outputFormat).name));
        } else if (h.format == ImageFormat::Tiff) {
            return fail(h.format, fmt::format("multi-page TIFF ({} pages): only single images are optimized, so "
                                              "it is left untouched",
                                              h.pages));
        } else {
            t.warnings.push_back(fmt::format("the file holds {} images; only the primary image is written",
                                             h.pages));
        }
    }
    t.seconds = elapsed();
    return t;
}

}  // namespace imgopt
