#include "bench_fixtures.hpp"

#include <unistd.h>

#include <mutex>
#include <stdexcept>
#include <string>
#include <vips/vips8>

namespace imgopt::bench {
namespace {

using vips::VImage;

constexpr int kWidth = 1920;
constexpr int kHeight = 1080;

std::once_flag g_once;
Fixtures g_fixtures;
bool g_created = false;

// Smooth colour gradient, large soft blobs (blurred noise) and fine grain: compresses like a photo, not like
// pure noise (which no codec can shrink) nor like a flat gradient (which every codec shrinks to nothing).
VImage photoLike() {
    VImage xy = VImage::xyz(kWidth, kHeight);
    VImage x = xy[0] * (255.0 / kWidth);
    VImage y = xy[1] * (255.0 / kHeight);
    VImage blobs =
        VImage::gaussnoise(kWidth / 8, kHeight / 8, VImage::option()->set("sigma", 60.0)->set("mean", 0.0))
            .gaussblur(2.0)
            .resize(8.0, VImage::option()->set("kernel", VIPS_KERNEL_CUBIC));
    VImage grain = VImage::gaussnoise(kWidth, kHeight, VImage::option()->set("sigma", 6.0)->set("mean", 0.0));
    VImage r = x * 0.7 + y * 0.3 + blobs + grain;
    VImage g = y * 0.6 + 40 + blobs * 0.8 + grain;
    VImage b = (255.0 - x) * 0.5 + 30 + blobs * 0.5 + grain;
    return r.bandjoin(g)
        .bandjoin(b)
        .cast(VIPS_FORMAT_UCHAR)
        .copy(VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
}

// Flat-coloured shapes over a gradient with a soft alpha edge: what palette quantisation is made for.
VImage graphicLike() {
    VImage xy = VImage::xyz(kWidth, kHeight);
    VImage x = xy[0];
    VImage y = xy[1];
    VImage dx = x - kWidth / 2.0;
    VImage dy = y - kHeight / 2.0;
    VImage d = (dx * dx + dy * dy).pow(0.5);
    VImage ring = (d < 400.0).ifthenelse(std::vector<double>{230, 120, 40}, std::vector<double>{40, 90, 160});
    VImage bars =
        ((x / 120).cast(VIPS_FORMAT_INT) % 2 == 0).ifthenelse(std::vector<double>{250, 250, 250}, ring);
    VImage alpha = (255.0 - (d - 300.0) * 0.4).cast(VIPS_FORMAT_UCHAR);
    VImage rgb = ((y < kHeight / 3.0).ifthenelse(bars, ring)).cast(VIPS_FORMAT_UCHAR);
    return rgb.bandjoin(alpha).copy(VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
}

void create() {
    char templ[] = "/tmp/imgopt-bench-XXXXXX";
    if (!mkdtemp(templ)) throw std::runtime_error("cannot create a temporary folder");
    Fixtures f;
    f.dir = templ;
    f.photoJpeg = f.dir / "photo.jpg";
    f.photoPng = f.dir / "photo.png";
    f.photoWebp = f.dir / "photo.webp";
    f.photoAvif = f.dir / "photo.avif";
    f.graphicPng = f.dir / "graphic.png";
    try {
        // Rendered once into memory, so the five files hold exactly the same pixels.
        VImage photo = photoLike().copy_memory();
        photo.jpegsave(f.photoJpeg.c_str(), VImage::option()->set("Q", 95));
        photo.pngsave(f.photoPng.c_str(), VImage::option()->set("compression", 6));
        photo.webpsave(f.photoWebp.c_str(), VImage::option()->set("Q", 90));
        photo.heifsave(f.photoAvif.c_str(), VImage::option()
                                                ->set("Q", 90)
                                                ->set("compression", VIPS_FOREIGN_HEIF_COMPRESSION_AV1)
                                                ->set("effort", 2));
        graphicLike().pngsave(f.graphicPng.c_str(), VImage::option()->set("compression", 6));
    } catch (const vips::VError& e) {
        std::error_code ec;
        std::filesystem::remove_all(f.dir, ec);
        throw std::runtime_error(std::string("cannot generate the benchmark images: ") + e.what());
    }
    g_fixtures = f;
    g_created = true;
}

}  // namespace

const Fixtures& fixtures() {
    std::call_once(g_once, create);
    return g_fixtures;
}

const std::filesystem::path& input(int which) {
    const auto& fx = fixtures();
    switch (which) {
        case 0:
            return fx.photoJpeg;
        case 1:
            return fx.photoPng;
        case 2:
            return fx.photoWebp;
        case 3:
            return fx.photoAvif;
        default:
            return fx.graphicPng;
    }
}

void cleanupFixtures() {
    if (!g_created) return;
    std::error_code ec;
    std::filesystem::remove_all(g_fixtures.dir, ec);
}

}  // namespace imgopt::bench
