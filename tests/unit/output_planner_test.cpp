// The output planner: four output modes, mirrored trees, collisions and conflict policies; targetSize.
#include "output_planner.hpp"

#include <gtest/gtest.h>

#include <set>

#include "test_support.hpp"

using namespace imgopt;
using namespace imgopt::test;

namespace {

ValidatedTask task(const fs::path& path, ImageFormat in, ImageFormat out, const fs::path& root = {},
                   int w = 400, int h = 300) {
    ValidatedTask t;
    static TaskId nextId = 1;  // every input of a run has its own id
    t.source.id = nextId++;
    t.source.path = path;
    t.source.root = root;
    t.header.format = in;
    t.header.width = w;
    t.header.height = h;
    t.header.bands = 3;
    t.outputFormat = out;
    return t;
}

PlannedTask planned(OutputPlanner& planner, const ValidatedTask& t) {
    auto r = planner.plan(t);
    if (!r) {
        ADD_FAILURE() << t.source.path << ": " << r.error().message;
        return {};
    }
    return *r;
}

}  // namespace

TEST(OutputPlanner, DefaultModeWritesOptimizedFolderBesideSource) {
    TempDir dir;
    OutputPlanner planner{Options{}};
    auto a =
        planned(planner, task(dir / "photos/a.jpg", ImageFormat::Jpeg, ImageFormat::Jpeg, dir / "photos"));
    EXPECT_EQ(a.output, dir / "photos/optimized/a.jpg");
    auto b = planned(planner,
                     task(dir / "photos/nested/b.jpg", ImageFormat::Jpeg, ImageFormat::Jpeg, dir / "photos"));
    EXPECT_EQ(b.output, dir / "photos/nested/optimized/b.jpg");
    EXPECT_EQ(a.action, Action::Encode);
}

TEST(OutputPlanner, ConversionChangesExtensionAndKeepsMatchingOne) {
    TempDir dir;
    OutputPlanner planner{Options{}};
    auto a = planned(planner, task(dir / "a.png", ImageFormat::Png, ImageFormat::Webp));
    EXPECT_EQ(a.output, dir / "optimized/a.webp");
    auto b = planned(planner, task(dir / "UPPER.TIF", ImageFormat::Tiff, ImageFormat::Tiff));
    EXPECT_EQ(b.output.parent_path(), dir / "optimized");
    EXPECT_EQ(formatFromExtension(b.output), ImageFormat::Tiff);
    EXPECT_EQ(b.output.stem(), "UPPER");
    auto c = planned(planner, task(dir / "photo.heic", ImageFormat::Heif, ImageFormat::Avif));
    EXPECT_EQ(c.output, dir / "optimized/photo.avif");
}

TEST(OutputPlanner, MislabelledFileGetsItsRealExtension) {
    TempDir dir;
    OutputPlanner planner{Options{}};
    auto a = planned(planner, task(dir / "png-named.jpg", ImageFormat::Png, ImageFormat::Png));
    EXPECT_EQ(formatFromExtension(a.output), ImageFormat::Png) << a.output;
}

TEST(OutputPlanner, SuffixModeWritesBesideSource) {
    TempDir dir;
    Options o;
    o.outputMode = OutputMode::Suffix;
    o.suffix = "-small";
    OutputPlanner planner{o};
    auto a = planned(planner, task(dir / "a.jpg", ImageFormat::Jpeg, ImageFormat::Jpeg));
    EXPECT_EQ(a.output, dir / "a-small.jpg");
    auto b = planned(planner, task(dir / "b.png", ImageFormat::Png, ImageFormat::Webp));
    EXPECT_EQ(b.output, dir / "b-small.webp");
}

TEST(OutputPlanner, InPlaceModeTargetsTheSourceItself) {
    TempDir dir;
    writeText(dir / "a.jpg", "x");
    Options o;
    o.outputMode = OutputMode::InPlace;
    OutputPlanner planner{o};
    auto a = planned(planner, task(dir / "a.jpg", ImageFormat::Jpeg, ImageFormat::Jpeg));
    EXPECT_EQ(a.output, dir / "a.jpg");
    EXPECT_EQ(a.action, Action::Encode);
}

