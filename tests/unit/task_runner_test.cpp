// runTask end to end on one file: never bigger, kept-original copies, in-place, dates, no temp files left.
#include "task_runner.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <utime.h>

#include "image_factory.hpp"
#include "pipeline.hpp"
#include "test_support.hpp"

using namespace imgopt;
using namespace imgopt::test;

namespace {

TaskResult run(const fs::path& src, const Options& o, const CancelToken& cancel = {}) {
    auto task = planFile(src, o);
    if (!task) return {};
    return runTask(*task, o, cancel);
}

// A PNG that our own lossless preset cannot shrink: the result of that preset on a tiny image.
fs::path alreadyOptimizedPng(const TempDir& dir) {
    const auto raw = dir / "seed/raw.png";
    makeImage(raw, {.width = 24, .height = 24, .noise = false});
    Options o;
    o.quality = 100;
    auto r = run(raw, o);
    EXPECT_TRUE(r.output.has_value()) << r.error;
    const auto tiny = dir / "tiny/tiny.png";
    copyFileWritable(r.output ? *r.output : raw, tiny);
    return tiny;
}

time_t mtimeOf(const fs::path& p) {
    struct stat st {};
    stat(p.c_str(), &st);
    return st.st_mtime;
}

}  // namespace

TEST(TaskRunner, OptimizesIntoOptimizedFolder) {
    TempDir dir;
    const auto src = dir / "a.jpg";
    makeImage(src, {.width = 400, .height = 300, .quality = 100});
    const auto before = sha256File(src);
    Options o;
    o.quality = 70;
    auto r = run(src, o);
    EXPECT_EQ(r.status, TaskStatus::Optimized) << r.error;
    ASSERT_TRUE(r.output.has_value());
    EXPECT_EQ(*r.output, dir / "optimized/a.jpg");
    EXPECT_EQ(r.outputBytes, fs::file_size(*r.output));
    EXPECT_LT(r.outputBytes, r.inputBytes);
    EXPECT_EQ(r.inputBytes, fs::file_size(src));
    EXPECT_EQ(r.width, 400);
    EXPECT_EQ(r.height, 300);
    EXPECT_EQ(r.inputFormat, ImageFormat::Jpeg);
    EXPECT_EQ(r.outputFormat, ImageFormat::Jpeg);
    EXPECT_GT(r.timings.processSeconds, 0.0);
    EXPECT_TRUE(probeImage(*r.output).decoded);
    EXPECT_EQ(sha256File(src), before) << "the original is never touched outside in-place mode";
    EXPECT_TRUE(leftoverTemps(dir.path()).empty());
}

TEST(TaskRunner, KeptOriginalWhenNotSmaller) {
    TempDir dir;
    const auto src = alreadyOptimizedPng(dir);
    const auto hash = sha256File(src);
    Options o;
    o.quality = 100;
    auto r = run(src, o);
    EXPECT_EQ(r.status, TaskStatus::KeptOriginal) << r.error;
    ASSERT_TRUE(r.output.has_value());
    EXPECT_EQ(*r.output, src.parent_path() / "optimized/tiny.png");
    EXPECT_EQ(sha256File(*r.output), hash) << "the output set holds the original's bytes";
    EXPECT_EQ(r.outputBytes, r.inputBytes);
    EXPECT_EQ(sha256File(src), hash);
    EXPECT_TRUE(leftoverTemps(dir.path()).empty());
}

TEST(TaskRunner, AllowLargerWritesTheResult) {
    TempDir dir;
    const auto src = alreadyOptimizedPng(dir);
    Options o;
    o.quality = 100;
    o.allowLarger = true;
    auto r = run(src, o);
    EXPECT_EQ(r.status, TaskStatus::Optimized) << r.error;
    ASSERT_TRUE(r.output.has_value());
    EXPECT_GE(r.outputBytes, r.inputBytes);
    EXPECT_EQ(fs::file_size(*r.output), r.outputBytes);
    EXPECT_TRUE(probeImage(*r.output).decoded);
}

