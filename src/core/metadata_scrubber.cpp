#include "metadata_scrubber.hpp"

#include <libexif/exif-data.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "c_handle.hpp"

namespace imgopt {
namespace {

using Bytes = std::vector<std::uint8_t>;

std::uint32_t le32(const unsigned char* p) {
    return p[0] | (p[1] << 8) | (p[2] << 16) | (std::uint32_t(p[3]) << 24);
}
void putLe32(unsigned char* p, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) p[i] = static_cast<unsigned char>(v >> (8 * i));
}

// JPEG: drop APP1 segments that hold "Exif\0\0"; everything from the first SOS on is copied unchanged.
bool scrubJpeg(const Bytes& in, Bytes& out) {
    if (in.size() < 4 || in[0] != 0xFF || in[1] != 0xD8) return false;
    out.assign(in.begin(), in.begin() + 2);
    std::size_t pos = 2;
    while (pos + 4 <= in.size()) {
        if (in[pos] != 0xFF) return false;
        const unsigned char marker = in[pos + 1];
        if (marker == 0xDA) break;  // start of scan: the rest is entropy-coded data
        const std::size_t len = (std::size_t(in[pos + 2]) << 8) | in[pos + 3];
        if (len < 2 || pos + 2 + len > in.size()) return false;
        const bool exif = marker == 0xE1 && len >= 8 && std::memcmp(&in[pos + 4], "Exif\0\0", 6) == 0;
        if (!exif)
            out.insert(out.end(), in.begin() + std::ptrdiff_t(pos),
                       in.begin() + std::ptrdiff_t(pos + 2 + len));
        pos += 2 + len;
    }
    out.insert(out.end(), in.begin() + std::ptrdiff_t(pos), in.end());
    return true;
}

// WebP (RIFF): drop the EXIF chunk and clear the EXIF bit of the VP8X header.
bool scrubWebp(const Bytes& in, Bytes& out) {
    if (in.size() < 12 || std::memcmp(in.data(), "RIFF", 4) != 0 ||
        std::memcmp(in.data() + 8, "WEBP", 4) != 0)
        return false;
    out.assign(in.begin(), in.begin() + 12);
    std::size_t pos = 12;
    while (pos + 8 <= in.size()) {
        const std::uint32_t size = le32(&in[pos + 4]);
        const std::size_t total = 8 + std::size_t(size) + (size & 1);
        if (pos + 8 + size > in.size()) return false;
        const bool exif = std::memcmp(&in[pos], "EXIF", 4) == 0;
        if (!exif) {
            const std::size_t start = out.size();
            out.insert(out.end(), in.begin() + std::ptrdiff_t(pos),
                       in.begin() + std::ptrdiff_t(std::min(in.size(), pos + total)));
            if (std::memcmp(&in[pos], "VP8X", 4) == 0 && size >= 1)
                out[start + 8] &= static_cast<unsigned char>(~0x08);
        }
        pos += total;
    }
    putLe32(&out[4], std::uint32_t(out.size() - 8));
    return true;
}

}  // namespace

Expected<Bytes> removeExif(Bytes in, ImageFormat format) {
    if (format != ImageFormat::Jpeg && format != ImageFormat::Webp) return in;
    Bytes out;
    const bool ok = format == ImageFormat::Jpeg ? scrubJpeg(in, out) : scrubWebp(in, out);
    if (!ok) return fail(ErrorCode::OutputFailed, "the encoder's output could not be parsed to remove EXIF");
    return out;
}

Expected<Bytes> uprightExif(const std::uint8_t* data, std::size_t size) {
    static constexpr std::uint8_t kPrefix[] = {'E', 'x', 'i', 'f', 0, 0};
    const bool prefixed = size >= sizeof kPrefix && std::memcmp(data, kPrefix, sizeof kPrefix) == 0;
    Bytes block;
    if (!prefixed) block.assign(kPrefix, kPrefix + sizeof kPrefix);  // libexif reads the APP1 form
    block.insert(block.end(), data, data + size);
    const Handle<ExifData, exif_data_unref> exif(
        exif_data_new_from_data(block.data(), unsigned(block.size())));
    if (!exif) return fail(ErrorCode::OutputFailed, "the image's EXIF block cannot be parsed");
    ExifEntry* entry = exif_content_get_entry(exif->ifd[EXIF_IFD_0], EXIF_TAG_ORIENTATION);
    if (!entry) return Bytes(data, data + size);
    if (entry->format == EXIF_FORMAT_SHORT && entry->components >= 1)
        exif_set_short(entry->data, exif_data_get_byte_order(exif.get()), 1);
    unsigned char* saved = nullptr;
    unsigned int savedSize = 0;
    exif_data_save_data(exif.get(), &saved, &savedSize);
    const Handle<unsigned char, std::free> owned(saved);
    if (!saved || savedSize < sizeof kPrefix)
        return fail(ErrorCode::OutputFailed, "the EXIF block cannot be rewritten");
    // libexif writes the APP1 form; give the block back in the form it came in.
    const std::size_t skip = prefixed ? 0 : sizeof kPrefix;
    return Bytes(saved + skip, saved + savedSize);
}

}  // namespace imgopt