TEST(OutputPlanner, OutputDirMirrorsDroppedFolderName) {
    TempDir dir;
    Options o;
    o.outputMode = OutputMode::OutputDir;
    o.outputDir = dir / "out";
    OutputPlanner planner{o};
    const auto root = dir / "ROOT";
    auto a = planned(planner, task(root / "a/b.jpg", ImageFormat::Jpeg, ImageFormat::Jpeg, root));
    EXPECT_EQ(a.output, dir / "out/ROOT/a/b.jpg");
    auto top = planned(planner, task(root / "c.jpg", ImageFormat::Jpeg, ImageFormat::Jpeg, root));
    EXPECT_EQ(top.output, dir / "out/ROOT/c.jpg");
    // A dropped single file lands directly in DIR.
    auto single = planned(planner, task(dir / "elsewhere/b.jpg", ImageFormat::Jpeg, ImageFormat::Jpeg));
    EXPECT_EQ(single.output, dir / "out/b.jpg");
}

TEST(OutputPlanner, CollisionsInOneRunAllGetDistinctOutputs) {
    TempDir dir;
    Options o;
    o.convertTo = ImageFormat::Webp;
    OutputPlanner planner{o};
    std::set<fs::path> outputs;
    for (auto [name, fmt] :
         {std::pair{"photo.heic", ImageFormat::Heif}, std::pair{"photo.avif", ImageFormat::Avif},
          std::pair{"photo.tif", ImageFormat::Tiff}, std::pair{"photo.jpg", ImageFormat::Jpeg}}) {
        auto p = planned(planner, task(dir / name, fmt, ImageFormat::Webp));
        EXPECT_EQ(p.output.parent_path(), dir / "optimized");
        EXPECT_EQ(formatFromExtension(p.output), ImageFormat::Webp) << p.output;
        EXPECT_EQ(p.action, Action::Encode);
        EXPECT_TRUE(outputs.insert(p.output).second) << "two inputs map to " << p.output;
    }
    EXPECT_EQ(outputs.size(), 4u);
    EXPECT_TRUE(outputs.count(dir / "optimized/photo.webp"));
}

TEST(OutputPlanner, CollisionsWinEvenUnderOverwriteAndSkip) {
    for (auto policy : {ConflictPolicy::Overwrite, ConflictPolicy::Skip}) {
        TempDir dir;
        Options o;
        o.convertTo = ImageFormat::Webp;
        o.onConflict = policy;
        OutputPlanner planner{o};
        auto a = planned(planner, task(dir / "photo.heic", ImageFormat::Heif, ImageFormat::Webp));
        auto b = planned(planner, task(dir / "photo.tif", ImageFormat::Tiff, ImageFormat::Webp));
        EXPECT_NE(a.output, b.output) << toString(policy);
        EXPECT_EQ(b.action, Action::Encode) << "the second input is not lost: " << toString(policy);
    }
}

TEST(OutputPlanner, ExistingFileRename) {
    TempDir dir;
    writeText(dir / "optimized/a.jpg", "old");
    OutputPlanner planner{Options{}};
    auto a = planned(planner, task(dir / "a.jpg", ImageFormat::Jpeg, ImageFormat::Jpeg));
    EXPECT_NE(a.output, dir / "optimized/a.jpg");
    EXPECT_EQ(a.output.parent_path(), dir / "optimized");
    EXPECT_FALSE(fs::exists(a.output));
    EXPECT_EQ(a.action, Action::Encode);
}

TEST(OutputPlanner, ExistingFileOverwrite) {
    TempDir dir;
    writeText(dir / "optimized/a.jpg", "old");
    Options o;
    o.onConflict = ConflictPolicy::Overwrite;
    OutputPlanner planner{o};
    auto a = planned(planner, task(dir / "a.jpg", ImageFormat::Jpeg, ImageFormat::Jpeg));
    EXPECT_EQ(a.output, dir / "optimized/a.jpg");
    EXPECT_EQ(a.action, Action::Encode);
}

TEST(OutputPlanner, ExistingFileSkip) {
    TempDir dir;
    writeText(dir / "optimized/a.jpg", "old");
    Options o;
    o.onConflict = ConflictPolicy::Skip;
    OutputPlanner planner{o};
    auto a = planned(planner, task(dir / "a.jpg", ImageFormat::Jpeg, ImageFormat::Jpeg));
    EXPECT_EQ(a.action, Action::Skip);
}

TEST(OutputPlanner, InPlaceConversionNeverReplacesNeighbour) {
    TempDir dir;
    writeText(dir / "a.png", "x");
    writeText(dir / "a.webp", "another original");
    Options o;
    o.outputMode = OutputMode::InPlace;
    o.convertTo = ImageFormat::Webp;
    o.onConflict = ConflictPolicy::Overwrite;
    OutputPlanner planner{o};
    auto a = planned(planner, task(dir / "a.png", ImageFormat::Png, ImageFormat::Webp));
    EXPECT_NE(a.output, dir / "a.webp");
}

