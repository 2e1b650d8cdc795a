// The scanner: recursion, hidden files, duplicates, symlink safety, our own output folders, non-images.
#include "scanner.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <future>

#include "image_factory.hpp"
#include "test_support.hpp"

using namespace imgopt;
using namespace imgopt::test;
using namespace std::chrono_literals;

namespace {

struct ScanRun {
    ScanSummary summary;
    std::vector<ScanItem> items;
    std::vector<std::string> names(const fs::path& base) const {
        std::vector<std::string> out;
        for (const auto& i : items) out.push_back(i.path.lexically_relative(base).generic_string());
        std::sort(out.begin(), out.end());
        return out;
    }
};

ScanRun scan(const std::vector<fs::path>& inputs, Options o = {}) {
    ScanRun r;
    Scanner scanner(o);
    r.summary = scanner.scan(inputs, [&](ScanItem i) { r.items.push_back(std::move(i)); });
    return r;
}

void smallJpeg(const fs::path& p) { makeImage(p, {.width = 16, .height = 16, .noise = false}); }

}  // namespace

TEST(Scanner, RecursesAndSetsRoot) {
    TempDir dir;
    const auto root = dir / "photos";
    smallJpeg(root / "a.jpg");
    smallJpeg(root / "nested/b.jpg");
    smallJpeg(root / "nested/deeper/c.jpg");
    auto r = scan({root});
    EXPECT_EQ(r.names(root), (std::vector<std::string>{"a.jpg", "nested/b.jpg", "nested/deeper/c.jpg"}));
    EXPECT_EQ(r.summary.files, 3u);
    for (const auto& i : r.items) {
        EXPECT_EQ(i.root, root);
        EXPECT_TRUE(i.path.is_absolute());
        EXPECT_EQ(i.bytes, fs::file_size(i.path));
        EXPECT_GT(i.id, 0u);
    }
    // Ids are unique.
    std::vector<TaskId> ids;
    for (const auto& i : r.items) ids.push_back(i.id);
    std::sort(ids.begin(), ids.end());
    EXPECT_EQ(std::unique(ids.begin(), ids.end()), ids.end());
}

