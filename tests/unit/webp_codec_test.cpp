// The direct libwebp path: the same pixels as libvips' loader and saver, metadata carried, strips seamless,
// cancellation inside libwebp, and files it must leave to libvips.
#include "webp_codec.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <thread>
#include <vips/vips8>

#include "encoder.hpp"
#include "image_factory.hpp"
#include "pipeline.hpp"
#include "savers.hpp"
#include "test_support.hpp"

using namespace imgopt;
using namespace imgopt::test;
using vips::VImage;

namespace {

VImage loadWithLibvips(const fs::path& file) { return VImage::new_from_file(file.c_str()); }

}  // namespace

namespace {
// encodeWebp, with the bytes written to `file` when it succeeds.
Status encodeWebpTo(const VImage& image, const WebpSettings& settings, const fs::path& file,
                    const CancelToken& cancel) {
    auto bytes = encodeWebp(image, settings, cancel);
    if (!bytes) return Unexpected(std::move(bytes).error());
    writeBytes(file, *bytes);
    return {};
}

// The decoder's image, or none when it leaves the file to libvips; a decode error is a test failure.
std::optional<VImage> decodedStill(const fs::path& file) {
    auto decoded = decodeWebpStill(file);
    if (!decoded) {
        ADD_FAILURE() << file << ": " << decoded.error().message;
        return std::nullopt;
    }
    return *decoded;
}
}  // namespace

TEST(WebpCodec, DecodeMatchesLibvipsLoader) {
    TempDir dir;
    for (int bands : {3, 4}) {
        const auto file = dir / ("in" + std::to_string(bands) + ".webp");
        makeImage(file, {.width = 97, .height = 71, .bands = bands, .withIcc = true});
        auto decoded = decodedStill(file);
        ASSERT_TRUE(decoded) << bands;
        const VImage reference = loadWithLibvips(file);
        EXPECT_EQ(decoded->width(), 97);
        EXPECT_EQ(decoded->height(), 71);
        EXPECT_EQ(decoded->bands(), reference.bands());
        EXPECT_EQ(maxDifference(*decoded, reference), 0.0) << bands << " bands";
        EXPECT_NE(decoded->get_typeof(VIPS_META_ICC_NAME), 0u) << "the ICC profile rides along";
    }
}

TEST(WebpCodec, LeavesAnimationAndOtherFormatsToLibvips) {
    TempDir dir;
    const auto gif = dir / "anim.gif";
    makeAnimatedGif(gif);
    const auto animated = dir / "anim.webp";
    VImage::new_from_file(gif.c_str(), VImage::option()->set("n", -1)).webpsave(animated.c_str());
    EXPECT_FALSE(decodedStill(animated)) << "animation";

    const auto png = dir / "not-webp.png";
    makeImage(png);
    EXPECT_FALSE(decodedStill(png));
    EXPECT_FALSE(decodedStill(dir / "missing.webp"));
}

TEST(WebpCodec, ExifOrientationIsReadAndApplied) {
    TempDir dir;
    const auto jpeg = dir / "o6.jpg";
    makeImage(jpeg, {.width = 60, .height = 40, .orientation = 6});
    const auto file = dir / "o6.webp";
    VImage::new_from_file(jpeg.c_str()).webpsave(file.c_str());
    ASSERT_EQ(probeImage(file).orientation, 6);
    auto decoded = decodedStill(file);
    ASSERT_TRUE(decoded);
    EXPECT_EQ(decoded->get_int(VIPS_META_ORIENTATION), 6);
    EXPECT_NE(decoded->get_typeof(VIPS_META_EXIF_NAME), 0u);

    for (auto meta : {MetadataMode::Icc, MetadataMode::All}) {
        Options o;
        o.metadata = meta;
        auto task = planFile(file, o);
        ASSERT_TRUE(task);
        const auto out = dir / (std::string("upright-") + std::string(toString(meta)) + ".webp");
        const auto outcome = encodeImageTo(*task, o, out, CancelToken{});
        ASSERT_TRUE(outcome.has_value()) << errorText(outcome);
        const auto probe = probeImage(out);
        EXPECT_EQ(probe.width, 40) << toString(meta);
        EXPECT_EQ(probe.height, 60) << toString(meta);
        EXPECT_TRUE(probe.orientation == 0 || probe.orientation == 1) << probe.orientation;
        EXPECT_EQ(probe.hasExif, meta == MetadataMode::All) << toString(meta);
    }
}

