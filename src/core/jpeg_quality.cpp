#include "jpeg_quality.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <fstream>
#include <vector>

namespace imgopt {
namespace {

// ITU-T T.81 Annex K, tables K.1 and K.2, in natural (row-major) order.
constexpr std::array<int, 64> kLuma = {16, 11, 10, 16, 24,  40,  51,  61,  12, 12, 14, 19, 26,  58,  60,  55,
                                       14, 13, 16, 24, 40,  57,  69,  56,  14, 17, 22, 29, 51,  87,  80,  62,
                                       18, 22, 37, 56, 68,  109, 103, 77,  24, 35, 55, 64, 81,  104, 113, 92,
                                       49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99};
constexpr std::array<int, 64> kChroma = {17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99,
                                         24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99, 99, 99, 99, 99, 99,
                                         99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
                                         99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99};

// DQT stores its 64 values in zig-zag order; entry k of the segment is natural position kZigzag[k].
constexpr std::array<int, 64> kZigzag = {0,  1,  8,  16, 9,  2,  3,  10, 17, 24, 32, 25, 18, 11, 4,  5,
                                         12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6,  7,  14, 21, 28,
                                         35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
                                         58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63};

// Segments read before giving up on finding the first scan (a real header has a few dozen).
constexpr int kMaxSegments = 4096;

using Table = std::array<int, 64>;

struct Header {
    std::array<std::optional<Table>, 4> tables;  // by table id, natural order
    std::array<int, 4> tableOfComponent = {0, 1, 1, 1};
    int components = 0;
};

// libjpeg's jpeg_quality_scaling and jpeg_add_quant_table with force_baseline.
int scaled(int base, int quality) {
    const int scale = quality < 50 ? 5000 / quality : 200 - 2 * quality;
    const int v = (base * scale + 50) / 100;
    return v < 1 ? 1 : (v > 255 ? 255 : v);
}

void readDqt(const std::uint8_t* p, std::size_t n, Header& h) {
    std::size_t i = 0;
    while (i < n) {
        const int precision = p[i] >> 4, id = p[i] & 0x0f;
        ++i;
        const std::size_t width = precision ? 2 : 1;
        if (id > 3 || i + 64 * width > n) return;
        Table t{};
        for (int k = 0; k < 64; ++k, i += width)
            t[std::size_t(kZigzag[std::size_t(k)])] = precision ? (p[i] << 8) | p[i + 1] : p[i];
        h.tables[std::size_t(id)] = t;
    }
}

// Which table each component uses: luma's and the first chroma component's are the ones compared.
void readSof(const std::uint8_t* p, std::size_t n, Header& h) {
    if (n < 6) return;
    h.components = p[5];
    for (int c = 0; c < std::min(h.components, 4) && 6 + 3 * std::size_t(c) + 2 < n; ++c)
        h.tableOfComponent[std::size_t(c)] = p[6 + 3 * c + 2] & 0x03;
}

bool isSof(int marker) {
    return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
}

// Walks the segments up to the first scan. False when the bytes are no JPEG.
bool parse(std::span<const std::uint8_t> b, Header& h) {
    if (b.size() < 4 || b[0] != 0xff || b[1] != 0xd8) return false;
    std::size_t i = 2;
    while (i + 4 <= b.size()) {
        if (b[i] != 0xff) return false;
        const int marker = b[i + 1];
        if (marker == 0xff) {  // fill byte
            ++i;
            continue;
        }
        if (marker == 0xda || marker == 0xd9) return true;  // start of scan, end of image
        if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
            i += 2;
            continue;
        }
        const std::size_t length = std::size_t(b[i + 2]) << 8 | b[i + 3];
        if (length < 2 || i + 2 + length > b.size()) return true;  // truncated: use what was read
        const std::uint8_t* payload = b.data() + i + 4;
        if (marker == 0xdb) readDqt(payload, length - 2, h);
        if (isSof(marker)) readSof(payload, length - 2, h);
        i += 2 + length;
    }
    return true;
}

// Summed distance of the file's tables to libjpeg's tables at `quality`; luma and the first chroma table.
long distance(const Table* luma, const Table* chroma, int quality) {
    long d = 0;
    for (std::size_t k = 0; k < 64; ++k) {
        if (luma) d += std::labs(long((*luma)[k]) - scaled(kLuma[k], quality));
        if (chroma) d += std::labs(long((*chroma)[k]) - scaled(kChroma[k], quality));
    }
    return d;
}

}  // namespace

std::optional<JpegTables> estimateJpegQuality(std::span<const std::uint8_t> bytes) {
    Header h;
    if (!parse(bytes, h)) return std::nullopt;
    const auto& lumaTable = h.tables[std::size_t(h.tableOfComponent[0])];
    const auto& chromaTable = h.tables[std::size_t(h.tableOfComponent[1])];
    const Table* luma = lumaTable ? &*lumaTable : nullptr;
    const Table* chroma =
        h.components >= 3 && chromaTable && chromaTable != lumaTable ? &*chromaTable : nullptr;
    if (!luma) return std::nullopt;
    JpegTables out;
    long best = -1;
    for (int q = 1; q <= 100; ++q) {
        const long d = distance(luma, chroma, q);
        // Ties go to the higher quality: a cap must never be below what the file really holds.
        if (best < 0 || d <= best) {
            best = d;
            out.quality = q;
        }
    }
    out.exact = best == 0;
    return out;
}

std::optional<JpegTables> estimateJpegQuality(const std::filesystem::path& file) {
    // Only the tables and the frame header are read; other segments (EXIF, XMP, previews: megabytes in some
    // files) are skipped over. The kept bytes form a smaller JPEG header for the parser above.
    std::ifstream in(file, std::ios::binary);
    std::vector<std::uint8_t> kept = {0xff, 0xd8};
    unsigned char head[4];
    if (!in.read(reinterpret_cast<char*>(head), 2) || head[0] != 0xff || head[1] != 0xd8) return std::nullopt;
    for (int segments = 0; segments < kMaxSegments && in.read(reinterpret_cast<char*>(head), 4); ++segments) {
        if (head[0] != 0xff) return std::nullopt;
        const int marker = head[1];
        if (marker == 0xda || marker == 0xd9) break;
        const std::size_t length = std::size_t(head[2]) << 8 | head[3];
        if (length < 2) return std::nullopt;
        if (marker != 0xdb && !isSof(marker)) {
            in.seekg(std::streamoff(length - 2), std::ios::cur);
            continue;
        }
        const std::size_t at = kept.size();
        kept.insert(kept.end(), head, head + 4);
        kept.resize(at + 2 + length);
        if (!in.read(reinterpret_cast<char*>(kept.data() + at + 4), std::streamsize(length - 2))) break;
    }
    kept.insert(kept.end(), {0xff, 0xd9});
    return estimateJpegQuality(std::span<const std::uint8_t>(kept));
}

}  // namespace imgopt
