#include "webp_codec.hpp"

#include <fmt/format.h>
#include <libexif/exif-data.h>
#include <webp/decode.h>
#include <webp/demux.h>
#include <webp/encode.h>
#include <webp/mux.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <memory>
#include <vector>

#include "c_handle.hpp"
#include "vips_errors.hpp"
#include "vips_runtime.hpp"

namespace imgopt {
namespace {

using vips::VImage;

// Rows are converted to YUV kStripRows at a time (vips_runtime.hpp): an even number, so that each strip
// covers whole 2x2 chroma blocks and the result is bit-identical to converting the frame at once.
static_assert(kStripRows % 2 == 0);

// Lossy qualities up to this one code the alpha plane without a prediction filter (configFor() says why).
constexpr int kUnfilteredAlphaQuality = 80;

Unexpected<Error> encodeError(std::string message) {
    return fail(ErrorCode::OutputFailed, "WebP: " + message);
}

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

void attachChunk(WebPDemuxer* demux, const char* fourcc, VipsImage* image, const char* field) {
    WebPChunkIterator it;
    if (!WebPDemuxGetChunk(demux, fourcc, 1, &it)) return;
    const Handle<WebPChunkIterator, WebPDemuxReleaseChunkIterator> release(&it);
    vips_image_set_blob_copy(image, field, it.chunk.bytes, it.chunk.size);
}

const char* statusText(VP8StatusCode status) {
    switch (status) {
        case VP8_STATUS_NOT_ENOUGH_DATA:
            return "the file is truncated";
        case VP8_STATUS_BITSTREAM_ERROR:
            return "the bitstream is damaged";
        case VP8_STATUS_OUT_OF_MEMORY:
            return "out of memory";
        case VP8_STATUS_UNSUPPORTED_FEATURE:
            return "it uses an unsupported feature";
        default:
            return "the data is invalid";
    }
}

Unexpected<Error> pictureError(const WebPPicture& picture) {
    switch (picture.error_code) {
        case VP8_ENC_ERROR_USER_ABORT:
            return fail(ErrorCode::Cancelled, "cancelled");
        case VP8_ENC_ERROR_OUT_OF_MEMORY:
        case VP8_ENC_ERROR_BITSTREAM_OUT_OF_MEMORY:
            return encodeError("out of memory");
        case VP8_ENC_ERROR_BAD_DIMENSION:
            return encodeError("the image is too large (16383 pixels at most)");
        case VP8_ENC_ERROR_FILE_TOO_BIG:
            return encodeError("the output would exceed 4 GiB");
        default:
            return encodeError("libwebp failed");
    }
}

int keepGoing(int /*percent*/, const WebPPicture* picture) {
    return static_cast<const CancelToken*>(picture->user_data)->cancelled() ? 0 : 1;
}

void copyRows(std::uint8_t* dst, int dstStride, const std::uint8_t* src, int srcStride, int bytes, int rows) {
    for (int r = 0; r < rows; ++r)
        std::memcpy(dst + std::ptrdiff_t(r) * dstStride, src + std::ptrdiff_t(r) * srcStride,
                    std::size_t(bytes));
}

void copyYuvStrip(WebPPicture& frame, const WebPPicture& strip, int y, int rows) {
    const int w = frame.width;
    const int cw = (w + 1) / 2;
    const int crows = (rows + 1) / 2;
    copyRows(frame.y + std::ptrdiff_t(y) * frame.y_stride, frame.y_stride, strip.y, strip.y_stride, w, rows);
    copyRows(frame.u + std::ptrdiff_t(y / 2) * frame.uv_stride, frame.uv_stride, strip.u, strip.uv_stride, cw,
             crows);
    copyRows(frame.v + std::ptrdiff_t(y / 2) * frame.uv_stride, frame.uv_stride, strip.v, strip.uv_stride, cw,
             crows);
    if (!frame.a) return;
    // libwebp leaves out the alpha plane of a strip that is fully opaque.
    for (int r = 0; r < rows; ++r) {
        std::uint8_t* dst = frame.a + std::ptrdiff_t(y + r) * frame.a_stride;
        if (strip.a)
            std::memcpy(dst, strip.a + std::ptrdiff_t(r) * strip.a_stride, std::size_t(w));
        else
            std::memset(dst, 0xff, std::size_t(w));
    }
}

// Converts strip `y` of `region` into the matching rows of `frame` (YUV(A) planes, or ARGB when lossless).
// Throws vips::VError when the pipeline behind the region fails.
Status importStrip(WebPPicture& frame, const vips::VRegion& region, int y, bool alpha) {
    const int w = frame.width;
    const Strip input = readStrip(region, y);
    const int stride = int(input.stride);
    WebPPicture strip;
    if (!WebPPictureInit(&strip)) return encodeError("libwebp version mismatch");
    const Handle<WebPPicture, WebPPictureFree> release(&strip);
    strip.width = w;
    strip.height = input.rows;
    strip.use_argb = frame.use_argb;
    const int ok = alpha ? WebPPictureImportRGBA(&strip, input.pixels, stride)
                         : WebPPictureImportRGB(&strip, input.pixels, stride);
    if (!ok) return encodeError("out of memory");
    if (frame.use_argb)
        copyRows(reinterpret_cast<std::uint8_t*>(frame.argb + std::ptrdiff_t(y) * frame.argb_stride),
                 frame.argb_stride * 4, reinterpret_cast<const std::uint8_t*>(strip.argb),
                 strip.argb_stride * 4, w * 4, input.rows);
    else
        copyYuvStrip(frame, strip, y, input.rows);
    return {};
}

// The EXIF orientation (1-8), read with libexif as libvips' own loader does; 1 when absent or unreadable.
int exifOrientation(const std::uint8_t* data, std::size_t size) {
    // The WebP container stores the bare TIFF block; libexif wants the JPEG APP1 "Exif\0\0" prefix.
    static constexpr std::uint8_t kPrefix[] = {'E', 'x', 'i', 'f', 0, 0};
    std::vector<std::uint8_t> block;
    if (size < sizeof kPrefix || std::memcmp(data, kPrefix, sizeof kPrefix) != 0)
        block.assign(kPrefix, kPrefix + sizeof kPrefix);
    block.insert(block.end(), data, data + size);
    const Handle<ExifData, exif_data_unref> exif(
        exif_data_new_from_data(block.data(), unsigned(block.size())));
    if (!exif) return 1;
    ExifEntry* entry = exif_content_get_entry(exif->ifd[EXIF_IFD_0], EXIF_TAG_ORIENTATION);
    if (!entry || entry->format != EXIF_FORMAT_SHORT || entry->components < 1) return 1;
    const int value = exif_get_short(entry->data, exif_data_get_byte_order(exif.get()));
    return value >= 1 && value <= 8 ? value : 1;
}

std::optional<WebPData> asWebPData(std::optional<std::span<const std::uint8_t>> blob) {
    if (!blob) return std::nullopt;
    return WebPData{blob->data(), blob->size()};
}

// Decodes into `image`'s memory; InputDamaged when libwebp refuses the bitstream.
Status decodeInto(const std::vector<std::uint8_t>& bytes, const WebPBitstreamFeatures& features,
                  VipsImage* image) {
    WebPDecoderConfig config;
    if (!WebPInitDecoderConfig(&config)) return fail(ErrorCode::Internal, "libwebp version mismatch");
    config.output.colorspace = features.has_alpha ? MODE_RGBA : MODE_RGB;
    config.output.is_external_memory = 1;
    config.output.u.RGBA.rgba = VIPS_IMAGE_ADDR(image, 0, 0);
    config.output.u.RGBA.stride = int(VIPS_IMAGE_SIZEOF_LINE(image));
    config.output.u.RGBA.size = std::size_t(config.output.u.RGBA.stride) * std::size_t(features.height);
    const Handle<WebPDecBuffer, WebPFreeDecBuffer> release(&config.output);
    const VP8StatusCode status = WebPDecode(bytes.data(), bytes.size(), &config);
    if (status != VP8_STATUS_OK)
        return fail(ErrorCode::InputDamaged,
                    fmt::format("cannot decode this webp image: the data is damaged or truncated ({})",
                                statusText(status)));
    return {};
}

void attachMetadata(WebPDemuxer* demux, VipsImage* image) {
    attachChunk(demux, "ICCP", image, VIPS_META_ICC_NAME);
    attachChunk(demux, "XMP ", image, VIPS_META_XMP_NAME);
    WebPChunkIterator exif;
    if (!WebPDemuxGetChunk(demux, "EXIF", 1, &exif)) return;
    const Handle<WebPChunkIterator, WebPDemuxReleaseChunkIterator> release(&exif);
    vips_image_set_blob_copy(image, VIPS_META_EXIF_NAME, exif.chunk.bytes, exif.chunk.size);
    vips_image_set_int(image, VIPS_META_ORIENTATION, exifOrientation(exif.chunk.bytes, exif.chunk.size));
}

using Bytes = std::vector<std::uint8_t>;

Bytes copied(const std::uint8_t* data, std::size_t size) { return Bytes(data, data + size); }

// The encoded bitstream with the ICC profile and XMP that `image` carries.
Expected<Bytes> withMetadata(const VImage& image, const WebPMemoryWriter& writer) {
    const auto icc = asWebPData(pixelsProfile(image));
    const auto xmp = asWebPData(imageBlob(image, VIPS_META_XMP_NAME));
    if (!icc && !xmp) return copied(writer.mem, writer.size);
    const Handle<WebPMux, WebPMuxDelete> mux(WebPMuxNew());
    const WebPData bitstream{writer.mem, writer.size};
    if (!mux || WebPMuxSetImage(mux.get(), &bitstream, 0) != WEBP_MUX_OK ||
        (icc && WebPMuxSetChunk(mux.get(), "ICCP", &*icc, 0) != WEBP_MUX_OK) ||
        (xmp && WebPMuxSetChunk(mux.get(), "XMP ", &*xmp, 0) != WEBP_MUX_OK))
        return encodeError("cannot attach the metadata");
    WebPData assembled;
    WebPDataInit(&assembled);
    const Handle<WebPData, WebPDataClear> release(&assembled);
    if (WebPMuxAssemble(mux.get(), &assembled) != WEBP_MUX_OK)
        return encodeError("cannot attach the metadata");
    return copied(assembled.bytes, assembled.size);
}

WebPConfig configFor(const WebpSettings& settings) {
    WebPConfig config;
    // libvips' defaults for lossless, kept so that outputs do not change with the path: quality 75 is the
    // compression effort there, method 6 the search depth.
    WebPConfigPreset(&config, WEBP_PRESET_DEFAULT, settings.lossless ? 75.0f : float(settings.quality));
    config.lossless = settings.lossless ? 1 : 0;
    config.method = settings.lossless ? 6 : 4;
    config.alpha_quality = settings.lossless ? 100 : settings.quality;
    // At alpha quality 80 or less libwebp quantises the alpha plane to at most 96 levels, and its `fast`
    // filter choice (the default) then encoded the plane a second time, unfiltered, and kept that: same bytes
    // on every transparent image measured, in up to a third less time (docs/presets.md, "WebP alpha").
    config.alpha_filtering = settings.quality <= kUnfilteredAlphaQuality ? 0 : 1;
    config.use_sharp_yuv = 0;
    return config;
}

// Everything after the pixels are known to be 8-bit RGB(A); throws vips::VError from the pixel pull.
Expected<Bytes> encodeFrame(const VImage& image, const WebpSettings& settings, CancelToken& cancel) {
    const bool alpha = image.bands() == 4;
    const WebPConfig config = configFor(settings);
    if (!WebPValidateConfig(&config)) return encodeError("invalid settings");
    WebPPicture frame;
    if (!WebPPictureInit(&frame)) return encodeError("libwebp version mismatch");
    const Handle<WebPPicture, WebPPictureFree> releaseFrame(&frame);
    frame.width = image.width();
    frame.height = image.height();
    frame.use_argb = settings.lossless ? 1 : 0;
    frame.colorspace = alpha && !settings.lossless ? WEBP_YUV420A : WEBP_YUV420;
    if (!WebPPictureAlloc(&frame)) return pictureError(frame);

    const vips::VRegion region = vips::VRegion::new_from_image(image);
    for (int y = 0; y < frame.height; y += kStripRows) {
        if (cancel.cancelled()) return fail(ErrorCode::Cancelled, "cancelled");
        if (auto s = importStrip(frame, region, y, alpha); !s) return Unexpected(std::move(s).error());
    }
    WebPMemoryWriter writer;
    WebPMemoryWriterInit(&writer);
    const Handle<WebPMemoryWriter, WebPMemoryWriterClear> releaseWriter(&writer);
    frame.writer = WebPMemoryWrite;
    frame.custom_ptr = &writer;
    frame.progress_hook = keepGoing;
    frame.user_data = &cancel;
    if (!WebPEncode(&config, &frame)) return pictureError(frame);
    return withMetadata(image, writer);
}

}  // namespace

Expected<std::optional<VImage>> decodeWebpStill(const std::filesystem::path& path) {
    const std::vector<std::uint8_t> bytes = readAll(path);
    WebPBitstreamFeatures features;
    if (bytes.empty() || WebPGetFeatures(bytes.data(), bytes.size(), &features) != VP8_STATUS_OK ||
        features.has_animation)
        return std::optional<VImage>();
    const WebPData data{bytes.data(), bytes.size()};
    const Handle<WebPDemuxer, WebPDemuxDelete> demux(WebPDemux(&data));
    if (!demux) return std::optional<VImage>();

    VImage image(vips_image_new_memory());
    vips_image_init_fields(image.get_image(), features.width, features.height, features.has_alpha ? 4 : 3,
                           VIPS_FORMAT_UCHAR, VIPS_CODING_NONE, VIPS_INTERPRETATION_sRGB, 1.0, 1.0);
    if (vips_image_write_prepare(image.get_image()))
        return fail(ErrorCode::Internal, "cannot allocate the decoded frame: " + takeVipsError());
    if (auto decoded = decodeInto(bytes, features, image.get_image()); !decoded)
        return Unexpected(std::move(decoded).error());
    attachMetadata(demux.get(), image.get_image());
    return std::optional<VImage>(image);
}

bool webpEncodable(const VImage& image) {
    return image.format() == VIPS_FORMAT_UCHAR && image.bands() <= 4 &&
           image.get_typeof(VIPS_META_EXIF_NAME) == 0;
}

Expected<Bytes> encodeWebp(VImage image, const WebpSettings& settings, const CancelToken& cancel) {
    CancelToken token = cancel;  // a copy shares the flag; libwebp's hook gets its address
    try {
        if (image.bands() < 3) image = image.colourspace(VIPS_INTERPRETATION_sRGB);
        return encodeFrame(image, settings, token);
    } catch (const vips::VError&) {
        return sourcePixelsFailure(token.cancelled());
    }
}

}  // namespace imgopt
