// libvips' error text reaches the file whose call failed, and only that file: taken at the failing call,
// under one lock, never matched by name.
#include "vips_errors.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>
#include <vips/vips8>

#include "encoder.hpp"
#include "image_factory.hpp"
#include "pipeline.hpp"
#include "test_support.hpp"

using namespace imgopt;
using namespace imgopt::test;

namespace {

std::string failOpening(const fs::path& file) {
    const VipsCall call;
    try {
        auto image = vips::VImage::new_from_file(file.c_str(), vips::VImage::option()
                                                                   ->set("access", VIPS_ACCESS_SEQUENTIAL)
                                                                   ->set("fail_on", VIPS_FAIL_ON_TRUNCATED));
        (void)image.avg();
    } catch (const vips::VError&) {
        return takeVipsError();
    }
    return "(did not fail)";
}

// A PNG whose compressed pixel data is damaged (the header is fine), and a JPEG cut in half.
void makeDamaged(const fs::path& png, const fs::path& jpeg) {
    const auto goodPng = png.parent_path() / "good.png";
    const auto goodJpeg = jpeg.parent_path() / "good.jpg";
    makeImage(goodPng, {.width = 300, .height = 200});
    makeImage(goodJpeg, {.width = 300, .height = 200});
    auto bytes = readText(goodPng);
    const auto idat = bytes.find("IDAT");
    for (std::size_t i = idat + 50; i < idat + 120; ++i) bytes[i] = char(bytes[i] ^ 0x55);
    writeText(png, bytes);
    const auto j = readText(goodJpeg);
    writeText(jpeg, j.substr(0, j.size() / 2));
}

}  // namespace

TEST(VipsErrors, ACallAloneKeepsItsTextAndNothingLeftOver) {
    vips_error("unattributed", "%s", "a line no call took");
    const std::string text = failOpening("/nonexistent/x.png");
    EXPECT_NE(text.find("x.png"), std::string::npos) << text;
    EXPECT_EQ(text.find("unattributed"), std::string::npos) << "cleared when the call started alone";
}

TEST(VipsErrors, OverlappingCallsLeaveTheTextOutRatherThanGuess) {
    std::promise<void> started, failed;
    std::string other;
    // Another call runs (and fails) while this one is running: its lines could be in the buffer.
    std::thread t([&] {
        const VipsCall call;
        started.set_value();
        failed.get_future().wait();
        vips_error("other", "%s", "the other call's failure");
        other = takeVipsError();
    });
    started.get_future().wait();
    std::string mine;
    {
        const VipsCall call;
        failed.set_value();
        t.join();
        vips_error("mine", "%s", "this call's failure");
        mine = takeVipsError();
    }
    EXPECT_EQ(mine, "");
    EXPECT_EQ(other, "");
    EXPECT_NE(failOpening("/nonexistent/y.png").find("y.png"), std::string::npos)
        << "alone again: detail back";
}

TEST(VipsErrors, SimilarNamesNeverShareText) {
    TempDir dir;
    // The old rule kept lines that contained the file name: "a.png" is inside "data.png".
    makeDamaged(dir / "a.png", dir / "data.jpg");
    fs::rename(dir / "data.jpg", dir / "data.png");
    const std::string first = failOpening(dir / "data.png");
    const std::string second = failOpening(dir / "a.png");
    EXPECT_NE(first.find("Premature end"), std::string::npos) << first;
    EXPECT_EQ(second.find("Premature end"), std::string::npos) << second;
    EXPECT_NE(second.find("png"), std::string::npos) << second;
}

TEST(VipsErrors, ConcurrentFailuresEachKeepTheirOwnCause) {
    TempDir dir;
    makeDamaged(dir / "idat.png", dir / "trunc.jpg");
    Options o;
    o.outputMode = OutputMode::OutputDir;
    o.outputDir = dir / "out";
    const auto png = planFile(dir / "idat.png", o);
    const auto jpeg = planFile(dir / "trunc.jpg", o);
    ASSERT_TRUE(png && jpeg);
    std::atomic<int> crossTalk{0};
    const auto hammer = [&](const PlannedTask& task, const char* other) {
        for (int i = 0; i < 60; ++i) {
            auto r = encodeImage(task, o, CancelToken{});
            ASSERT_FALSE(r);
            EXPECT_EQ(r.error().code, ErrorCode::InputDamaged) << r.error().message;
            EXPECT_EQ(r.error().message.find("write"), std::string::npos) << "never blames writing";
            if (r.error().message.find(other) != std::string::npos) ++crossTalk;
        }
    };
    std::thread a(hammer, *png, "Premature end");
    std::thread b(hammer, *jpeg, "libpng");
    a.join();
    b.join();
    EXPECT_EQ(crossTalk.load(), 0);
    // Alone, each keeps libvips' own words.
    EXPECT_NE(encodeImage(*png, o, CancelToken{}).error().message.find("libpng"), std::string::npos);
    EXPECT_NE(encodeImage(*jpeg, o, CancelToken{}).error().message.find("Premature end"), std::string::npos);
}