TEST(WebpCodec, TruncatedOrDamagedWebpFailsWithAClearError) {
    TempDir dir;
    const auto file = dir / "photo.webp";
    const auto png = dir / "photo.png";
    makeImage(png, {.width = 300, .height = 200});
    // The simple container: "RIFF" size "WEBP" "VP8 " size, then the bitstream.
    ASSERT_TRUE(
        encodeWebpTo(VImage::new_from_file(png.c_str()), WebpSettings{90, false}, file, CancelToken{}));
    Options o;
    auto task = planFile(file, o);
    ASSERT_TRUE(task);
    const std::string bytes = readText(file);

    // Cut after validation, as if another program were still writing it.
    writeText(file, bytes.substr(0, bytes.size() * 6 / 10));
    EXPECT_FALSE(decodedStill(file)) << "an incomplete container goes to libvips, which reports it";
    auto outcome = encodeImageTo(*task, o, dir / "out1.webp", CancelToken{});
    EXPECT_FALSE(outcome.has_value());
    EXPECT_NE(errorText(outcome).find("damaged or truncated"), std::string::npos) << errorText(outcome);

    // A container that is whole by its own sizes, around a VP8 bitstream cut short.
    ASSERT_EQ(bytes.substr(12, 4), "VP8 ");
    std::string damaged = bytes.substr(0, (bytes.size() / 2) & ~std::size_t(1));
    const auto putSize = [&damaged](std::size_t at, std::uint32_t v) {
        for (int i = 0; i < 4; ++i) damaged[at + std::size_t(i)] = char((v >> (8 * i)) & 0xff);
    };
    putSize(4, std::uint32_t(damaged.size() - 8));
    putSize(16, std::uint32_t(damaged.size() - 20));
    writeText(file, damaged);
    const auto refused = decodeWebpStill(file);
    ASSERT_FALSE(refused.has_value()) << "a damaged bitstream is an error, not a file for libvips";
    EXPECT_EQ(refused.error().code, ErrorCode::InputDamaged);
    outcome = encodeImageTo(*task, o, dir / "out2.webp", CancelToken{});
    ASSERT_FALSE(outcome.has_value());
    EXPECT_EQ(outcome.error().code, ErrorCode::InputDamaged);
    EXPECT_NE(errorText(outcome).find("damaged or truncated"), std::string::npos) << errorText(outcome);
}

TEST(WebpCodec, StripsGiveTheSamePixelsAsLibvipsSaver) {
    TempDir dir;
    // Odd sizes: a last strip of odd height and a half chroma column.
    for (int bands : {1, 3, 4}) {
        const VImage image = testCard(131, 203, bands);
        const auto ours = dir / ("ours" + std::to_string(bands) + ".webp");
        const auto theirs = dir / ("theirs" + std::to_string(bands) + ".webp");
        ASSERT_TRUE(encodeWebpTo(image, WebpSettings{80, false}, ours, CancelToken{}));
        image.webpsave(
            theirs.c_str(),
            VImage::option()->set("Q", 80)->set("alpha_q", 80)->set("effort", 4)->set("strip", true));
        const auto probe = probeImage(ours);
        ASSERT_TRUE(probe.decoded) << probe.error;
        EXPECT_EQ(probe.width, 131);
        EXPECT_EQ(probe.height, 203);
        EXPECT_EQ(probe.hasAlpha, bands == 4);
        EXPECT_FALSE(probe.hasExif);
        EXPECT_EQ(maxDifference(loadWithLibvips(ours), loadWithLibvips(theirs)), 0.0) << bands << " bands";
    }
}

namespace {
// The prediction filter of a WebP file's alpha plane: bits 2-3 of the ALPH chunk's first byte (RFC 9649);
// -1 without an ALPH chunk.
int alphaFilter(const std::vector<std::uint8_t>& webp) {
    static const std::string tag = "ALPH";
    const auto at = std::search(webp.begin(), webp.end(), tag.begin(), tag.end());
    if (webp.end() - at < 9) return -1;
    return (at[8] >> 2) & 3;
}
}  // namespace

TEST(WebpCodec, AlphaUpToQuality80IsUnfiltered) {
    // A soft shadow (a blurred rectangle): above quality 80 one of libwebp's filters pays for it.
    const VImage xy = VImage::xyz(400, 300);
    const VImage rect = ((xy[0] > 80) & (xy[0] < 320) & (xy[1] > 60) & (xy[1] < 240)).ifthenelse(200, 0);
    const VImage rgba = testCard(400, 300, 3).bandjoin(rect.gaussblur(20).cast(VIPS_FORMAT_UCHAR));
    // libwebp's own choice, which libvips' saver leaves at its default.
    const auto libwebps = [&](int quality) {
        VipsBlob* blob = rgba.webpsave_buffer(VImage::option()
                                                  ->set("Q", quality)
                                                  ->set("alpha_q", quality)
                                                  ->set("effort", 4)
                                                  ->set("strip", true));
        return detail::takeBlob(blob);
    };
    for (int quality : {60, 80}) {
        const auto ours = valueOrFail(encodeWebp(rgba, WebpSettings{quality, false}, CancelToken{}));
        EXPECT_EQ(alphaFilter(ours), 0) << quality;
        EXPECT_LE(ours.size(), libwebps(quality).size()) << quality;
    }
    const auto high = valueOrFail(encodeWebp(rgba, WebpSettings{90, false}, CancelToken{}));
    EXPECT_GT(alphaFilter(high), 0);
    EXPECT_EQ(alphaFilter(high), alphaFilter(libwebps(90)));
}

