// The in-thread JPEG writer: byte for byte what libvips' jpegsave writes with the same settings (less the
// EXIF block), its profile rule, which images it takes, a damaged input, a cancel, and the saver choosing it.
#include "jpeg_writer.hpp"

#include <glib.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <vips/vips8>

#include "image_factory.hpp"
#include "metadata_scrubber.hpp"
#include "savers.hpp"
#include "test_support.hpp"
#include "vips_runtime.hpp"

using namespace imgopt;
using namespace imgopt::test;
using vips::VImage;

namespace {

std::vector<std::uint8_t> ours(const VImage& image, const JpegWriteSettings& settings) {
    return valueOrFail(encodeJpegInThread(image, settings, nullptr));
}

// What libvips 8.14's jpegsave makes of the same image and settings, with the EXIF block it adds removed,
// as the saver does.
std::vector<std::uint8_t> libvips(const VImage& image, const JpegWriteSettings& settings) {
    VipsBlob* blob =
        image.jpegsave_buffer(VImage::option()
                                  ->set("Q", settings.quality)
                                  ->set("optimize_coding", true)
                                  ->set("interlace", settings.progressive)
                                  ->set("subsample_mode", settings.fullChroma ? VIPS_FOREIGN_SUBSAMPLE_OFF
                                                                              : VIPS_FOREIGN_SUBSAMPLE_ON)
                                  ->set("strip", !settings.keepIcc));
    std::vector<std::uint8_t> bytes = detail::takeBlob(blob);
    return valueOrFail(removeExif(std::move(bytes), ImageFormat::Jpeg));
}

VImage withProfile(VImage image, const char* name) {
    VipsBlob* blob = nullptr;
    if (vips_profile_load(name, &blob, nullptr) != 0 || !blob) throw vips::VError("no built-in profile");
    std::size_t length = 0;
    const void* data = vips_blob_get(blob, &length);
    image = image.copy();
    vips_image_set_blob_copy(image.get_image(), VIPS_META_ICC_NAME, data, length);
    vips_area_unref(VIPS_AREA(blob));
    return image;
}

bool hasIccMarker(const std::vector<std::uint8_t>& jpeg) {
    static const std::string tag = "ICC_PROFILE";
    return std::search(jpeg.begin(), jpeg.end(), tag.begin(), tag.end()) != jpeg.end();
}

}  // namespace

TEST(JpegWriter, SameBytesAsLibvipsJpegsave) {
    for (int bands : {1, 3})
        for (int quality : {40, 90, 100})
            for (bool fullChroma : {false, true})
                for (bool progressive : {false, true}) {
                    const VImage image = testCard(203, 117, bands);
                    const JpegWriteSettings s{quality, fullChroma, progressive, true};
                    const auto mine = ours(image, s);
                    ASSERT_FALSE(mine.empty());
                    EXPECT_EQ(mine, libvips(image, s)) << bands << " bands, q" << quality << ", 4:4:4 "
                                                       << fullChroma << ", progressive " << progressive;
                }
}

TEST(JpegWriter, OutputLargerThanTheFirstBufferIsWhole) {
    // Noise at quality 100 makes several times the writer's first 64 KiB.
    const VImage image = testCard(900, 700, 3);
    const JpegWriteSettings s{100, true, true, true};
    const auto mine = ours(image, s);
    EXPECT_GT(mine.size(), 4u * 64 * 1024);
    EXPECT_EQ(mine, libvips(image, s));
    EXPECT_EQ(maxDifference(decodedBuffer(mine), decodedBuffer(libvips(image, s))), 0.0);
}

TEST(JpegWriter, KeepsAProfileThatDescribesThePixelsOnly) {
    const VImage srgb = withProfile(testCard(64, 48, 3), "srgb");
    const JpegWriteSettings keep{90, false, true, true};
    const auto kept = ours(srgb, keep);
    EXPECT_TRUE(hasIccMarker(kept));
    EXPECT_EQ(kept, libvips(srgb, keep));
    EXPECT_EQ(decodedBuffer(kept).get_typeof(VIPS_META_ICC_NAME), VIPS_TYPE_BLOB);

    const JpegWriteSettings drop{90, false, true, false};
    EXPECT_FALSE(hasIccMarker(ours(srgb, drop)));

    // A CMYK source turned into sRGB still carries its CMYK profile; like libvips, leave it out.
    const VImage cmykProfile = withProfile(testCard(64, 48, 3), "cmyk");
    const auto left = ours(cmykProfile, keep);
    EXPECT_FALSE(hasIccMarker(left));
    EXPECT_EQ(left, libvips(cmykProfile, keep));
}

