#include "png_writer.hpp"

#include <glib.h>
#include <libdeflate.h>
#include <libimagequant.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <optional>
#include <string_view>

#include "c_handle.hpp"
#include "metadata_scrubber.hpp"
#include "vips_errors.hpp"
#include "vips_runtime.hpp"

namespace imgopt {
namespace {

using Bytes = std::vector<std::uint8_t>;
using vips::VImage;

constexpr std::array<std::uint8_t, 8> kSignature = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

void putBe32(Bytes& out, std::uint32_t v) {
    for (int shift : {24, 16, 8, 0}) out.push_back(std::uint8_t(v >> shift));
}

// A chunk: length, type, data, and the CRC of type and data.
void appendChunk(Bytes& out, std::string_view type, const std::uint8_t* data, std::size_t size) {
    putBe32(out, std::uint32_t(size));
    const std::size_t typeAt = out.size();
    out.insert(out.end(), type.begin(), type.end());
    out.insert(out.end(), data, data + size);
    putBe32(out, libdeflate_crc32(0, out.data() + typeAt, size + 4));
}

void appendChunk(Bytes& out, std::string_view type, const Bytes& data) {
    appendChunk(out, type, data.data(), data.size());
}

Expected<Bytes> zlibCompress(const std::uint8_t* data, std::size_t size, int level) {
    const Handle<libdeflate_compressor, libdeflate_free_compressor> compressor(
        libdeflate_alloc_compressor(level));
    if (!compressor) return fail(ErrorCode::OutputFailed, "PNG: out of memory");
    Bytes out(libdeflate_zlib_compress_bound(compressor.get(), size));
    const std::size_t written =
        libdeflate_zlib_compress(compressor.get(), data, size, out.data(), out.size());
    if (written == 0) return fail(ErrorCode::OutputFailed, "PNG: the image data could not be compressed");
    out.resize(written);
    return out;
}

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
    std::size_t size = 0;
    RgbaFrame frame;
    frame.pixels.reset(image.write_to_memory(&size));
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

std::optional<std::pair<const std::uint8_t*, std::size_t>> blob(const VImage& image, const char* field) {
    if (image.get_typeof(field) == 0) return std::nullopt;
    const void* data = nullptr;
    std::size_t size = 0;
    if (vips_image_get_blob(image.get_image(), field, &data, &size) || size == 0) return std::nullopt;
    return std::pair{static_cast<const std::uint8_t*>(data), size};
}

Status appendMetadata(Bytes& out, const VImage& image, const PalettePngSettings& settings, int level) {
    if (settings.metadata == MetadataMode::None) return {};
    if (auto icc = blob(image, VIPS_META_ICC_NAME);
        icc && vips_icc_is_compatible_profile(image.get_image(), icc->first, icc->second)) {
        auto compressed = zlibCompress(icc->first, icc->second, level);
        if (!compressed) return Unexpected(std::move(compressed).error());
        Bytes data = {'i', 'c', 'c', 0, 0};  // profile name, NUL, compression method 0 (zlib)
        data.insert(data.end(), compressed->begin(), compressed->end());
        appendChunk(out, "iCCP", data);
    }
    if (settings.metadata != MetadataMode::All) return {};
    if (auto exif = blob(image, VIPS_META_EXIF_NAME)) {
        // The pixels are upright now: a stale orientation would make viewers rotate them a second time.
        auto upright = uprightExif(exif->first, exif->second);
        if (!upright) return Unexpected(std::move(upright).error());
        // libvips keeps JPEG's "Exif\0\0" prefix; eXIf holds the TIFF structure alone.
        const std::size_t skip =
            upright->size() > 6 && std::memcmp(upright->data(), "Exif\0\0", 6) == 0 ? 6 : 0;
        appendChunk(out, "eXIf", upright->data() + skip, upright->size() - skip);
    }
    if (auto xmp = blob(image, VIPS_META_XMP_NAME)) {
        static constexpr std::string_view kKeyword = "XML:com.adobe.xmp";
        Bytes data(kKeyword.begin(), kKeyword.end());
        data.insert(data.end(),
                    {0, 0, 0, 0, 0});  // NUL, uncompressed, method, empty language and translation
        data.insert(data.end(), xmp->first, xmp->first + xmp->second);
        appendChunk(out, "iTXt", data);
    }
    return {};
}

Bytes headerChunk(int width, int height, int depth) {
    Bytes ihdr;
    putBe32(ihdr, std::uint32_t(width));
    putBe32(ihdr, std::uint32_t(height));
    ihdr.insert(ihdr.end(),
                {std::uint8_t(depth), 3, 0, 0, 0});  // palette colour, deflate, filters, no interlace
    return ihdr;
}

Bytes resolutionChunk(const VImage& image) {
    Bytes phys;
    putBe32(phys,
            std::uint32_t(std::lround(image.xres() * 1000.0)));  // libvips: pixels per mm; PNG: per metre
    putBe32(phys, std::uint32_t(std::lround(image.yres() * 1000.0)));
    phys.push_back(1);
    return phys;
}

Expected<Bytes> assemble(const VImage& image, Quantised& q, const PalettePngSettings& settings, int width,
                         int height) {
    const int transparent = transparentFirst(q, width, height);
    const int depth = bitDepthFor(q.palette.size());
    const Bytes rows = packRows(q.raw, width, height, depth);
    auto idat = zlibCompress(rows.data(), rows.size(), settings.deflateLevel);
    if (!idat) return idat;
    Bytes out(kSignature.begin(), kSignature.end());
    appendChunk(out, "IHDR", headerChunk(width, height, depth));
    if (auto meta = appendMetadata(out, image, settings, settings.deflateLevel); !meta)
        return Unexpected(std::move(meta).error());
    appendChunk(out, "pHYs", resolutionChunk(image));
    Bytes plte, trns;
    for (const liq_color& c : q.palette) plte.insert(plte.end(), {c.r, c.g, c.b});
    for (int i = 0; i < transparent; ++i) trns.push_back(q.palette[std::size_t(i)].a);
    appendChunk(out, "PLTE", plte);
    if (!trns.empty()) appendChunk(out, "tRNS", trns);
    appendChunk(out, "IDAT", *idat);
    appendChunk(out, "IEND", nullptr, 0);
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