TEST(TaskRunner, ConversionIsAlwaysWritten) {
    TempDir dir;
    const auto src = alreadyOptimizedPng(dir);
    Options o;
    o.convertTo = ImageFormat::Avif;
    o.quality = 100;  // lossless AVIF of a tiny PNG is likely bigger, but the user asked for AVIF
    auto r = run(src, o);
    EXPECT_EQ(r.status, TaskStatus::Optimized) << r.error;
    ASSERT_TRUE(r.output.has_value());
    EXPECT_EQ(loaderFormat(probeImage(*r.output).loader), "heif");
    EXPECT_EQ(r.outputFormat, ImageFormat::Avif);
}

TEST(TaskRunner, InPlaceReplacesWhenSmaller) {
    TempDir dir;
    const auto src = dir / "a.jpg";
    makeImage(src, {.width = 400, .height = 300, .quality = 100});
    const auto before = fs::file_size(src);
    Options o;
    o.outputMode = OutputMode::InPlace;
    o.quality = 60;
    auto r = run(src, o);
    EXPECT_EQ(r.status, TaskStatus::Optimized) << r.error;
    ASSERT_TRUE(r.output.has_value());
    EXPECT_EQ(*r.output, src);
    EXPECT_LT(fs::file_size(src), before);
    const auto p = probeImage(src);
    EXPECT_TRUE(p.decoded);
    EXPECT_EQ(p.width, 400);
    EXPECT_EQ(listFiles(dir.path()), (std::vector<std::string>{"a.jpg"}));
}

TEST(TaskRunner, InPlaceKeepsOriginalWhenNotSmaller) {
    TempDir dir;
    const auto src = alreadyOptimizedPng(dir);
    const auto hash = sha256File(src);
    Options o;
    o.outputMode = OutputMode::InPlace;
    o.quality = 100;
    auto r = run(src, o);
    EXPECT_EQ(r.status, TaskStatus::KeptOriginal) << r.error;
    EXPECT_EQ(sha256File(src), hash);
    EXPECT_EQ(listFiles(src.parent_path()), (std::vector<std::string>{"tiny.png"}));
}

TEST(TaskRunner, KeepDatesCopiesMtime) {
    TempDir dir;
    const auto src = dir / "a.jpg";
    makeImage(src, {.width = 200, .height = 100, .quality = 100});
    struct utimbuf t {};
    t.actime = t.modtime = 1000000000;
    ASSERT_EQ(utime(src.c_str(), &t), 0);
    Options o;
    o.keepDates = true;
    o.quality = 60;
    auto r = run(src, o);
    ASSERT_TRUE(r.output.has_value()) << r.error;
    EXPECT_EQ(mtimeOf(*r.output), 1000000000);

    TempDir dir2;
    const auto src2 = dir2 / "a.jpg";
    makeImage(src2, {.width = 200, .height = 100, .quality = 100});
    ASSERT_EQ(utime(src2.c_str(), &t), 0);
    Options plain;
    plain.quality = 60;
    auto r2 = run(src2, plain);
    ASSERT_TRUE(r2.output.has_value()) << r2.error;
    EXPECT_GT(mtimeOf(*r2.output), 1000000000) << "without --keep-dates the output is new";
}

TEST(TaskRunner, KeepDatesOnKeptOriginalCopy) {
    TempDir dir;
    const auto src = alreadyOptimizedPng(dir);
    struct utimbuf t {};
    t.actime = t.modtime = 1000000000;
    ASSERT_EQ(utime(src.c_str(), &t), 0);
    Options o;
    o.keepDates = true;
    o.quality = 100;
    auto r = run(src, o);
    ASSERT_EQ(r.status, TaskStatus::KeptOriginal) << r.error;
    EXPECT_EQ(mtimeOf(*r.output), 1000000000);
}

TEST(TaskRunner, FailureLeavesNothingBehind) {
    TempDir dir;
    makeImage(dir / "full.jpg", {.width = 400, .height = 300});
    const auto bytes = readText(dir / "full.jpg");
    fs::create_directories(dir / "in");
    writeText(dir / "in/cut.jpg", bytes.substr(0, bytes.size() / 2));
    auto r = run(dir / "in/cut.jpg", Options{});
    EXPECT_EQ(r.status, TaskStatus::Failed);
    EXPECT_FALSE(r.error.empty());
    EXPECT_FALSE(r.output.has_value());
    EXPECT_TRUE(leftoverTemps(dir.path()).empty());
    EXPECT_EQ(listFiles(dir / "in"), (std::vector<std::string>{"cut.jpg"})) << "no output for a failed file";
}