TEST(WebpCodec, LosslessKeepsEveryVisiblePixel) {
    TempDir dir;
    const VImage rgb = testCard(77, 150, 3);
    const auto out = dir / "lossless3.webp";
    ASSERT_TRUE(encodeWebpTo(rgb, WebpSettings{100, true}, out, CancelToken{}));
    EXPECT_EQ(maxDifference(loadWithLibvips(out), rgb), 0.0);

    // Under fully transparent pixels libwebp may change the colour, as libvips' saver lets it.
    const VImage rgba = testCard(77, 150, 4);
    const auto ours = dir / "lossless4.webp";
    const auto theirs = dir / "lossless4-libvips.webp";
    ASSERT_TRUE(encodeWebpTo(rgba, WebpSettings{100, true}, ours, CancelToken{}));
    rgba.webpsave(theirs.c_str(),
                  VImage::option()->set("lossless", true)->set("effort", 6)->set("strip", true));
    EXPECT_EQ(maxDifference(loadWithLibvips(ours), loadWithLibvips(theirs)), 0.0);
    const VImage back = loadWithLibvips(ours);
    const VImage colourDiff =
        (back.cast(VIPS_FORMAT_INT) - rgba).abs().extract_band(0, VImage::option()->set("n", 3));
    EXPECT_EQ((rgba[3] > 0).ifthenelse(colourDiff, 0).max(), 0.0) << "visible pixels are exact";
    EXPECT_EQ(maxDifference(back[3], rgba[3]), 0.0) << "alpha is exact";
}

TEST(WebpCodec, WritesTheAttachedIccAndXmp) {
    TempDir dir;
    const auto src = dir / "icc.png";
    makeImage(src, {.width = 50, .height = 40, .withIcc = true});
    VImage image = VImage::new_from_file(src.c_str()).copy();
    const std::string xmp = "<x:xmpmeta xmlns:x='adobe:ns:meta/'></x:xmpmeta>";
    image.set(VIPS_META_XMP_NAME, nullptr, const_cast<char*>(xmp.data()), xmp.size());
    const auto out = dir / "meta.webp";
    ASSERT_TRUE(encodeWebpTo(image, WebpSettings{90, false}, out, CancelToken{}));
    const auto probe = probeImage(out);
    ASSERT_TRUE(probe.decoded) << probe.error;
    EXPECT_TRUE(probe.hasIcc);
    EXPECT_TRUE(probe.hasXmp);
    EXPECT_FALSE(probe.hasExif);

    image.remove(VIPS_META_ICC_NAME);
    image.remove(VIPS_META_XMP_NAME);
    const auto bare = dir / "bare.webp";
    ASSERT_TRUE(encodeWebpTo(image, WebpSettings{90, false}, bare, CancelToken{}));
    const auto bareProbe = probeImage(bare);
    EXPECT_FALSE(bareProbe.hasIcc);
    EXPECT_FALSE(bareProbe.hasXmp);
}

TEST(WebpCodec, ImagesWithExifGoThroughLibvips) {
    VImage image = testCard(20, 20, 3).copy();
    EXPECT_TRUE(webpEncodable(image));
    const std::string exif = "Exif";
    image.set(VIPS_META_EXIF_NAME, nullptr, const_cast<char*>(exif.data()), exif.size());
    EXPECT_FALSE(webpEncodable(image));
    EXPECT_FALSE(webpEncodable(testCard(20, 20, 3).cast(VIPS_FORMAT_USHORT)));
}

TEST(WebpCodec, CancelStopsTheEncoderAndWritesNothing) {
    TempDir dir;
    // Noise is the slowest thing to encode: several seconds at this size, so the cancel lands inside libwebp.
    const VImage grain =
        VImage::gaussnoise(4000, 4000, VImage::option()->set("sigma", 60.0)).cast(VIPS_FORMAT_UCHAR);
    const VImage noise = grain.bandjoin(grain.rot90())
                             .bandjoin(grain.flip(VIPS_DIRECTION_HORIZONTAL))
                             .copy(VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
    CancelToken cancel;
    std::thread canceller([cancel] {
        std::this_thread::sleep_for(std::chrono::milliseconds(400));
        cancel.cancel();
    });
    const auto out = dir / "cancelled.webp";
    const auto encoded = encodeWebpTo(noise, WebpSettings{90, false}, out, cancel);
    ASSERT_FALSE(encoded.has_value()) << "the encode finished before the cancel";
    EXPECT_EQ(encoded.error().code, ErrorCode::Cancelled) << encoded.error().message;
    canceller.join();
    EXPECT_FALSE(fs::exists(out));
}
