#include "imgopt/webp_codec.hpp"

#include <libexif/exif-data.h>
#include <webp/decode.h>
#include <webp/demux.h>
#include <webp/encode.h>
#include <webp/mux.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <vector>

#include <fmt/format.h>

namespace imgopt {
namespace {

using vips::VImage;

// Rows converted to YUV per step. Even, so that each strip covers whole 2x2 chroma blocks and the result is
// bit-identical to converting the frame at once.
constexpr int kStripRows = 64;

std::vector<std::uint8_t> readAll(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) return {};
    const std::streamoff size = in.tellg();
    if (size <= 0) return {};
    std::vector<std::uint8_t> bytes(static_cast<std::size_t>(size));
    in.seekg(0);
    if (!in.read(reinterpret_cast<char*>(bytes.data()), size)) return {};
    return bytes;
}

struct DemuxDeleter {
    void operator()(WebPDemuxer* d) const { WebPDemuxDelete(d); }
};
struct MuxDeleter {
    void operator()(WebPMux* m) const { WebPMuxDelete(m); }
};
struct PictureGuard {
    WebPPicture* picture;
    ~PictureGuard() { WebPPictureFree(picture); }
};

void attachChunk(WebPDemuxer* demux, const char* fourcc, VipsImage* image, const char* field) {
    WebPChunkIterator it;
    if (WebPDemuxGetChunk(demux, fourcc, 1, &it)) {
        vips_image_set_blob_copy(image, field, it.chunk.bytes, it.chunk.size);
        WebPDemuxReleaseChunkIterator(&it);
    }
}

const char* statusText(VP8StatusCode status) {
    switch (status) {
        case VP8_STATUS_NOT_ENOUGH_DATA: return "the file is truncated";
        case VP8_STATUS_BITSTREAM_ERROR: return "the bitstream is damaged";
        case VP8_STATUS_OUT_OF_MEMORY: return "out of memory";
        case VP8_STATUS_UNSUPPORTED_FEATURE: return "it uses an unsupported feature";
        default: return "the data is invalid";
    }
}

const char* encodeErrorText(WebPEncodingError error) {
    switch (error) {
        case VP8_ENC_ERROR_OUT_OF_MEMORY:
        case VP8_ENC_ERROR_BITSTREAM_OUT_OF_MEMORY: return "out of memory";
        case VP8_ENC_ERROR_BAD_DIMENSION: return "the image is too large for WebP (16383 pixels at most)";
        case VP8_ENC_ERROR_FILE_TOO_BIG: return "the output would exceed 4 GiB";
        case VP8_ENC_ERROR_USER_ABORT: return "cancelled";
        default: return "libwebp failed";
    }
}

int keepGoing(int /*percent*/, const WebPPicture* picture) {
    const auto* flag = static_cast<const std::atomic<bool>*>(picture->user_data);
    return flag->load(std::memory_order_relaxed) ? 0 : 1;
}

void copyRows(std::uint8_t* dst, int dstStride, const std::uint8_t* src, int srcStride, int bytes, int rows) {
    for (int r = 0; r < rows; ++r) std::memcpy(dst + std::ptrdiff_t(r) * dstStride, src + std::ptrdiff_t(r) * srcStride, std::size_t(bytes));
}

// Converts strip `y` of `region` into the matching rows of `frame` (YUV(A) planes, or ARGB when lossless).
void importStrip(WebPPicture& frame, const vips::VRegion& region, int y, int rows, bool alpha) {
    const int w = frame.width;
    region.prepare(0, y, w, rows);
    const VipsPel* pixels = region.addr();
    const int stride = int(VIPS_REGION_LSKIP(region.get_region()));
    WebPPicture strip;
    if (!WebPPictureInit(&strip)) throw WebpError(WebpError::Step::Encode, "libwebp version mismatch");
    PictureGuard guard{&strip};
    strip.width = w;
    strip.height = rows;
    strip.use_argb = frame.use_argb;
    const int ok = alpha ? WebPPictureImportRGBA(&strip, pixels, stride) : WebPPictureImportRGB(&strip, pixels, stride);
    if (!ok) throw WebpError(WebpError::Step::Encode, "out of memory");
    if (frame.use_argb) {
        copyRows(reinterpret_cast<std::uint8_t*>(frame.argb + std::ptrdiff_t(y) * frame.argb_stride),
                 frame.argb_stride * 4, reinterpret_cast<const std::uint8_t*>(strip.argb), strip.argb_stride * 4,
                 w * 4, rows);
        return;
    }
    const int cw = (w + 1) / 2;
    const int crows = (rows + 1) / 2;
    copyRows(frame.y + std::ptrdiff_t(y) * frame.y_stride, frame.y_stride, strip.y, strip.y_stride, w, rows);
    copyRows(frame.u + std::ptrdiff_t(y / 2) * frame.uv_stride, frame.uv_stride, strip.u, strip.uv_stride, cw, crows);
    copyRows(frame.v + std::ptrdiff_t(y / 2) * frame.uv_stride, frame.uv_stride, strip.v, strip.uv_stride, cw, crows);
    if (frame.a) {
        // libwebp leaves out the alpha plane of a strip that is fully opaque.
        for (int r = 0; r < rows; ++r) {
            std::uint8_t* dst = frame.a + std::ptrdiff_t(y + r) * frame.a_stride;
            if (strip.a)
                std::memcpy(dst, strip.a + std::ptrdiff_t(r) * strip.a_stride, std::size_t(w));
            else
                std::memset(dst, 0xff, std::size_t(w));
        }
    }
}

// The EXIF orientation (1-8), read with libexif as libvips' own loader does; 1 when absent or unreadable.
int exifOrientation(const std::uint8_t* data, std::size_t size) {
    // The WebP container stores the bare TIFF block; libexif wants the JPEG APP1 "Exif\0\0" prefix.
    static constexpr std::uint8_t kPrefix[] = {'E', 'x', 'i', 'f', 0, 0};
    std::vector<std::uint8_t> block;
    if (size < sizeof kPrefix || std::memcmp(data, kPrefix, sizeof kPrefix) != 0) block.assign(kPrefix, kPrefix + sizeof kPrefix);
    block.insert(block.end(), data, data + size);
    std::unique_ptr<ExifData, void (*)(ExifData*)> exif(exif_data_new_from_data(block.data(), unsigned(block.size())),
                                                       exif_data_unref);
    if (!exif) return 1;
    ExifEntry* entry = exif_content_get_entry(exif->ifd[EXIF_IFD_0], EXIF_TAG_ORIENTATION);
    if (!entry || entry->format != EXIF_FORMAT_SHORT || entry->components < 1) return 1;
    const int value = exif_get_short(entry->data, exif_data_get_byte_order(exif.get()));
    return value >= 1 && value <= 8 ? value : 1;
}

std::optional<WebPData> blobOf(const VImage& image, const char* field) {
    if (image.get_typeof(field) == 0) return std::nullopt;
    const void* data = nullptr;
    size_t length = 0;
    if (vips_image_get_blob(image.get_image(), field, &data, &length) || length == 0) return std::nullopt;
    return WebPData{static_cast<const std::uint8_t*>(data), length};
}

void writeFile(const std::filesystem::path& dest, const std::uint8_t* bytes, std::size_t size) {
    std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(dest.c_str(), "wb"), &std::fclose);
    if (!file) throw WebpError(WebpError::Step::Write, fmt::format("{}: {}", dest.filename().string(), std::strerror(errno)));
    if (std::fwrite(bytes, 1, size, file.get()) != size || std::fflush(file.get()) != 0)
        throw WebpError(WebpError::Step::Write, fmt::format("{}: {}", dest.filename().string(), std::strerror(errno)));
    if (std::fclose(file.release()) != 0)
        throw WebpError(WebpError::Step::Write, fmt::format("{}: {}", dest.filename().string(), std::strerror(errno)));
}

}  // namespace

