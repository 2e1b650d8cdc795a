// Issue "Scale": one job split over three processes (--shard K/N), run side by side into one output folder,
// writes exactly what a single run writes, and --merge-reports gives the single run's totals.
#include <set>

#include "cli_corpus_fixture.hpp"

namespace imgopt::test {
namespace {

class CliShard : public CliCorpus {};

std::string contents(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), {});
}

std::map<std::string, std::string> outputs(const fs::path& dir) {
    std::map<std::string, std::string> out;
    if (!fs::exists(dir)) return out;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file()) out[e.path().lexically_relative(dir).generic_string()] = contents(e.path());
    return out;
}

TEST_F(CliShard, ThreeShardProcessesEqualOneRunAndTheirReportsMerge) {
    const fs::path corpus = copy(".");
    const std::vector<std::string> common{"-j1", "--format", "webp", corpus.string()};
    std::vector<std::unique_ptr<BackgroundProcess>> shards;
    for (int k = 1; k <= 3; ++k) {
        std::vector<std::string> args{
            "--shard",      std::to_string(k) + "/3",
            "--output-dir", (out_ / "sharded").string(),
            "--state-dir",  (out_ / ("state" + std::to_string(k))).string(),
            "--report",     (out_ / ("shard" + std::to_string(k) + ".json")).string()};
        args.insert(args.end(), common.begin(), common.end());
        shards.push_back(std::make_unique<BackgroundProcess>(cliPath(), args));
    }
    for (auto& p : shards) {
        const auto r = p->wait();
        // 1 when the shard's share holds one of the corpus's bad files.
        EXPECT_TRUE(r.exitCode == 0 || r.exitCode == 1) << describe(r);
    }
    std::vector<std::string> single{"--output-dir", (out_ / "single").string(),
                                    "--state-dir",  (out_ / "state0").string(),
                                    "--report",     (out_ / "single.json").string()};
    single.insert(single.end(), common.begin(), common.end());
    const auto one = runCli(single);
    EXPECT_EQ(one.exitCode, 1) << describe(one);

    const auto a = outputs(out_ / "single"), b = outputs(out_ / "sharded");
    EXPECT_GT(a.size(), 15u);
    EXPECT_EQ(a.size(), b.size());
    for (const auto& [rel, bytes] : a) {
        const auto it = b.find(rel);
        ASSERT_NE(it, b.end()) << rel << " is not in the sharded output";
        EXPECT_TRUE(it->second == bytes) << rel << " has other bytes in the sharded output";
    }

    // Every input in exactly one shard.
    std::set<std::string> seen;
    std::uint64_t perShard[4] = {};
    for (int k = 1; k <= 3; ++k) {
        const json r = loadJson(out_ / ("shard" + std::to_string(k) + ".json"));
        EXPECT_EQ(r["shard"]["index"], k);
        for (const auto& f : r["files"]) EXPECT_TRUE(seen.insert(str(f, "input")).second) << str(f, "input");
        perShard[k] = r["summary"]["files"].get<std::uint64_t>();
    }
    EXPECT_GT(perShard[1] * perShard[2] * perShard[3], 0u) << "each shard took a share";

    const auto merged =
        runCli({"--merge-reports", (out_ / "shard1.json").string(), (out_ / "shard2.json").string(),
                (out_ / "shard3.json").string(), "--report", (out_ / "total.json").string()});
    EXPECT_EQ(merged.exitCode, 1) << "failed files are still failed: " << describe(merged);
    ASSERT_TRUE(fs::exists(out_ / "total.json")) << describe(merged);
    const json total = loadJson(out_ / "total.json"), whole = loadJson(out_ / "single.json");
    for (const char* key : {"files", "optimized", "keptOriginal", "skipped", "failed", "inputBytes",
                            "outputBytes", "savedBytes", "notImages", "duplicates", "hiddenSkipped"})
        EXPECT_EQ(total["summary"][key], whole["summary"][key]) << key;
    EXPECT_EQ(total["files"].size(), whole["files"].size());
    EXPECT_EQ(total["mergedShards"], 3);
    const auto html =
        runCli({"--merge-reports", (out_ / "shard1.json").string(), (out_ / "shard2.json").string(),
                (out_ / "shard3.json").string(), "--report", (out_ / "total.html").string()});
    EXPECT_TRUE(fs::exists(out_ / "total.html")) << describe(html);
}

TEST_F(CliShard, RefusedWhereOutputsLieBesideTheOriginals) {
    const fs::path dir = copy("photos");
    const auto r = runCli({"--shard", "1/2", "--in-place", dir.string()});
    EXPECT_EQ(r.exitCode, 2) << describe(r);
    EXPECT_NE(r.err.find("cannot be split into shards"), std::string::npos) << describe(r);
    const auto bad = runCli({"--shard", "3/2", dir.string()});
    EXPECT_EQ(bad.exitCode, 2) << describe(bad);
}

}  // namespace
}  // namespace imgopt::test
