// ReportRows: per-file rows kept in memory up to a limit, then streamed to an unnamed temporary file, and
// read back in id order, byte for byte.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "imgopt/report_writer.hpp"
#include "report_builder.hpp"
#include "report_row_json.hpp"

using namespace imgopt;

namespace {

TaskResult row(TaskId id) {
    TaskResult r;
    r.id = id;
    r.input = "/photos/img" + std::to_string(id) + ".jpg";
    r.status = id % 7 == 0 ? TaskStatus::Failed : TaskStatus::Optimized;
    r.inputFormat = ImageFormat::Jpeg;
    if (r.status == TaskStatus::Optimized) {
        r.output = "/out/img" + std::to_string(id) + ".webp";
        r.outputFormat = ImageFormat::Webp;
        r.outputBytes = 600 + id;
        r.width = 96;
        r.height = 64;
    } else {
        r.error = "damaged";
        r.errorCode = ErrorCode::InputDamaged;
    }
    r.inputBytes = 1000 + id;
    r.timings.processSeconds = 0.001 * double(id % 100);
    r.timings.start = double(id);
    r.timings.end = double(id) + 0.5;
    r.worker = int(id % 2);
    r.batch = id;
    r.chosenQuality = 71;
    r.chosenEncoding = "near-lossless";
    r.score = 0.975;
    return r;
}

}  // namespace

TEST(ReportRows, SmallReportsStayInMemory) {
    ReportRows rows;
    for (TaskId id = 1; id <= 10; ++id) rows.push_back(row(id));
    EXPECT_FALSE(rows.spilled());
    EXPECT_EQ(rows.size(), 10u);
}

TEST(ReportRows, LargeReportsSpillAndReadBackInIdOrder) {
    ReportRows rows;
    constexpr TaskId kRows = ReportRows::kMemoryRows * 2 + 17;
    // Results arrive as tasks finish, not in scan order.
    for (TaskId id = kRows; id >= 1; --id) rows.push_back(row(id));
    EXPECT_TRUE(rows.spilled());
    ASSERT_EQ(rows.size(), std::size_t(kRows));
    TaskId expected = 1;
    for (const auto& r : rows) {
        ASSERT_EQ(r.id, expected);
        // Every field of the row, as the JSON report would print it.
        EXPECT_EQ(fileJson(r), fileJson(row(expected))) << "row " << expected;
        ++expected;
    }
    EXPECT_EQ(expected, kRows + 1);
}

TEST(ReportRows, FileNamesSurviveByteForByte) {
    ReportRows rows;
    TaskResult odd = row(1);
    odd.input = std::string("/photos/latin1-\xe9t\xe9.jpg");  // not UTF-8
    for (std::size_t i = 0; i < ReportRows::kMemoryRows; ++i) rows.push_back(row(TaskId(i + 2)));
    rows.push_back(odd);
    ASSERT_TRUE(rows.spilled());
    EXPECT_EQ(rows.begin()->input, odd.input);
}

TEST(ReportRows, ACopySeesTheRowsItWasTakenWith) {
    ReportRows rows;
    for (TaskId id = 1; id <= ReportRows::kMemoryRows + 5; ++id) rows.push_back(row(id));
    const ReportRows copy = rows;
    rows.push_back(row(ReportRows::kMemoryRows + 6));
    EXPECT_EQ(copy.size(), ReportRows::kMemoryRows + 5);
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& r : copy) ++n;
    EXPECT_EQ(n, copy.size());
    EXPECT_EQ(rows.size(), ReportRows::kMemoryRows + 6);
}

TEST(ReportRows, AStreamedJsonReportListsEveryRowAndSummarises) {
    RunReport report;
    constexpr TaskId kRows = 5000;
    for (TaskId id = kRows; id >= 1; --id) report.files.push_back(row(id));
    summarise(report);
    EXPECT_EQ(report.summary.files, std::uint64_t(kRows));
    EXPECT_EQ(report.summary.failed, std::uint64_t(kRows / 7));
    std::ostringstream out;
    writeJson(report, out);
    const auto j = nlohmann::json::parse(out.str());
    ASSERT_EQ(j["files"].size(), std::size_t(kRows));
    EXPECT_EQ(j["files"][0]["input"], "/photos/img1.jpg");
    EXPECT_EQ(j["files"][kRows - 1]["input"], "/photos/img5000.jpg");
    EXPECT_EQ(j["summary"]["files"], kRows);
}

TEST(ReportRows, LargeMarkdownAndHtmlReportsListTheFailedFilesOnly) {
    RunReport report;
    const TaskId rows = TaskId(kListedFiles + 100);
    for (TaskId id = 1; id <= rows; ++id) report.files.push_back(row(id));
    summarise(report);
    const std::string md = reportToMarkdown(report);
    EXPECT_NE(md.find("too many to list here"), std::string::npos);
    EXPECT_NE(md.find("/photos/img7.jpg"), std::string::npos) << "a failed file is listed";
    EXPECT_EQ(md.find("/photos/img8.jpg"), std::string::npos) << "an optimized one is not";
    const std::string html = reportToHtml(report);
    EXPECT_NE(html.find("too many to list here"), std::string::npos);
    EXPECT_NE(html.find("/photos/img14.jpg"), std::string::npos);
    EXPECT_EQ(html.find("/photos/img15.jpg<"), std::string::npos);
}
