#include "png_writer.hpp"

#include <glib.h>
#include <libimagequant.h>

#include <algorithm>
#include <array>

#include "c_handle.hpp"
#include "png_chunks.hpp"
#include "vips_errors.hpp"
#include "vips_runtime.hpp"

namespace imgopt {
namespace {

using Bytes = std::vector<std::uint8_t>;
using vips::VImage;

// libimagequant calls this between its steps; 0 stops it.
int keepGoing(float /*percent*/, void* user) {
    return static_cast<const CancelToken*>(user)->cancelled() ? 0 : 1;
}

// The pixels as one RGBA frame in memory, which is what libimagequant reads.
struct RgbaFrame {
    Handle<void, g_free> pixels;
    int width = 0;
    int height = 0;
};

RgbaFrame rgbaFrame(VImage image) {
    if (image.bands() < 3) image = image.colourspace(VIPS_INTERPRETATION_sRGB);
    if (image.bands() == 3) image = image.bandjoin_const({255.0});
    if (image.format() != VIPS_FORMAT_UCHAR) image = image.cast(VIPS_FORMAT_UCHAR);
    RgbaFrame frame;
    frame.pixels.reset(pixelsInMemory(image).data.release());
    frame.width = image.width();
    frame.height = image.height();
    return frame;
}

struct Quantised {
    Bytes raw;  // one filter byte (0) then one palette index per pixel, for each row
    std::vector<liq_color> palette;
};

Expected<Quantised> quantise(const RgbaFrame& frame, const PalettePngSettings& settings,
                             CancelToken& cancel) {
    const auto failed = [&](liq_error err) {
        if (err == LIQ_ABORTED || cancel.cancelled()) return fail(ErrorCode::Cancelled, "cancelled");
        return fail(err == LIQ_OUT_OF_MEMORY ? ErrorCode::OutputFailed : ErrorCode::Internal,
                    "PNG: libimagequant could not make a palette");
    };
    const Handle<liq_attr, liq_attr_destroy> attr(liq_attr_create());
    if (!attr) return failed(LIQ_OUT_OF_MEMORY);
    liq_set_max_colors(attr.get(), 256);
    liq_set_quality(attr.get(), 0, settings.quality);
    liq_set_speed(attr.get(), settings.speed);
    liq_attr_set_progress_callback(attr.get(), keepGoing, &cancel);
    const Handle<liq_image, liq_image_destroy> image(
        liq_image_create_rgba(attr.get(), frame.pixels.get(), frame.width, frame.height, 0));
    if (!image) return failed(LIQ_OUT_OF_MEMORY);
    liq_result* result = nullptr;
    if (const liq_error err = liq_image_quantize(image.get(), attr.get(), &result); err != LIQ_OK)
        return failed(err);
    const Handle<liq_result, liq_result_destroy> owned(result);
    liq_set_dithering_level(result, settings.dithering);
    liq_result_set_progress_callback(result, keepGoing, &cancel);

    Quantised q;
    const std::size_t stride = std::size_t(frame.width) + 1;
    q.raw.assign(stride * std::size_t(frame.height), 0);
    std::vector<unsigned char*> rows(std::size_t(frame.height));
    for (std::size_t y = 0; y < rows.size(); ++y) rows[y] = q.raw.data() + y * stride + 1;
    if (const liq_error err = liq_write_remapped_image_rows(result, image.get(), rows.data()); err != LIQ_OK)
        return failed(err);
    const liq_palette* palette = liq_get_palette(result);
    q.palette.assign(palette->entries, palette->entries + palette->count);
    return q;
}

// Puts the palette entries that are not opaque first, so that tRNS holds only them; returns their count.
int transparentFirst(Quantised& q, int width, int height) {
    const auto opaque = [](const liq_color& c) { return c.a == 255; };
    const int transparent =
        int(std::count_if(q.palette.begin(), q.palette.end(), [&](auto& c) { return !opaque(c); }));
    if (transparent == 0) return 0;
    std::array<std::uint8_t, 256> newIndex{};
    std::vector<liq_color> ordered;
    for (bool wantOpaque : {false, true})
        for (std::size_t i = 0; i < q.palette.size(); ++i)
            if (opaque(q.palette[i]) == wantOpaque) {
                newIndex[i] = std::uint8_t(ordered.size());
                ordered.push_back(q.palette[i]);
            }
    const std::size_t stride = std::size_t(width) + 1;
    for (int y = 0; y < height; ++y) {
        std::uint8_t* row = q.raw.data() + std::size_t(y) * stride + 1;
        for (int x = 0; x < width; ++x) row[x] = newIndex[row[x]];
    }
    q.palette = std::move(ordered);
    return transparent;
}

int bitDepthFor(std::size_t colours) {
    if (colours <= 2) return 1;
    if (colours <= 4) return 2;
    if (colours <= 16) return 4;
    return 8;
}

// Rows of 8-bit indices packed into `depth` bits a pixel, most significant bits first, each row after its
// filter byte.
Bytes packRows(const Bytes& raw, int width, int height, int depth) {
    if (depth == 8) return raw;
    const std::size_t inStride = std::size_t(width) + 1;
    const std::size_t rowBytes = (std::size_t(width) * std::size_t(depth) + 7) / 8;
    Bytes packed((rowBytes + 1) * std::size_t(height), 0);
    const int perByte = 8 / depth;
    for (int y = 0; y < height; ++y) {
        const std::uint8_t* in = raw.data() + std::size_t(y) * inStride + 1;
        std::uint8_t* out = packed.data() + std::size_t(y) * (rowBytes + 1) + 1;
        for (int x = 0; x < width; ++x)
            out[x / perByte] |= std::uint8_t(in[x] << (8 - depth * (x % perByte + 1)));
    }
    return packed;
}

Expected<Bytes> assemble(const VImage& image, Quantised& q, const PalettePngSettings& settings, int width,
                         int height) {
    const int transparent = transparentFirst(q, width, height);
    const int depth = bitDepthFor(q.palette.size());
    const Bytes rows = packRows(q.raw, width, height, depth);
    auto idat = png::zlibCompress(rows.data(), rows.size(), settings.deflateLevel);
    if (!idat) return idat;
    Bytes out = png::signature();
    png::appendChunk(out, "IHDR", png::headerChunk(width, height, depth, png::ColourType::Palette));
    if (auto meta = png::appendMetadata(out, image, settings.metadata, settings.deflateLevel); !meta)
        return Unexpected(std::move(meta).error());
    png::appendChunk(out, "pHYs", png::resolutionChunk(image));
    Bytes plte, trns;
    for (const liq_color& c : q.palette) plte.insert(plte.end(), {c.r, c.g, c.b});
    for (int i = 0; i < transparent; ++i) trns.push_back(q.palette[std::size_t(i)].a);
    png::appendChunk(out, "PLTE", plte);
    if (!trns.empty()) png::appendChunk(out, "tRNS", trns);
    png::appendChunk(out, "IDAT", *idat);
    png::appendChunk(out, "IEND", nullptr, 0);
    return out;
}

}  // namespace

Expected<Bytes> encodePalettePng(VImage image, const PalettePngSettings& settings,
                                 const CancelToken& cancel) {
    CancelToken token = cancel;  // a copy shares the flag; libimagequant's callback gets its address
    try {
        const RgbaFrame frame = rgbaFrame(image);
        if (token.cancelled()) return fail(ErrorCode::Cancelled, "cancelled");
        auto quantised = quantise(frame, settings, token);
        if (!quantised) return Unexpected(std::move(quantised).error());
        return assemble(image, *quantised, settings, frame.width, frame.height);
    } catch (const vips::VError&) {
        return sourcePixelsFailure(token.cancelled());
    }
}

}  // namespace imgopt
