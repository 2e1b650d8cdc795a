// The header reader: format from content, dimensions without decoding, clear errors for broken files.
#include "header_reader.hpp"

#include <gtest/gtest.h>

#include "image_factory.hpp"
#include "test_support.hpp"

using namespace imgopt;
using namespace imgopt::test;

namespace {

ImageHeader expectHeader(const fs::path& file) {
    auto r = readHeader(file);
    if (!r) {
        ADD_FAILURE() << file << ": " << r.error().message;
        return {};
    }
    return *r;
}

std::string expectError(const fs::path& file) {
    auto r = readHeader(file);
    if (r) {
        ADD_FAILURE() << file << " was read as an image";
        return {};
    }
    return r.error().message;
}

}  // namespace

TEST(HeaderReader, ReadsEveryInputFormat) {
    TempDir dir;
    const struct {
        const char* name;
        ImageFormat format;
    } cases[] = {{"a.jpg", ImageFormat::Jpeg}, {"a.png", ImageFormat::Png}, {"a.webp", ImageFormat::Webp},
                 {"a.tif", ImageFormat::Tiff}, {"a.gif", ImageFormat::Gif}, {"a.avif", ImageFormat::Avif}};
    for (const auto& c : cases) {
        const auto file = dir / c.name;
        makeImage(file, {.width = 40, .height = 30});
        const auto h = expectHeader(file);
        EXPECT_EQ(h.format, c.format) << c.name;
        EXPECT_EQ(h.width, 40) << c.name;
        EXPECT_EQ(h.height, 30) << c.name;
        EXPECT_GE(h.bands, 1) << c.name;
        EXPECT_EQ(h.pages, 1) << c.name;
        EXPECT_FALSE(h.loader.empty()) << c.name;
        EXPECT_EQ(h.pixels(), 1200u) << c.name;
    }
}

TEST(HeaderReader, BandsAlphaAndSampleSize) {
    TempDir dir;
    makeImage(dir / "rgba.png", {.bands = 4});
    makeImage(dir / "ga.png", {.bands = 2});
    makeImage(dir / "rgb16.png", {.bands = 3, .sixteenBit = true});
    makeImage(dir / "grey.jpg", {.bands = 1});
    auto rgba = expectHeader(dir / "rgba.png");
    EXPECT_EQ(rgba.bands, 4);
    EXPECT_TRUE(rgba.hasAlpha);
    auto ga = expectHeader(dir / "ga.png");
    EXPECT_EQ(ga.bands, 2);
    EXPECT_TRUE(ga.hasAlpha);
    auto s16 = expectHeader(dir / "rgb16.png");
    EXPECT_EQ(s16.bytesPerSample, 2);
    EXPECT_FALSE(s16.hasAlpha);
    auto grey = expectHeader(dir / "grey.jpg");
    EXPECT_EQ(grey.bands, 1);
}

TEST(HeaderReader, OrientationAndUprightSize) {
    TempDir dir;
    makeImage(dir / "o6.jpg", {.width = 120, .height = 75, .orientation = 6});
    const auto h = expectHeader(dir / "o6.jpg");
    EXPECT_EQ(h.orientation, 6);
    EXPECT_EQ(h.width, 120);
    EXPECT_EQ(h.uprightWidth(), 75);
    EXPECT_EQ(h.uprightHeight(), 120);
}

TEST(HeaderReader, CmykInterpretation) {
    TempDir dir;
    makeImage(dir / "cmyk.jpg", {.cmyk = true});
    const auto h = expectHeader(dir / "cmyk.jpg");
    EXPECT_EQ(h.format, ImageFormat::Jpeg);
    EXPECT_EQ(h.bands, 4);
    EXPECT_EQ(h.interpretation, "cmyk");
}

TEST(HeaderReader, AnimatedGifPages) {
    TempDir dir;
    makeAnimatedGif(dir / "anim.gif", 32, 24, 3);
    const auto h = expectHeader(dir / "anim.gif");
    EXPECT_EQ(h.format, ImageFormat::Gif);
    EXPECT_EQ(h.pages, 3);
    EXPECT_EQ(h.width, 32);
}

TEST(HeaderReader, FormatComesFromContentNotName) {
    TempDir dir;
    makeImage(dir / "real.png");
    fs::copy_file(dir / "real.png", dir / "png-named.jpg");
    fs::copy_file(dir / "real.png", dir / "no-extension");
    EXPECT_EQ(expectHeader(dir / "png-named.jpg").format, ImageFormat::Png);
    EXPECT_EQ(expectHeader(dir / "no-extension").format, ImageFormat::Png);
}

TEST(HeaderReader, EmptyFileIsAClearError) {
    TempDir dir;
    writeText(dir / "empty.jpg", "");
    const auto msg = expectError(dir / "empty.jpg");
    EXPECT_NE(msg.find("empty"), std::string::npos) << msg;
}

TEST(HeaderReader, TextAndRandomBytesAreNotImages) {
    TempDir dir;
    writeText(dir / "text.png", "this is not an image\n");
    writeBytes(dir / "random.webp", randomBytes(3000, 42));
    for (const char* name : {"text.png", "random.webp"}) {
        const auto msg = expectError(dir / name);
        EXPECT_FALSE(msg.empty()) << name;
        EXPECT_EQ(msg.find('\n'), std::string::npos) << "one clear sentence: " << msg;
    }
}

TEST(HeaderReader, MissingFileAndFolder) {
    TempDir dir;
    EXPECT_FALSE(expectError(dir / "nope.jpg").empty());
    fs::create_directories(dir / "folder.jpg");
    EXPECT_FALSE(expectError(dir / "folder.jpg").empty());
}

TEST(HeaderReader, HugeHeaderIsReadWithoutDecoding) {
    TempDir dir;
    const auto file = dir / "big.png";
    makeHugeBlankPng(file, 20000, 20000);
    ASSERT_LT(fs::file_size(file), 2u << 20) << "a compressible bomb";
    const auto start = std::chrono::steady_clock::now();
    const auto h = expectHeader(file);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_EQ(h.width, 20000);
    EXPECT_EQ(h.height, 20000);
    EXPECT_LT(seconds, 1.0) << "decoding 400 Mpx would take far longer";
}

TEST(HeaderReader, NonAsciiFileName) {
    TempDir dir;
    const auto file = dir / "space name \xc3\xa9.jpg";
    makeImage(file);
    EXPECT_EQ(expectHeader(file).format, ImageFormat::Jpeg);
}
