#include "near_lossless_png.hpp"

#include <glib.h>

#include <algorithm>

#include "c_handle.hpp"
#include "png_chunks.hpp"
#include "vips_errors.hpp"

namespace imgopt {
namespace {

using Bytes = std::vector<std::uint8_t>;
using vips::VImage;

constexpr int kCancelCheckRows = 64;

// The residual r rounded to the nearest multiple of step (halves away from zero).
int roundToStep(int r, int step) {
    const int half = step / 2;
    return r >= 0 ? (r + half) / step * step : -((-r + half) / step * step);
}

// One row's filtered bytes (after its filter byte), and the row as a decoder will rebuild it. `previous` is
// the rebuilt row above (nullptr for the first). Colour samples are rounded; alpha (`alphaAt` >= 0, the
// sample index within a pixel) stays exact.
void filterRow(const std::uint8_t* source, const std::uint8_t* previous, std::uint8_t* rebuilt,
               std::uint8_t* filtered, std::size_t rowBytes, int bands, int alphaAt, int step) {
    for (std::size_t i = 0; i < rowBytes; ++i) {
        const int left = i >= std::size_t(bands) ? rebuilt[i - std::size_t(bands)] : 0;
        const int up = previous ? previous[i] : 0;
        const int predicted = (left + up) >> 1;
        const int sample = source[i];
        int value = sample;
        if (int(i % std::size_t(bands)) != alphaAt)
            // Clamping only moves a value towards the sample's range: the error stays within step / 2.
            value = std::clamp(predicted + roundToStep(sample - predicted, step), 0, 255);
        rebuilt[i] = std::uint8_t(value);
        filtered[i] = std::uint8_t(value - predicted);
    }
}

png::ColourType colourTypeFor(int bands) {
    switch (bands) {
        case 1:
            return png::ColourType::Grey;
        case 2:
            return png::ColourType::GreyAlpha;
        case 3:
            return png::ColourType::Rgb;
        default:
            return png::ColourType::Rgba;
    }
}

// 8-bit, at most 4 bands, in memory.
VImage prepared(VImage image) {
    if (image.format() != VIPS_FORMAT_UCHAR) image = image.cast(VIPS_FORMAT_UCHAR);
    if (image.bands() > 4) image = image.extract_band(0, VImage::option()->set("n", 4));
    return image;
}

// Rounds `image` row by row. Each row's filtered bytes (its filter byte first) go to `filtered` when it is
// not null, and each rebuilt row to `rebuiltImage` when that is not null.
Status roundRows(const VImage& image, int step, const CancelToken& cancel, Bytes* filtered,
                 std::uint8_t* rebuiltImage) {
    const int bands = image.bands();
    // The search's images are in memory already; copy_memory() then only takes a reference.
    const VImage frame = image.copy_memory();
    const auto* source = static_cast<const std::uint8_t*>(VIPS_IMAGE_ADDR(frame.get_image(), 0, 0));
    const std::size_t rowBytes = std::size_t(image.width()) * std::size_t(bands);
    const int alphaAt = bands == 2 || bands == 4 ? bands - 1 : -1;
    const std::size_t height = std::size_t(image.height());
    if (filtered) filtered->assign((rowBytes + 1) * height, 3);  // every row: filter 3, Average
    Bytes scratch(rebuiltImage ? 0 : rowBytes * 2);  // without an image: this row and the one above
    Bytes discard(filtered ? 0 : rowBytes);
    for (std::size_t y = 0; y < height; ++y) {
        if (y % kCancelCheckRows == 0 && cancel.cancelled()) return fail(ErrorCode::Cancelled, "cancelled");
        std::uint8_t* row = rebuiltImage ? rebuiltImage + y * rowBytes : scratch.data() + (y % 2) * rowBytes;
        const std::uint8_t* above =
            y == 0 ? nullptr : (rebuiltImage ? row - rowBytes : scratch.data() + ((y + 1) % 2) * rowBytes);
        std::uint8_t* out = filtered ? filtered->data() + y * (rowBytes + 1) + 1 : discard.data();
        filterRow(source + y * rowBytes, above, row, out, rowBytes, bands, alphaAt, std::max(1, step));
    }
    return {};
}

Expected<Bytes> encode(const VImage& image, const NearLosslessPngSettings& settings,
                       const CancelToken& cancel) {
    Bytes filtered;
    if (auto rounded = roundRows(image, settings.step, cancel, &filtered, nullptr); !rounded)
        return Unexpected(std::move(rounded).error());
    auto idat = png::zlibCompress(filtered.data(), filtered.size(), settings.deflateLevel);
    if (!idat) return idat;
    Bytes out = png::signature();
    png::appendChunk(out, "IHDR",
                     png::headerChunk(image.width(), image.height(), 8, colourTypeFor(image.bands())));
    if (auto meta = png::appendMetadata(out, image, settings.metadata, settings.deflateLevel); !meta)
        return Unexpected(std::move(meta).error());
    png::appendChunk(out, "pHYs", png::resolutionChunk(image));
    png::appendChunk(out, "IDAT", *idat);
    png::appendChunk(out, "IEND", nullptr, 0);
    return out;
}

}  // namespace

int nearLosslessStep(int quality) { return std::max(1, 100 - quality); }

Expected<Bytes> encodeNearLosslessPng(VImage image, const NearLosslessPngSettings& settings,
                                      const CancelToken& cancel) {
    try {
        return encode(prepared(image), settings, cancel);
    } catch (const vips::VError&) {
        return sourcePixelsFailure(cancel.cancelled());
    }
}

Expected<VImage> nearLosslessPixels(VImage image, int step, const CancelToken& cancel) {
    try {
        image = prepared(image);
        const std::size_t size =
            std::size_t(image.width()) * std::size_t(image.height()) * std::size_t(image.bands());
        Handle<void, g_free> buffer(g_malloc(size));
        if (auto rounded = roundRows(image, step, cancel, nullptr, static_cast<std::uint8_t*>(buffer.get()));
            !rounded)
            return Unexpected(std::move(rounded).error());
        const VImage rebuilt = VImage::new_from_memory_steal(
            buffer.release(), size, image.width(), image.height(), image.bands(), VIPS_FORMAT_UCHAR);
        return rebuilt.copy(VImage::option()->set("interpretation", image.interpretation()));
    } catch (const vips::VError&) {
        return sourcePixelsFailure(cancel.cancelled());
    }
}

}  // namespace imgopt
