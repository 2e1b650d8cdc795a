#include "search_sample.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace imgopt {
namespace {

using vips::VImage;

constexpr int kTile = 128;
constexpr int kAlign = 64;
// Below this many times the mosaic's area, scoring the whole image costs little more than the sample.
constexpr double kMinRatio = 2.5;

int alignedOrigin(double centre, int limit) {
    const int origin = int(centre) - kTile / 2;
    return std::clamp(origin / kAlign * kAlign, 0, std::max(0, limit - kTile) / kAlign * kAlign);
}

}  // namespace

std::optional<SampleMosaic> sampleMosaic(const VImage& image, double targetPixels) {
    const double pixels = double(image.width()) * double(image.height());
    const int tiles = std::max(4, int(std::lround(targetPixels / (kTile * kTile))));
    if (pixels < kMinRatio * double(tiles) * kTile * kTile || image.width() < 2 * kTile ||
        image.height() < 2 * kTile)
        return std::nullopt;
    // A grid shaped like the image, so tiles are spread evenly in both directions.
    const double aspect = double(image.width()) / double(image.height());
    const int across =
        std::clamp(int(std::lround(std::sqrt(double(tiles) * aspect))), 1, image.width() / kTile);
    const int down = std::clamp((tiles + across - 1) / across, 1, image.height() / kTile);
    std::vector<VImage> parts;
    parts.reserve(std::size_t(across * down));
    for (int j = 0; j < down; ++j)
        for (int i = 0; i < across; ++i) {
            const int x = alignedOrigin((i + 0.5) * image.width() / across, image.width());
            const int y = alignedOrigin((j + 0.5) * image.height() / down, image.height());
            parts.push_back(image.extract_area(x, y, kTile, kTile));
        }
    SampleMosaic m;
    m.image = VImage::arrayjoin(parts, VImage::option()->set("across", across)).copy_memory();
    m.tile = kTile;
    m.fraction = double(m.image.width()) * double(m.image.height()) / pixels;
    return m;
}

}  // namespace imgopt