TEST(JpegWriter, TakesSmall8BitGreyOrRgbImagesOnly) {
    EXPECT_TRUE(jpegWritesInThread(testCard(96, 64, 3)));
    EXPECT_TRUE(jpegWritesInThread(testCard(96, 64, 1)));
    EXPECT_FALSE(jpegWritesInThread(testCard(96, 64, 4)));
    EXPECT_FALSE(jpegWritesInThread(testCard(96, 64, 3).cast(VIPS_FORMAT_USHORT)));
    // The pipeline of a large image runs on libvips' threads (vips_runtime.hpp, kInThreadPixels).
    EXPECT_TRUE(jpegWritesInThread(VImage::black(999, 1000, VImage::option()->set("bands", 3))));
    EXPECT_FALSE(jpegWritesInThread(VImage::black(1000, 1000, VImage::option()->set("bands", 3))));
}

TEST(JpegWriter, LeavesATaskWithSeveralLibvipsThreadsToLibvips) {
    // A large source shrunk to a small result while it runs alone gets every core (engine_pipeline.cpp):
    // the shrink is the work, and libvips' thread pool shares it out.
    const int before = vips_concurrency_get();
    setTaskThreads(2);
    EXPECT_FALSE(jpegWritesInThread(testCard(96, 64, 3)));
    setTaskThreads(1);
    EXPECT_TRUE(jpegWritesInThread(testCard(96, 64, 3)));
    vips_concurrency_set(before);
}

TEST(JpegWriter, CancelledBeforeTheFirstStrip) {
    CancelToken token;
    token.cancel();
    auto out = encodeJpegInThread(testCard(96, 64, 3), JpegWriteSettings{}, &token);
    ASSERT_FALSE(out);
    EXPECT_EQ(out.error().code, ErrorCode::Cancelled);
}

TEST(JpegWriter, DamagedSourceIsTheInputsErrorThroughTheSaver) {
    TempDir dir;
    const auto file = dir / "whole.jpg";
    makeImage(file, ImageSpec{.width = 300, .height = 200});
    const std::string whole = readText(file);
    const std::vector<unsigned char> bytes(whole.begin(), whole.begin() + std::ptrdiff_t(whole.size() / 2));
    const auto cut = dir / "cut.jpg";
    writeBytes(cut, bytes);
    detail::SaveRequest r;
    r.image = VImage::new_from_file(
        cut.c_str(),
        VImage::option()->set("access", VIPS_ACCESS_SEQUENTIAL)->set("fail_on", VIPS_FAIL_ON_TRUNCATED));
    ASSERT_TRUE(jpegWritesInThread(r.image));
    r.source = cut;
    r.sourceFormat = ImageFormat::Jpeg;
    auto out = detail::saveJpeg(r);
    ASSERT_FALSE(out);
    EXPECT_EQ(out.error().code, ErrorCode::InputDamaged) << out.error().message;
}

TEST(JpegWriter, SaverWritesTheSameFileEitherWay) {
    // `icc` on a small image goes to the writer in this thread; `all` to libvips. With no metadata on the
    // image the two must agree.
    detail::SaveRequest r;
    r.image = withProfile(testCard(160, 90, 3), "srgb");
    r.quality = 85;
    r.metadata = MetadataMode::Icc;
    const auto inThread = valueOrFail(detail::saveJpeg(r));
    EXPECT_EQ(inThread, libvips(r.image, JpegWriteSettings{85, false, true, true}));
    r.metadata = MetadataMode::None;
    EXPECT_FALSE(hasIccMarker(valueOrFail(detail::saveJpeg(r))));
}
