#include "metadata_scrubber.hpp"

#include <cstdint>
#include <cstring>
#include <vector>

namespace imgopt {
namespace {

using Bytes = std::vector<std::uint8_t>;

std::uint32_t le32(const unsigned char* p) { return p[0] | (p[1] << 8) | (p[2] << 16) | (std::uint32_t(p[3]) << 24); }
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
        if (!exif) out.insert(out.end(), in.begin() + std::ptrdiff_t(pos), in.begin() + std::ptrdiff_t(pos + 2 + len));
        pos += 2 + len;
    }
    out.insert(out.end(), in.begin() + std::ptrdiff_t(pos), in.end());
    return true;
}

// WebP (RIFF): drop the EXIF chunk and clear the EXIF bit of the VP8X header.
bool scrubWebp(const Bytes& in, Bytes& out) {
    if (in.size() < 12 || std::memcmp(in.data(), "RIFF", 4) != 0 || std::memcmp(in.data() + 8, "WEBP", 4) != 0)
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
            if (std::memcmp(&in[pos], "VP8X", 4) == 0 && size >= 1) out[start + 8] &= static_cast<unsigned char>(~0x08);
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

}  // namespace imgopt