TEST(OutputPlanner, SetsTargetSizeAndEstimate) {
    TempDir dir;
    Options o;
    o.resize = Resize{ResizeMode::Width, 200};
    OutputPlanner planner{o};
    auto a = planned(planner, task(dir / "a.jpg", ImageFormat::Jpeg, ImageFormat::Jpeg, {}, 400, 300));
    EXPECT_EQ(a.targetWidth, 200);
    EXPECT_EQ(a.targetHeight, 150);
    EXPECT_GT(a.estimatedBytes, 0u);
}

TEST(OutputPlanner, NaturalOutputDoesNotReserve) {
    TempDir dir;
    OutputPlanner planner{Options{}};
    ScanItem item;
    item.path = dir / "a.jpg";
    EXPECT_EQ(planner.naturalOutput(item, ImageFormat::Jpeg), dir / "optimized/a.jpg");
    EXPECT_EQ(planner.naturalOutput(item, ImageFormat::Jpeg), dir / "optimized/a.jpg");
    auto a = planned(planner, task(dir / "a.jpg", ImageFormat::Jpeg, ImageFormat::Jpeg));
    EXPECT_EQ(a.output, dir / "optimized/a.jpg");
}

TEST(TargetSize, OnlyShrinksAndKeepsAspect) {
    EXPECT_EQ(targetSize(Resize{}, 4000, 3000), std::pair(4000, 3000));
    EXPECT_EQ(targetSize(Resize{ResizeMode::Width, 800}, 4000, 3000), std::pair(800, 600));
    EXPECT_EQ(targetSize(Resize{ResizeMode::Height, 300}, 4000, 3000), std::pair(400, 300));
    EXPECT_EQ(targetSize(Resize{ResizeMode::LongEdge, 1000}, 3000, 4000), std::pair(750, 1000));
    EXPECT_EQ(targetSize(Resize{ResizeMode::LongEdge, 1000}, 4000, 3000), std::pair(1000, 750));
    EXPECT_EQ(targetSize(Resize{ResizeMode::ShortEdge, 600}, 4000, 3000), std::pair(800, 600));
    EXPECT_EQ(targetSize(Resize{ResizeMode::ShortEdge, 600}, 3000, 4000), std::pair(600, 800));
    // Never enlarges.
    EXPECT_EQ(targetSize(Resize{ResizeMode::Width, 8000}, 4000, 3000), std::pair(4000, 3000));
    EXPECT_EQ(targetSize(Resize{ResizeMode::LongEdge, 4000}, 4000, 3000), std::pair(4000, 3000));
    // Never collapses to zero.
    auto tiny = targetSize(Resize{ResizeMode::Width, 1}, 4000, 10);
    EXPECT_EQ(tiny.first, 1);
    EXPECT_GE(tiny.second, 1);
}

TEST(OutputPlanner, OutputLargerThanTheFormatHoldsFailsBeforeEncoding) {
    TempDir dir;
    OutputPlanner planner{Options{}};
    auto r = planner.plan(task(dir / "pano.jpg", ImageFormat::Jpeg, ImageFormat::Webp, {}, 20000, 2000));
    ASSERT_FALSE(r.has_value()) << "WebP holds at most 16383 pixels on a side";
    const Error* e = &r.error();
    EXPECT_EQ(e->code, ErrorCode::OutputTooLarge);
    EXPECT_NE(e->message.find("20000x2000"), std::string::npos) << e->message;
    EXPECT_NE(e->message.find("16383"), std::string::npos) << e->message;

    // The same panorama fits as JPEG, and as WebP once resized; the refused name was not reserved.
    EXPECT_EQ(planned(planner, task(dir / "pano.jpg", ImageFormat::Jpeg, ImageFormat::Jpeg, {}, 20000, 2000))
                  .output,
              dir / "optimized/pano.jpg");
    Options resized;
    resized.resize = {ResizeMode::LongEdge, 8000};
    OutputPlanner resizing{resized};
    const auto p =
        planned(resizing, task(dir / "pano.jpg", ImageFormat::Jpeg, ImageFormat::Webp, {}, 20000, 2000));
    EXPECT_EQ(p.targetWidth, 8000);
    EXPECT_EQ(p.output, dir / "optimized/pano.webp");
}