std::optional<VImage> decodeWebpStill(const std::filesystem::path& path) {
    const std::vector<std::uint8_t> bytes = readAll(path);
    WebPBitstreamFeatures features;
    if (bytes.empty() || WebPGetFeatures(bytes.data(), bytes.size(), &features) != VP8_STATUS_OK ||
        features.has_animation)
        return std::nullopt;
    const WebPData data{bytes.data(), bytes.size()};
    std::unique_ptr<WebPDemuxer, DemuxDeleter> demux(WebPDemux(&data));
    if (!demux) return std::nullopt;

    const int bands = features.has_alpha ? 4 : 3;
    VImage image(vips_image_new_memory());
    vips_image_init_fields(image.get_image(), features.width, features.height, bands, VIPS_FORMAT_UCHAR,
                           VIPS_CODING_NONE, VIPS_INTERPRETATION_sRGB, 1.0, 1.0);
    if (vips_image_write_prepare(image.get_image())) throw vips::VError();

    WebPDecoderConfig config;
    if (!WebPInitDecoderConfig(&config)) throw WebpError(WebpError::Step::Encode, "libwebp version mismatch");
    config.output.colorspace = features.has_alpha ? MODE_RGBA : MODE_RGB;
    config.output.is_external_memory = 1;
    config.output.u.RGBA.rgba = VIPS_IMAGE_ADDR(image.get_image(), 0, 0);
    config.output.u.RGBA.stride = int(VIPS_IMAGE_SIZEOF_LINE(image.get_image()));
    config.output.u.RGBA.size = std::size_t(config.output.u.RGBA.stride) * std::size_t(features.height);
    const VP8StatusCode status = WebPDecode(bytes.data(), bytes.size(), &config);
    WebPFreeDecBuffer(&config.output);
    if (status != VP8_STATUS_OK) throw WebpError(WebpError::Step::Decode, statusText(status));

    attachChunk(demux.get(), "ICCP", image.get_image(), VIPS_META_ICC_NAME);
    attachChunk(demux.get(), "XMP ", image.get_image(), VIPS_META_XMP_NAME);
    WebPChunkIterator exif;
    if (WebPDemuxGetChunk(demux.get(), "EXIF", 1, &exif)) {
        vips_image_set_blob_copy(image.get_image(), VIPS_META_EXIF_NAME, exif.chunk.bytes, exif.chunk.size);
        vips_image_set_int(image.get_image(), VIPS_META_ORIENTATION, exifOrientation(exif.chunk.bytes, exif.chunk.size));
        WebPDemuxReleaseChunkIterator(&exif);
    }
    return image;
}

