#include "header_reader.hpp"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <functional>
#include <vips/vips8>

#include "vips_errors.hpp"
#include "vips_runtime.hpp"

namespace imgopt {
namespace {

int bytesPerSample(VipsBandFormat f) {
    switch (f) {
        case VIPS_FORMAT_UCHAR:
        case VIPS_FORMAT_CHAR:
            return 1;
        case VIPS_FORMAT_USHORT:
        case VIPS_FORMAT_SHORT:
            return 2;
        case VIPS_FORMAT_DOUBLE:
        case VIPS_FORMAT_COMPLEX:
            return 8;
        case VIPS_FORMAT_DPCOMPLEX:
            return 16;
        default:
            return 4;
    }
}

// Generic HEIF brands (mif1, msf1) hold HEVC or AV1; the decoder says which.
ImageFormat heifKind(ImageFormat sniffed, const vips::VImage& image) {
    if (sniffed == ImageFormat::Avif) return ImageFormat::Avif;
    if (image.get_typeof("heif-compression") != 0) {
        const char* c = image.get_string("heif-compression");
        if (c && std::strcmp(c, "av1") == 0) return ImageFormat::Avif;
    }
    return ImageFormat::Heif;
}

std::string notAnImage() {
    const auto formats = allFormats();
    std::string names;
    for (std::size_t i = 0; i < formats.size(); ++i)
        names += (i == 0                    ? ""
                  : i + 1 == formats.size() ? " or "
                                            : ", ") +
                 std::string(formats[i].displayName);
    return fmt::format("not an image ImgOpt can read (expected {} content)", names);
}

Status checkFile(const std::filesystem::path& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        return fail(ErrorCode::InputUnreadable,
                    errno == ENOENT ? std::string("file not found")
                                    : fmt::format("cannot read file: {}", std::strerror(errno)));
    if (!S_ISREG(st.st_mode)) return fail(ErrorCode::InputUnreadable, "not a regular file");
    if (st.st_size == 0) return fail(ErrorCode::InputDamaged, "empty file (0 bytes)");
    return {};
}

void fillFromImage(ImageHeader& h, const vips::VImage& image) {
    h.width = image.width();
    h.height = image.height();
    h.bands = image.bands();
    h.bytesPerSample = bytesPerSample(image.format());
    if (image.get_typeof("n-pages") != 0) h.pages = std::max(1, image.get_int("n-pages"));
    if (image.get_typeof(VIPS_META_ORIENTATION) != 0)
        h.orientation = std::clamp(image.get_int(VIPS_META_ORIENTATION), 1, 8);
    h.interpretation = vips_enum_nick(VIPS_TYPE_INTERPRETATION, image.interpretation());
    h.hasAlpha = image.has_alpha();
}

// Reads the header from whichever of a source or a buffer the caller has, with the sniffed format's own
// loader.
Expected<ImageHeader> headerFrom(std::string_view head, const char* variant,
                                 const std::function<void(vips::VOption*)>& input) {
    const ImageFormat sniffed = formatFromContent(head);
    if (sniffed == ImageFormat::Unknown) return fail(ErrorCode::InputUnsupported, notAnImage());
    ImageHeader h;
    h.format = sniffed;
    h.loader = std::string(formatInfo(sniffed).loader) + variant;
    const VipsCall call;  // libvips' text of a failure is kept only when it is certainly this read's
    try {
        // Only the header is parsed here; pixels are decoded when the task runs.
        vips::VImage image;
        auto* options = vips::VImage::option()->set("access", VIPS_ACCESS_SEQUENTIAL)->set("out", &image);
        input(options);
        vips::VImage::call(h.loader.c_str(), options);
        fillFromImage(h, image);
        if (h.format == ImageFormat::Heif || h.format == ImageFormat::Avif)
            h.format = heifKind(sniffed, image);
    } catch (const vips::VError&) {
        const std::string detail = takeVipsError();
        return fail(ErrorCode::InputDamaged,
                    fmt::format("cannot read the {} header: the file is damaged or truncated",
                                formatInfo(h.format).name) +
                        (detail.empty() ? "" : fmt::format(" ({})", detail.substr(0, detail.find("; ")))));
    }
    if (h.width < 1 || h.height < 1) return fail(ErrorCode::InputDamaged, "the header gives no image size");
    return h;
}

std::string_view sniffedHead(vips::VSource& source) {
    unsigned char* head = nullptr;
    const gint64 got = vips_source_sniff_at_most(source.get_source(), &head, kSniffBytes);
    return got > 0 ? std::string_view(reinterpret_cast<const char*>(head), std::size_t(got))
                   : std::string_view();
}

}  // namespace

// The file is opened once (openSource says why that matters), its format told from its first bytes by the
// registry's sniffers, and the header read by that format's own loader. libvips' own search tried each of its
// sixty loaders' sniffers in turn, a tenth of the work for a small image.
Expected<ImageHeader> readHeader(const std::filesystem::path& path) {
    if (auto ok = checkFile(path); !ok) return Unexpected(std::move(ok).error());
    auto opened = openSource(path);
    if (!opened) return Unexpected(std::move(opened).error());
    vips::VSource& source = *opened;
    return headerFrom(sniffedHead(source), "_source", [&](vips::VOption* o) { o->set("source", source); });
}

Expected<ImageHeader> readHeader(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return fail(ErrorCode::InputDamaged, "empty file (0 bytes)");
    // The blob borrows the bytes; the header is read before this returns.
    VipsBlob* blob = vips_blob_new(nullptr, data, size);
    const auto result =
        headerFrom(std::string_view(reinterpret_cast<const char*>(data), std::min(size, kSniffBytes)),
                   "_buffer", [&](vips::VOption* o) { o->set("buffer", blob); });
    vips_area_unref(VIPS_AREA(blob));
    return result;
}

Status decodesCompletely(const std::filesystem::path& path) {
    auto opened = openSource(path);
    if (!opened) return Unexpected(std::move(opened).error());
    vips::VSource& source = *opened;
    const ImageFormat format = formatFromContent(sniffedHead(source));
    if (format == ImageFormat::Unknown) return fail(ErrorCode::InputUnsupported, notAnImage());
    const VipsCall call;
    try {
        vips::VImage image;
        vips::VImage::call((std::string(formatInfo(format).loader) + "_source").c_str(),
                           vips::VImage::option()
                               ->set("source", source)
                               ->set("access", VIPS_ACCESS_SEQUENTIAL)
                               ->set("fail_on", VIPS_FAIL_ON_WARNING)
                               ->set("out", &image));
        (void)image.avg();
    } catch (const vips::VError&) {
        const std::string detail = takeVipsError();
        return fail(ErrorCode::InputDamaged, "it does not decode" + (detail.empty() ? "" : ": " + detail));
    }
    return {};
}

}  // namespace imgopt
