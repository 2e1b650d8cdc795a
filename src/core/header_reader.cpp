#include "header_reader.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <cerrno>
#include <sys/stat.h>
#include <unistd.h>
#include <fmt/format.h>
#include <vips/vips8>

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

// heifload reads HEIC and AVIF alike; the ISO-BMFF brand in the first bytes says which one the file is.
ImageFormat heifKind(const unsigned char* head, const vips::VImage& image) {
    if (head && std::memcmp(head + 4, "ftyp", 4) == 0) {
        const std::string brand(reinterpret_cast<const char*>(head) + 8, 4);
        if (brand == "avif" || brand == "avis") return ImageFormat::Avif;
        if (brand == "heic" || brand == "heix" || brand == "hevc" || brand == "hevx") return ImageFormat::Heif;
    }
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
        names += (i == 0 ? "" : i + 1 == formats.size() ? " or " : ", ") + std::string(formats[i].displayName);
    return fmt::format("not an image ImgOpt can read (expected {} content)", names);
}

Status checkFile(const std::filesystem::path& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        return fail(ErrorCode::InputUnreadable,
                    errno == ENOENT ? std::string("file not found") : fmt::format("cannot read file: {}", std::strerror(errno)));
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

}  // namespace

// The file is opened once (openSource says why that matters), and the header is read from that source.
Expected<ImageHeader> readHeader(const std::filesystem::path& path) {
    if (auto ok = checkFile(path); !ok) return Unexpected(std::move(ok).error());
    auto opened = openSource(path);
    if (!opened) return Unexpected(std::move(opened).error());
    vips::VSource& source = *opened;
    VipsSource* raw = source.get_source();
    const char* loaderClass = vips_foreign_find_load_source(raw);
    const char* nick = loaderClass ? vips_nickname_find(g_type_from_name(loaderClass)) : nullptr;
    ImageHeader h;
    h.loader = nick ? nick : "";
    h.format = formatFromLoader(h.loader);
    if (h.format == ImageFormat::Unknown) {
        (void)takeVipsError();
        return fail(ErrorCode::InputUnsupported, notAnImage());
    }
    const unsigned char* head = vips_source_sniff(raw, 12);
    const bool haveHead = head != nullptr;
    std::array<unsigned char, 12> first{};
    if (haveHead) std::memcpy(first.data(), head, first.size());
    try {
        // Only the header is parsed here; pixels are decoded when the task runs.
        auto image = vips::VImage::new_from_source(source, "",
                                                   vips::VImage::option()->set("access", VIPS_ACCESS_SEQUENTIAL));
        fillFromImage(h, image);
        if (h.format == ImageFormat::Heif) h.format = heifKind(haveHead ? first.data() : nullptr, image);
    } catch (const vips::VError&) {
        const std::string detail = takeVipsErrorFor({path.string()});
        return fail(ErrorCode::InputDamaged,
                    fmt::format("cannot read the {} header: the file is damaged or truncated",
                                formatInfo(h.format).name) +
                        (detail.empty() ? "" : fmt::format(" ({})", detail.substr(0, detail.find('\n')))));
    }
    if (h.width < 1 || h.height < 1) return fail(ErrorCode::InputDamaged, "the header gives no image size");
    return h;
}

}  // namespace imgopt
