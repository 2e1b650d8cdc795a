// Sharded jobs (issue "Scale"): --shard K/N partitions the files by a stable hash of their path relative to
// the dropped folder, and N engines, each with its share, write exactly what one engine writes: the same
// names, the same bytes, no collision renames that depend on which shard saw which file first.
#include "shard.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>

#include "image_factory.hpp"
#include "imgopt/engine.hpp"
#include "output_planner.hpp"
#include "test_support.hpp"
#include "validator.hpp"

using namespace imgopt;
using namespace imgopt::test;
namespace fs = std::filesystem;

namespace {

std::string contents(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), {});
}

// Relative path -> bytes of every file under `dir`.
std::map<std::string, std::string> tree(const fs::path& dir) {
    std::map<std::string, std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file()) out[e.path().lexically_relative(dir).string()] = contents(e.path());
    return out;
}

// A folder with the collisions sharding must get right: inputs that map to one output (a.png, a.jpg and
// a.tif all become a.webp), an input named like a numbered output, a damaged file that still claims its
// name, and a nested folder.
void makeJob(const fs::path& in) {
    ImageSpec small{40, 30};
    makeImage(in / "a.png", small);
    makeImage(in / "a.jpg", small);
    makeImage(in / "a.tif", small);
    makeImage(in / "a-1.jpg", small);
    writeText(in / "a-2.png", "not a png at all");
    for (int i = 0; i < 12; ++i) makeImage(in / "nested" / ("img" + std::to_string(i) + ".jpg"), small);
}

Options webp(const fs::path& out) {
    Options o;
    o.convertTo = ImageFormat::Webp;
    o.outputMode = OutputMode::OutputDir;
    o.outputDir = out;
    o.allowLarger = true;  // every input gets an output, so names are what is compared
    return o;
}

RunReport run(const Options& o, const fs::path& in, std::optional<Shard> shard) {
    EngineConfig config;
    config.useRunState = false;
    config.workers = 2;
    config.shard = shard;
    BatchEngine engine(o, config);
    engine.addPaths({in});
    engine.wait();
    return engine.report();
}

}  // namespace

TEST(Shard, ParsesKOfN) {
    auto s = parseShard("2/3");
    ASSERT_TRUE(s);
    EXPECT_EQ(s->index, 2);
    EXPECT_EQ(s->count, 3);
    for (const char* bad : {"0/3", "4/3", "3", "a/b", "1/0", "1/3x", "-1/3", "1/100001"})
        EXPECT_FALSE(parseShard(bad)) << bad;
}

TEST(Shard, RefusesOutputModesBesideTheOriginals) {
    Options o;
    o.outputMode = OutputMode::InPlace;
    EXPECT_FALSE(checkShardable(o));
    o.outputMode = OutputMode::Suffix;
    EXPECT_FALSE(checkShardable(o));
    o.outputMode = OutputMode::OptimizedSubfolder;
    EXPECT_TRUE(checkShardable(o));
    o.outputMode = OutputMode::OutputDir;
    EXPECT_TRUE(checkShardable(o));
}

TEST(Shard, ThePartitionIsStableAndBalanced) {
    // Relative to the dropped folder: the same on every machine, whatever the mount point.
    EXPECT_EQ(shardOf("/mnt/a/photos/x/1.jpg", "/mnt/a/photos", 7),
              shardOf("/srv/photos/x/1.jpg", "/srv/photos", 7));
    EXPECT_EQ(shardKey("/mnt/a/photos/x/1.jpg", "/mnt/a/photos"), "x/1.jpg");
    EXPECT_EQ(shardKey("/somewhere/file.png", ""), "file.png");
    std::map<int, int> counts;
    for (int i = 0; i < 30'000; ++i) ++counts[shardOf("/p/img" + std::to_string(i) + ".jpg", "/p", 3)];
    ASSERT_EQ(counts.size(), 3u);
    for (auto [k, n] : counts) {
        EXPECT_GE(k, 1);
        EXPECT_LE(k, 3);
        EXPECT_NEAR(n, 10'000, 500) << "shard " << k;
    }
}

TEST(Shard, ClaimsDoNotDependOnValidationNorOnOwnership) {
    TempDir dir;
    makeJob(dir / "in");
    const Options o = webp(dir / "out");
    // Names from claims alone: one planner owns every file, the other none of a.png's and a-1.jpg's.
    std::vector<ScanItem> items;
    for (const char* name : {"a-1.jpg", "a-2.png", "a.jpg", "a.png", "a.tif"}) {
        ScanItem item;
        item.id = TaskId(items.size() + 1);
        item.path = dir / "in" / name;
        item.root = dir / "in";
        items.push_back(item);
    }
    std::map<std::string, fs::path> names[2];
    for (int p = 0; p < 2; ++p) {
        OutputPlanner planner(o);
        for (const auto& item : items)
            planner.claim(item, sniffFormat(item.path), p == 0 || item.id % 2 == 1);
        for (const auto& item : items) {
            if (p == 1 && item.id % 2 == 0) continue;
            auto v = validate(item, o);
            if (!v) continue;  // a-2.png is damaged: it fails, and its name stays claimed
            auto planned = planner.plan(*v);
            ASSERT_TRUE(planned) << planned.error().message;
            names[p][item.path.filename().string()] = planned->output;
        }
    }
    for (const auto& [name, out] : names[1]) EXPECT_EQ(out, names[0][name]) << name;
    const fs::path base = dir / "out" / "in";
    EXPECT_EQ(names[0]["a-1.jpg"], base / "a-1.webp");
    EXPECT_EQ(names[0]["a.jpg"], base / "a.webp");
    EXPECT_EQ(names[0]["a.png"], base / "a-3.webp") << "a-1 and a-2 are claimed by inputs of those names";
    EXPECT_EQ(names[0]["a.tif"], base / "a-4.webp");
}

TEST(Shard, ThreeShardsWriteExactlyWhatOneRunWrites) {
    TempDir dir;
    makeJob(dir / "in");
    const RunReport single = run(webp(dir / "single"), dir / "in", std::nullopt);
    std::uint64_t files = 0, failed = 0, notImages = 0;
    std::set<std::string> inputs;
    for (int k = 1; k <= 3; ++k) {
        const RunReport part = run(webp(dir / "sharded"), dir / "in", Shard{k, 3});
        files += part.summary.files;
        failed += part.summary.failed;
        notImages += part.scanNotImages;
        for (const auto& f : part.files) EXPECT_TRUE(inputs.insert(f.input.string()).second) << f.input;
        ASSERT_TRUE(part.shard);
        EXPECT_EQ(part.shard->index, k);
    }
    EXPECT_EQ(files, single.summary.files) << "each file in exactly one shard";
    EXPECT_EQ(inputs.size(), single.files.size());
    EXPECT_EQ(failed, single.summary.failed);
    EXPECT_EQ(notImages, single.scanNotImages);
    const auto one = tree(dir / "single"), many = tree(dir / "sharded");
    EXPECT_EQ(one.size(), 16u) << "17 inputs, one of them damaged";
    ASSERT_EQ(many.size(), one.size());
    for (const auto& [name, bytes] : one) {
        auto it = many.find(name);
        ASSERT_NE(it, many.end()) << name << " is missing from the sharded output";
        EXPECT_TRUE(it->second == bytes) << name << " differs";
    }
}