bool webpEncodable(const VImage& image) {
    return image.format() == VIPS_FORMAT_UCHAR && image.bands() <= 4 &&
           image.get_typeof(VIPS_META_EXIF_NAME) == 0;
}

void encodeWebp(VImage image, const WebpSettings& settings, const std::filesystem::path& dest,
                const CancelToken& cancel) {
    if (image.bands() < 3) image = image.colourspace(VIPS_INTERPRETATION_sRGB);
    const bool alpha = image.bands() == 4;

    WebPConfig config;
    // libvips' defaults for lossless, kept so that outputs do not change with the path: quality 75 is the
    // compression effort there, method 6 the search depth.
    if (!WebPConfigPreset(&config, WEBP_PRESET_DEFAULT, settings.lossless ? 75.0f : float(settings.quality)))
        throw WebpError(WebpError::Step::Encode, "libwebp version mismatch");
    config.lossless = settings.lossless ? 1 : 0;
    config.method = settings.lossless ? 6 : 4;
    config.alpha_quality = settings.lossless ? 100 : settings.quality;
    config.use_sharp_yuv = 0;
    if (!WebPValidateConfig(&config)) throw WebpError(WebpError::Step::Encode, "invalid WebP settings");

    WebPPicture frame;
    if (!WebPPictureInit(&frame)) throw WebpError(WebpError::Step::Encode, "libwebp version mismatch");
    PictureGuard frameGuard{&frame};
    frame.width = image.width();
    frame.height = image.height();
    frame.use_argb = settings.lossless ? 1 : 0;
    frame.colorspace = alpha && !settings.lossless ? WEBP_YUV420A : WEBP_YUV420;
    if (!WebPPictureAlloc(&frame)) throw WebpError(frame.error_code == VP8_ENC_ERROR_USER_ABORT ? WebpError::Step::Cancelled : WebpError::Step::Encode, encodeErrorText(frame.error_code));

    const vips::VRegion region = vips::VRegion::new_from_image(image);
    for (int y = 0; y < frame.height; y += kStripRows) {
        if (cancel.cancelled()) throw WebpError(WebpError::Step::Cancelled, "cancelled");
        importStrip(frame, region, y, std::min(kStripRows, frame.height - y), alpha);
    }

    WebPMemoryWriter writer;
    WebPMemoryWriterInit(&writer);
    std::unique_ptr<WebPMemoryWriter, void (*)(WebPMemoryWriter*)> writerGuard(&writer, WebPMemoryWriterClear);
    frame.writer = WebPMemoryWrite;
    frame.custom_ptr = &writer;
    frame.progress_hook = keepGoing;
    frame.user_data = const_cast<std::atomic<bool>*>(cancel.flag());
    if (!WebPEncode(&config, &frame)) throw WebpError(frame.error_code == VP8_ENC_ERROR_USER_ABORT ? WebpError::Step::Cancelled : WebpError::Step::Encode, encodeErrorText(frame.error_code));

    auto icc = blobOf(image, VIPS_META_ICC_NAME);
    // A CMYK source converted to sRGB still carries its CMYK profile; like libvips' savers, leave out a
    // profile that does not describe these pixels.
    if (icc && !vips_icc_is_compatible_profile(image.get_image(), icc->bytes, icc->size)) icc.reset();
    const auto xmp = blobOf(image, VIPS_META_XMP_NAME);
    if (!icc && !xmp) {
        writeFile(dest, writer.mem, writer.size);
        return;
    }
    std::unique_ptr<WebPMux, MuxDeleter> mux(WebPMuxNew());
    const WebPData bitstream{writer.mem, writer.size};
    if (!mux || WebPMuxSetImage(mux.get(), &bitstream, 0) != WEBP_MUX_OK ||
        (icc && WebPMuxSetChunk(mux.get(), "ICCP", &*icc, 0) != WEBP_MUX_OK) ||
        (xmp && WebPMuxSetChunk(mux.get(), "XMP ", &*xmp, 0) != WEBP_MUX_OK))
        throw WebpError(WebpError::Step::Encode, "cannot attach the metadata");
    WebPData assembled;
    WebPDataInit(&assembled);
    if (WebPMuxAssemble(mux.get(), &assembled) != WEBP_MUX_OK) throw WebpError(WebpError::Step::Encode, "cannot attach the metadata");
    std::unique_ptr<WebPData, void (*)(WebPData*)> assembledGuard(&assembled, WebPDataClear);
    writeFile(dest, assembled.bytes, assembled.size);
}

}  // namespace imgopt