TEST(Scanner, StableSortedOrder) {
    TempDir dir;
    for (const char* n : {"c.jpg", "a.jpg", "b.jpg"}) smallJpeg(dir / "r" / n);
    auto r1 = scan({dir / "r"});
    auto r2 = scan({dir / "r"});
    ASSERT_EQ(r1.items.size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(r1.items[i].path, r2.items[i].path);
    EXPECT_EQ(r1.items[0].path.filename(), "a.jpg");
}

TEST(Scanner, DroppedFileHasEmptyRoot) {
    TempDir dir;
    smallJpeg(dir / "single.jpg");
    auto r = scan({dir / "single.jpg"});
    ASSERT_EQ(r.items.size(), 1u);
    EXPECT_TRUE(r.items[0].root.empty());
}

TEST(Scanner, HiddenSkippedUnlessAsked) {
    TempDir dir;
    const auto root = dir / "r";
    smallJpeg(root / "visible.jpg");
    smallJpeg(root / ".hidden.jpg");
    smallJpeg(root / ".secret/inside.jpg");
    auto r = scan({root});
    EXPECT_EQ(r.names(root), (std::vector<std::string>{"visible.jpg"}));
    EXPECT_GE(r.summary.hiddenSkipped, 1u);
    Options o;
    o.includeHidden = true;
    auto all = scan({root}, o);
    EXPECT_EQ(all.names(root),
              (std::vector<std::string>{".hidden.jpg", ".secret/inside.jpg", "visible.jpg"}));
}

TEST(Scanner, DuplicatesCountedOnce) {
    TempDir dir;
    const auto root = dir / "r";
    smallJpeg(root / "a.jpg");
    smallJpeg(root / "sub/b.jpg");
    auto r = scan({root, root / "a.jpg", root / "sub", dir / "r/./sub/../a.jpg"});
    EXPECT_EQ(r.items.size(), 2u);
    EXPECT_EQ(r.summary.files, 2u);
    EXPECT_GE(r.summary.duplicates, 2u);
}

TEST(Scanner, SymlinkLoopDoesNotHang) {
    TempDir dir;
    const auto root = dir / "r";
    smallJpeg(root / "a/x.jpg");
    fs::create_directory_symlink(root, root / "a/loop");  // points back up
    fs::create_directory_symlink(root / "a", root / "a/self");
    auto fut = std::async(std::launch::async, [&] { return scan({root}); });
    ASSERT_EQ(fut.wait_for(20s), std::future_status::ready) << "scan loops on symlinks";
    auto r = fut.get();
    EXPECT_EQ(r.items.size(), 1u);
}

TEST(Scanner, LinksLeavingTheRootAreNotFollowed) {
    TempDir dir;
    const auto root = dir / "r";
    smallJpeg(root / "inside.jpg");
    smallJpeg(dir / "outside/o1.jpg");
    smallJpeg(dir / "outside-file.jpg");
    fs::create_directory_symlink(dir / "outside", root / "linkdir");
    fs::create_symlink(dir / "outside-file.jpg", root / "linkfile.jpg");
    auto r = scan({root});
    for (const auto& i : r.items)
        EXPECT_EQ(fs::weakly_canonical(i.path).string().rfind(fs::weakly_canonical(root).string(), 0), 0u)
            << "left the root: " << i.path;
    EXPECT_EQ(r.names(root), (std::vector<std::string>{"inside.jpg"}));
}

TEST(Scanner, NeverScansOwnOptimizedFolder) {
    TempDir dir;
    const auto root = dir / "r";
    smallJpeg(root / "a.jpg");
    smallJpeg(root / "optimized/a.jpg");
    smallJpeg(root / "sub/optimized/b.jpg");
    auto r = scan({root});
    EXPECT_EQ(r.names(root), (std::vector<std::string>{"a.jpg"}));
}

TEST(Scanner, NeverScansOutputDir) {
    TempDir dir;
    const auto root = dir / "r";
    smallJpeg(root / "a.jpg");
    smallJpeg(root / "out/r/a.jpg");
    Options o;
    o.outputMode = OutputMode::OutputDir;
    o.outputDir = root / "out";
    auto r = scan({root}, o);
    EXPECT_EQ(r.names(root), (std::vector<std::string>{"a.jpg"}));
}

TEST(Scanner, SkipsOurTempFiles) {
    TempDir dir;
    const auto root = dir / "r";
    smallJpeg(root / "a.jpg");
    smallJpeg(root / "tmp.jpg");
    fs::rename(root / "tmp.jpg", root / ".imgopt-123-0-0.tmp");  // a temp file left by a crashed run
    Options o;
    o.includeHidden = true;
    auto r = scan({root}, o);
    EXPECT_EQ(r.names(root), (std::vector<std::string>{"a.jpg"}));
}

TEST(Scanner, NonImagesCounted) {
    TempDir dir;
    const auto root = dir / "r";
    smallJpeg(root / "a.jpg");
    writeText(root / "notes.txt", "hello");
    writeText(root / "README", "read me");
    makeImage(root / "b.png");
    fs::copy_file(root / "b.png", root / "image-without-extension");
    auto r = scan({root});
    EXPECT_EQ(r.summary.notImages, 2u);
    EXPECT_EQ(r.names(root), (std::vector<std::string>{"a.jpg", "b.png", "image-without-extension"}))
        << "an image is recognised by content";
}

TEST(Scanner, MissingPathBecomesATaskNotACrash) {
    TempDir dir;
    auto r = scan({dir / "does-not-exist.jpg"});
    // Either a per-file task (which then fails validation) or a scan error: never silently nothing.
    EXPECT_TRUE(r.items.size() == 1 || !r.summary.errors.empty());
}

TEST(Scanner, CancelStopsEarly) {
    TempDir dir;
    for (int i = 0; i < 5; ++i) smallJpeg(dir / "r" / ("f" + std::to_string(i) + ".jpg"));
    CancelToken cancel;
    cancel.cancel();
    Scanner scanner{Options{}};
    std::size_t n = 0;
    scanner.scan(
        {dir / "r"}, [&](ScanItem) { ++n; }, &cancel);
    EXPECT_EQ(n, 0u);
}

TEST(Scanner, AFolderRemovedDuringTheScanIsReportedAndTheScanGoesOn) {
    TempDir dir;
    smallJpeg(dir / "r/a/1.jpg");
    smallJpeg(dir / "r/b/2.jpg");
    smallJpeg(dir / "r/c/3.jpg");
    Scanner scanner{Options{}};
    std::vector<std::string> names;
    // When the first file arrives, folder b (already listed, not yet read) vanishes, as a user might delete
    // it.
    const auto summary = scanner.scan({dir / "r"}, [&](ScanItem item) {
        names.push_back(item.path.filename().string());
        if (names.size() == 1) fs::remove_all(dir / "r/b");
    });
    EXPECT_EQ(names, (std::vector<std::string>{"1.jpg", "3.jpg"}))
        << "the scan goes on past the vanished folder";
    ASSERT_EQ(summary.errors.size(), 1u);
    EXPECT_NE(summary.errors[0].find("/r/b"), std::string::npos) << summary.errors[0];
}
