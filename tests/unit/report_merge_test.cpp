// --merge-reports: the JSON reports of a job's shards become one report whose totals, percentiles and rows
// cover every shard; reports that do not belong together are refused with a reason.
#include "imgopt/report_merge.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "imgopt/report_writer.hpp"
#include "report_builder.hpp"
#include "test_support.hpp"

using namespace imgopt;
using imgopt::test::TempDir;
namespace fs = std::filesystem;

namespace {

TaskResult file(TaskId id, TaskStatus status, ImageFormat format) {
    TaskResult r;
    r.id = id;
    r.input = "/photos/img" + std::to_string(id) + ".jpg";
    r.status = status;
    r.inputFormat = format;
    r.inputBytes = 1000 * id;
    if (status == TaskStatus::Optimized) {
        r.output = "/out/img" + std::to_string(id) + ".jpg";
        r.outputFormat = format;
        r.outputBytes = 500 * id;
    } else if (status == TaskStatus::Failed) {
        r.error = "damaged";
        r.errorCode = ErrorCode::InputDamaged;
    }
    r.timings.processSeconds = 0.1 * double(id);
    r.batch = 1;
    r.worker = 0;
    return r;
}

// Shard `index` of 3 takes the ids that are `index` modulo 3.
fs::path shardReport(const fs::path& dir, int index, double wall, Options options = {}) {
    RunReport r;
    r.settings = options;
    r.shard = Shard{index, 3};
    r.workers = 2;
    r.workerBusySeconds = {1.0, 2.0};
    r.workerValidateSeconds = {0.1, 0.2};
    r.scanNotImages = 1;
    for (TaskId id = 1; id <= 30; ++id) {
        if (int(id % 3) + 1 != index) continue;
        const auto status = id % 10 == 0 ? TaskStatus::Failed : TaskStatus::Optimized;
        r.files.push_back(file(id, status, id % 2 ? ImageFormat::Jpeg : ImageFormat::Png));
    }
    r.summary.wallSeconds = wall;
    summarise(r);
    const fs::path path = dir / ("shard" + std::to_string(index) + ".json");
    EXPECT_TRUE(writeReport(r, path));
    return path;
}

}  // namespace

TEST(ReportMerge, TotalsAndRowsCoverEveryShard) {
    TempDir dir;
    auto merged = mergeReports(
        {shardReport(dir.path(), 1, 4.0), shardReport(dir.path(), 2, 6.0), shardReport(dir.path(), 3, 5.0)});
    ASSERT_TRUE(merged) << merged.error().message;
    RunReport whole;
    for (TaskId id = 1; id <= 30; ++id)
        whole.files.push_back(file(id, id % 10 == 0 ? TaskStatus::Failed : TaskStatus::Optimized,
                                   id % 2 ? ImageFormat::Jpeg : ImageFormat::Png));
    summarise(whole);
    EXPECT_EQ(merged->files.size(), 30u);
    EXPECT_EQ(merged->summary.files, 30u);
    EXPECT_EQ(merged->summary.failed, 3u);
    EXPECT_EQ(merged->summary.optimized, whole.summary.optimized);
    EXPECT_EQ(merged->summary.inputBytes, whole.summary.inputBytes);
    EXPECT_EQ(merged->summary.outputBytes, whole.summary.outputBytes);
    EXPECT_DOUBLE_EQ(merged->processSeconds.p50, whole.processSeconds.p50) << "from all rows, not averaged";
    EXPECT_DOUBLE_EQ(merged->processSeconds.p90, whole.processSeconds.p90);
    EXPECT_DOUBLE_EQ(merged->processSeconds.max, 3.0);
    EXPECT_DOUBLE_EQ(merged->summary.wallSeconds, 6.0) << "the shards ran side by side";
    EXPECT_EQ(merged->workers, 6);
    EXPECT_EQ(merged->scanNotImages, 3u);
    EXPECT_EQ(merged->mergedShards, 3);
    // Any report format can be written from it; the JSON one merges again.
    const fs::path json = dir / "total.json";
    ASSERT_TRUE(writeReport(*merged, json));
    ASSERT_TRUE(writeReport(*merged, dir / "total.html"));
    ASSERT_TRUE(writeReport(*merged, dir / "total.csv"));
    ASSERT_TRUE(writeReport(*merged, dir / "total.md"));
    std::ifstream in(json);
    const auto j = nlohmann::json::parse(in);
    EXPECT_EQ(j["summary"]["files"], 30);
    EXPECT_EQ(j["files"].size(), 30u);
}

TEST(ReportMerge, AMissingShardIsANotice) {
    TempDir dir;
    auto merged = mergeReports({shardReport(dir.path(), 1, 1.0), shardReport(dir.path(), 3, 1.0)});
    ASSERT_TRUE(merged) << merged.error().message;
    EXPECT_EQ(merged->summary.files, 20u);
    bool told = false;
    for (const auto& n : merged->notices) told |= n.find("shards missing: 2 of 3") != std::string::npos;
    EXPECT_TRUE(told);
}

TEST(ReportMerge, RefusesReportsThatDoNotBelongTogether) {
    TempDir dir;
    const auto one = shardReport(dir.path(), 1, 1.0);
    auto twice = mergeReports({one, one});
    ASSERT_FALSE(twice);
    EXPECT_NE(twice.error().message.find("already among the reports"), std::string::npos);

    Options other;
    other.quality = 50;
    TempDir otherDir;
    auto mixed = mergeReports({one, shardReport(otherDir.path(), 2, 1.0, other)});
    ASSERT_FALSE(mixed);
    EXPECT_NE(mixed.error().message.find("other settings"), std::string::npos);

    test::writeText(dir / "notes.json", "{\"hello\": 1}");
    auto notReport = mergeReports({dir / "notes.json"});
    ASSERT_FALSE(notReport);
    EXPECT_NE(notReport.error().message.find("not an ImgOpt JSON report"), std::string::npos);

    std::ifstream in(one, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), {});
    test::writeText(dir / "cut.json", text.substr(0, text.size() / 2));
    auto cut = mergeReports({dir / "cut.json"});
    ASSERT_FALSE(cut);
    EXPECT_NE(cut.error().message.find("cut.json"), std::string::npos);

    auto missing = mergeReports({dir / "nowhere.json"});
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, ErrorCode::InputUnreadable);
}
