#include "png_chunks.hpp"

#include <libdeflate.h>

#include <array>
#include <cmath>
#include <cstring>
#include <utility>

#include "c_handle.hpp"
#include "metadata_scrubber.hpp"
#include "vips_runtime.hpp"

namespace imgopt::png {
namespace {

void putBe32(Bytes& out, std::uint32_t v) {
    for (int shift : {24, 16, 8, 0}) out.push_back(std::uint8_t(v >> shift));
}

}  // namespace

Bytes signature() { return {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}; }

void appendChunk(Bytes& out, std::string_view type, const std::uint8_t* data, std::size_t size) {
    putBe32(out, std::uint32_t(size));
    const std::size_t typeAt = out.size();
    out.insert(out.end(), type.begin(), type.end());
    if (size > 0) out.insert(out.end(), data, data + size);
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

Bytes headerChunk(int width, int height, int depth, ColourType colour) {
    Bytes ihdr;
    putBe32(ihdr, std::uint32_t(width));
    putBe32(ihdr, std::uint32_t(height));
    ihdr.insert(ihdr.end(), {std::uint8_t(depth), std::uint8_t(colour), 0, 0, 0});
    return ihdr;
}

Bytes resolutionChunk(const vips::VImage& image) {
    Bytes phys;
    // libvips: pixels per mm; PNG: per metre.
    putBe32(phys, std::uint32_t(std::lround(image.xres() * 1000.0)));
    putBe32(phys, std::uint32_t(std::lround(image.yres() * 1000.0)));
    phys.push_back(1);
    return phys;
}

Status appendMetadata(Bytes& out, const vips::VImage& image, MetadataMode metadata, int level) {
    if (metadata == MetadataMode::None) return {};
    if (const auto icc = pixelsProfile(image)) {
        auto compressed = zlibCompress(icc->data(), icc->size(), level);
        if (!compressed) return Unexpected(std::move(compressed).error());
        Bytes data = {'i', 'c', 'c', 0, 0};  // profile name, NUL, compression method 0 (zlib)
        data.insert(data.end(), compressed->begin(), compressed->end());
        appendChunk(out, "iCCP", data);
    }
    if (metadata != MetadataMode::All) return {};
    if (const auto exif = imageBlob(image, VIPS_META_EXIF_NAME)) {
        // The pixels are upright now: a stale orientation would make viewers rotate them a second time.
        auto upright = uprightExif(exif->data(), exif->size());
        if (!upright) return Unexpected(std::move(upright).error());
        // libvips keeps JPEG's "Exif\0\0" prefix; eXIf holds the TIFF structure alone.
        const std::size_t skip =
            upright->size() > 6 && std::memcmp(upright->data(), "Exif\0\0", 6) == 0 ? 6 : 0;
        appendChunk(out, "eXIf", upright->data() + skip, upright->size() - skip);
    }
    if (const auto xmp = imageBlob(image, VIPS_META_XMP_NAME)) {
        static constexpr std::string_view kKeyword = "XML:com.adobe.xmp";
        Bytes data(kKeyword.begin(), kKeyword.end());
        // NUL, uncompressed, method, empty language and translation
        data.insert(data.end(), {0, 0, 0, 0, 0});
        data.insert(data.end(), xmp->begin(), xmp->end());
        appendChunk(out, "iTXt", data);
    }
    return {};
}

}  // namespace imgopt::png
