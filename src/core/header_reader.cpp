#include "header_reader.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <fstream>
#include <fmt/format.h>
#include <vips/vips8>

#include "vips_errors.hpp"
#include "vips_runtime.hpp"

namespace imgopt {
namespace {

int bytesPerSample(VipsBandFormat f) {
    switch (f) {
        case VIPS_FORMAT_UCHAR:
        case VIPS_FORMAT_CHAR: return 1;
        case VIPS_FORMAT_USHORT:
        case VIPS_FORMAT_SHORT: return 2;
        case VIPS_FORMAT_DOUBLE:
        case VIPS_FORMAT_COMPLEX: return 8;
        case VIPS_FORMAT_DPCOMPLEX: return 16;
        default: return 4;
    }
}

// heifload reads HEIC and AVIF alike; the ISO-BMFF brand says which one the file is.
ImageFormat heifKind(const std::filesystem::path& path, const vips::VImage& image) {
    std::array<char, 12> head{};
    std::ifstream in(path, std::ios::binary);
    in.read(head.data(), head.size());
    if (in.gcount() == 12 && std::memcmp(head.data() + 4, "ftyp", 4) == 0) {
        const std::string brand(head.data() + 8, 4);
        if (brand == "avif" || brand == "avis") return ImageFormat::Avif;
        if (brand == "heic" || brand == "heix" || brand == "hevc" || brand == "hevx") return ImageFormat::Heif;
    }
    if (image.get_typeof("heif-compression") != 0) {
        const char* c = image.get_string("heif-compression");
        if (c && std::strcmp(c, "av1") == 0) return ImageFormat::Avif;
    }
    return ImageFormat::Heif;
}

const char* kNotImage = "not an image ImgOpt can read (expected JPEG, PNG, WebP, AVIF, HEIC, TIFF or GIF content)";

}  // namespace

Expected<ImageHeader> readHeader(const std::filesystem::path& path) {
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(status)) return fail(ErrorCode::InputUnreadable, "file not found");
    if (!std::filesystem::is_regular_file(status)) return fail(ErrorCode::InputUnreadable, "not a regular file");
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) return fail(ErrorCode::InputUnreadable, fmt::format("cannot read file: {}", ec.message()));
    if (size == 0) return fail(ErrorCode::InputDamaged, "empty file (0 bytes)");
    {
        std::ifstream probe(path, std::ios::binary);
        if (!probe) return fail(ErrorCode::InputUnreadable, "cannot open file for reading (permission denied?)");
    }

    const std::string loader = findLoader(path.string());
    if (loader.empty()) return fail(ErrorCode::InputUnsupported, kNotImage);
    ImageHeader h;
    h.loader = loader;
    h.format = formatFromLoader(h.loader);
    if (h.format == ImageFormat::Unknown) return fail(ErrorCode::InputUnsupported, kNotImage);

    const VipsCall call;
    try {
        // Opening is lazy: only the header is parsed here.
        auto image = vips::VImage::new_from_file(
            path.c_str(), vips::VImage::option()->set("access", VIPS_ACCESS_SEQUENTIAL));
        h.width = image.width();
        h.height = image.height();
        h.bands = image.bands();
        h.bytesPerSample = bytesPerSample(image.format());
        if (image.get_typeof("n-pages") != 0) h.pages = std::max(1, image.get_int("n-pages"));
        if (image.get_typeof(VIPS_META_ORIENTATION) != 0)
            h.orientation = std::clamp(image.get_int(VIPS_META_ORIENTATION), 1, 8);
        h.interpretation = vips_enum_nick(VIPS_TYPE_INTERPRETATION, image.interpretation());
        h.hasAlpha = image.has_alpha();
        if (h.format == ImageFormat::Heif) h.format = heifKind(path, image);
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

}  // namespace imgopt
