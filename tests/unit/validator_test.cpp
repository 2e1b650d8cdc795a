// The validator: pixel limit before decoding, mislabel warnings, animation and format checks.
#include "validator.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "image_factory.hpp"
#include "test_support.hpp"

using namespace imgopt;
using namespace imgopt::test;

namespace {

ScanItem itemFor(const fs::path& p, TaskId id = 1) {
    ScanItem i;
    i.id = id;
    i.path = p;
    std::error_code ec;
    i.bytes = fs::file_size(p, ec);
    return i;
}

std::string lower(std::string s) {
    for (auto& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

}  // namespace

TEST(Validator, AcceptsPlainImage) {
    TempDir dir;
    makeImage(dir / "a.jpg", {.width = 100, .height = 80});
    auto r = validate(itemFor(dir / "a.jpg"), Options{});
    ASSERT_TRUE(r.has_value()) << r.error().error.message;
    const auto& t = (*r);
    EXPECT_EQ(t.header.format, ImageFormat::Jpeg);
    EXPECT_EQ(t.outputFormat, ImageFormat::Jpeg);
    EXPECT_TRUE(t.warnings.empty());
    EXPECT_EQ(t.source.path, dir / "a.jpg");
    EXPECT_GE(t.seconds, 0.0);
}

TEST(Validator, PixelLimitRefusesBigHeaderBeforeDecoding) {
    TempDir dir;
    const auto file = dir / "bomb.png";
    makeHugeBlankPng(file, 20000, 20000);
    const auto start = std::chrono::steady_clock::now();
    auto r = validate(itemFor(file), Options{});  // default limit is below 400 Mpx
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ASSERT_TRUE(!(r));
    const auto& e = r.error();
    EXPECT_NE(lower(e.error.message).find("limit"), std::string::npos) << e.error.message;
    EXPECT_NE(e.error.message.find("20000"), std::string::npos) << "names the size: " << e.error.message;
    EXPECT_EQ(e.format, ImageFormat::Png);
    EXPECT_EQ(e.error.code, ErrorCode::PixelLimit) << "so each tool can name its own way to raise the limit";
    EXPECT_EQ(e.error.message.find("--"), std::string::npos)
        << "a core message names no CLI flag: " << e.error.message;
    EXPECT_LT(seconds, 1.0) << "refused from the header, not by decoding";
}

TEST(Validator, PixelLimitIsConfigurable) {
    TempDir dir;
    makeImage(dir / "a.png", {.width = 100, .height = 100});
    Options o;
    o.maxPixels = 9999;
    EXPECT_TRUE(!(validate(itemFor(dir / "a.png"), o)));
    o.maxPixels = 10000;
    EXPECT_TRUE(bool(validate(itemFor(dir / "a.png"), o)));
}

TEST(Validator, MislabelledFileWarns) {
    TempDir dir;
    makeImage(dir / "real.png");
    fs::copy_file(dir / "real.png", dir / "png-named.jpg");
    auto r = validate(itemFor(dir / "png-named.jpg"), Options{});
    ASSERT_TRUE(bool(r));
    const auto& t = (*r);
    EXPECT_EQ(t.header.format, ImageFormat::Png);
    EXPECT_EQ(t.outputFormat, ImageFormat::Png) << "original keeps the real format";
    ASSERT_FALSE(t.warnings.empty());
    EXPECT_NE(lower(t.warnings.front()).find("png"), std::string::npos) << t.warnings.front();
}

TEST(Validator, AnimatedGifToJpegRefusedMentioningAnimation) {
    TempDir dir;
    makeAnimatedGif(dir / "anim.gif");
    Options o;
    o.convertTo = ImageFormat::Jpeg;
    auto r = validate(itemFor(dir / "anim.gif"), o);
    ASSERT_TRUE(!(r));
    EXPECT_NE(lower(r.error().error.message).find("anim"), std::string::npos) << r.error().error.message;
}

TEST(Validator, AnimatedGifKeptUnderOriginal) {
    TempDir dir;
    makeAnimatedGif(dir / "anim.gif");
    auto r = validate(itemFor(dir / "anim.gif"), Options{});
    ASSERT_TRUE(r.has_value()) << r.error().error.message;
    EXPECT_EQ((*r).outputFormat, ImageFormat::Gif);
    EXPECT_EQ((*r).header.pages, 3);
}

TEST(Validator, BrokenFilesFailWithOwnMessage) {
    TempDir dir;
    writeText(dir / "empty.jpg", "");
    writeText(dir / "text.png", "hello");
    writeBytes(dir / "random.webp", randomBytes(2000, 7));
    for (const char* name : {"empty.jpg", "text.png", "random.webp"}) {
        auto r = validate(itemFor(dir / name), Options{});
        ASSERT_TRUE(!(r)) << name;
        const auto& e = r.error();
        EXPECT_FALSE(e.error.message.empty()) << name;
        EXPECT_EQ(e.source.path, dir / name);
    }
}

TEST(Validator, HeicBecomesAvifUnderOriginal) {
    // No HEIC encoder ships here, so the header path is tested with the corpus file when present.
    if (!haveCorpus())
        GTEST_SKIP() << "corpus folder " << corpusDir() << " is absent (a user's clone has none)";
    auto r = validate(itemFor(corpusDir() / "special/photo.heic"), Options{});
    ASSERT_TRUE(r.has_value()) << r.error().error.message;
    EXPECT_EQ((*r).header.format, ImageFormat::Heif);
    EXPECT_EQ((*r).outputFormat, ImageFormat::Avif);
}

TEST(Validator, PixelLimitCountsEveryFrame) {
    TempDir dir;
    // 300 frames of 2000x2000: each frame is under the limit, together they are 1.2 gigapixels.
    makeGifBomb(dir / "bomb.gif", 2000, 2000, 300);
    ASSERT_LT(fs::file_size(dir / "bomb.gif"), 20'000u);
    auto v = validate(itemFor(dir / "bomb.gif"), Options{});
    ASSERT_FALSE(v);
    EXPECT_EQ(v.error().error.code, ErrorCode::PixelLimit);
    EXPECT_NE(v.error().error.message.find("2000x2000 x 300 frames"), std::string::npos)
        << v.error().error.message;
    EXPECT_NE(v.error().error.message.find("1200.0 megapixels"), std::string::npos)
        << v.error().error.message;
    Options roomy;
    roomy.maxPixels = 2'000'000'000;
    EXPECT_TRUE(validate(itemFor(dir / "bomb.gif"), roomy)) << "a GIF of that size is otherwise fine";
}