TEST(TaskRunner, CancelLeavesNothingBehind) {
    TempDir dir;
    makeImage(dir / "in/a.jpg", {.width = 400, .height = 300});
    CancelToken cancel;
    cancel.cancel();
    auto r = run(dir / "in/a.jpg", Options{}, cancel);
    EXPECT_NE(r.status, TaskStatus::Optimized);
    EXPECT_NE(r.status, TaskStatus::KeptOriginal);
    EXPECT_FALSE(r.output.has_value());
    EXPECT_TRUE(leftoverTemps(dir.path()).empty());
    EXPECT_EQ(listFiles(dir / "in"), (std::vector<std::string>{"a.jpg"}));
}

TEST(TaskRunner, SkipActionWritesNothing) {
    TempDir dir;
    makeImage(dir / "a.jpg", {.width = 100, .height = 100});
    writeText(dir / "optimized/a.jpg", "existing");
    Options o;
    o.onConflict = ConflictPolicy::Skip;
    auto r = run(dir / "a.jpg", o);
    EXPECT_EQ(r.status, TaskStatus::Skipped);
    EXPECT_EQ(readText(dir / "optimized/a.jpg"), "existing");
}

TEST(TaskRunner, OverwriteReplacesExistingOutput) {
    TempDir dir;
    makeImage(dir / "a.jpg", {.width = 100, .height = 100, .quality = 100});
    writeText(dir / "optimized/a.jpg", "existing");
    Options o;
    o.onConflict = ConflictPolicy::Overwrite;
    o.quality = 60;
    auto r = run(dir / "a.jpg", o);
    EXPECT_EQ(r.status, TaskStatus::Optimized) << r.error;
    EXPECT_EQ(*r.output, dir / "optimized/a.jpg");
    EXPECT_TRUE(probeImage(dir / "optimized/a.jpg").decoded);
}

TEST(TaskRunner, MislabelledWarningReachesResult) {
    TempDir dir;
    makeImage(dir / "real.png", {.width = 64, .height = 64});
    fs::copy_file(dir / "real.png", dir / "png-named.jpg");
    auto r = run(dir / "png-named.jpg", Options{});
    EXPECT_NE(r.status, TaskStatus::Failed) << r.error;
    EXPECT_FALSE(r.warning.empty());
    EXPECT_EQ(r.inputFormat, ImageFormat::Png);
    ASSERT_TRUE(r.output.has_value());
    EXPECT_EQ(loaderFormat(probeImage(*r.output).loader), "png");
}

TEST(TaskRunner, ResultHelpers) {
    ScanItem item;
    item.id = 7;
    item.path = "/x/y.jpg";
    item.bytes = 123;
    auto f = failedResult(item, ImageFormat::Jpeg, Error{ErrorCode::InputDamaged, "broken"});
    EXPECT_EQ(f.status, TaskStatus::Failed);
    EXPECT_EQ(f.id, 7u);
    EXPECT_EQ(f.input, item.path);
    EXPECT_EQ(f.inputBytes, 123u);
    EXPECT_EQ(f.error, "broken");
    EXPECT_EQ(f.errorCode, ErrorCode::InputDamaged);
    EXPECT_FALSE(f.output.has_value());
    auto s = skippedResult(item, ImageFormat::Png, Error{ErrorCode::Cancelled, "cancelled"});
    EXPECT_EQ(s.status, TaskStatus::Skipped);
    EXPECT_FALSE(s.output.has_value());
    EXPECT_EQ(toString(TaskStatus::Optimized), "optimized");
    EXPECT_EQ(toString(TaskStatus::KeptOriginal), "kept-original");
    EXPECT_EQ(toString(TaskStatus::Skipped), "skipped");
    EXPECT_EQ(toString(TaskStatus::Failed), "failed");
}
