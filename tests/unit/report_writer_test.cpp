// Report writers: JSON (checked with nlohmann-json), CSV, Markdown and self-contained HTML; summarise().
#include "imgopt/report_writer.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "imgopt/version.hpp"
#include "report_builder.hpp"
#include "test_support.hpp"

using namespace imgopt;
using namespace imgopt::test;
using nlohmann::json;

namespace {

TaskResult file(TaskId id, const std::string& in, TaskStatus st, std::uint64_t inBytes,
                std::uint64_t outBytes, std::uint64_t batch) {
    TaskResult r;
    r.id = id;
    r.input = "/data/" + in;
    r.status = st;
    r.inputFormat = ImageFormat::Jpeg;
    r.outputFormat = ImageFormat::Jpeg;
    r.inputBytes = inBytes;
    if (st == TaskStatus::Optimized || st == TaskStatus::KeptOriginal) {
        r.output = "/data/optimized/" + in;
        r.outputBytes = outBytes;
        r.width = 640;
        r.height = 480;
    }
    if (st == TaskStatus::Failed) r.error = "not an image ImgOpt can read";
    r.timings.processSeconds = 0.01 * double(id);
    r.timings.queueWaitSeconds = 0.001;
    r.batch = batch;
    r.worker = batch > 0 ? int(id % 2) : -1;
    if (batch > 0) {
        r.timings.validateStart = 0.01 * double(id);
        r.timings.validateEnd = r.timings.validateStart + 0.005;
        r.timings.validateWorker = int((id + 1) % 2);
        r.timings.start = 0.1 * double(id);
        r.timings.end = r.timings.start + r.timings.processSeconds;
        r.estimatedBytes = 20u << 20;
    }
    return r;
}

std::vector<TaskResult> sampleFiles() {
    std::vector<TaskResult> files{file(1, "a.jpg", TaskStatus::Optimized, 1000, 600, 1),
                                  file(2, "space name \xc3\xa9.jpg", TaskStatus::Optimized, 2000, 1500, 1),
                                  file(3, "kept.png", TaskStatus::KeptOriginal, 500, 500, 2),
                                  file(4, "bad, \"quoted\".jpg", TaskStatus::Failed, 30, 0, 0),
                                  file(5, "skip.jpg", TaskStatus::Skipped, 70, 0, 2)};
    files[1].warning = "the content is png but the name says .jpg";
    return files;
}

RunReport sampleReport() {
    RunReport r;
    r.toolVersion = kVersion;
    for (const auto& f : sampleFiles()) r.files.push_back(f);
    BatchRecord b1;
    b1.number = 1;
    b1.size = 2;
    b1.estimatedBytes = 1 << 20;
    b1.budgetBytes = 1 << 30;
    b1.availableBytes = 2u << 30;
    b1.seconds = 0.5;
    b1.finished = 2;
    BatchRecord b2 = b1;
    b2.number = 2;
    b2.startSeconds = 0.5;
    r.batches = {b1, b2};
    for (int i = 0; i < 3; ++i) {
        MemorySample m;
        m.seconds = 0.25 * i;
        m.totalBytes = 8ull << 30;
        m.availableBytes = 4ull << 30;
        m.rssBytes = (100ull + i) << 20;
        r.memory.push_back(m);
    }
    r.workers = 2;
    r.vipsThreadsPerWorker = 1;
    r.workerBusySeconds = {0.4, 0.45};
    r.system = currentSystem();
    r.summary.wallSeconds = 1.0;
    r.peakRssBytes = 110ull << 20;
    summarise(r);
    return r;
}

// RFC 4180 CSV into rows of fields.
std::vector<std::vector<std::string>> parseCsv(const std::string& text) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            row.push_back(field);
            field.clear();
        } else if (c == '\n') {
            row.push_back(field);
            field.clear();
            rows.push_back(row);
            row.clear();
        } else if (c != '\r') {
            field += c;
        }
    }
    if (!field.empty() || !row.empty()) {
        row.push_back(field);
        rows.push_back(row);
    }
    return rows;
}

}  // namespace

TEST(Report, SummariseCountsAndBytes) {
    const auto r = sampleReport();
    EXPECT_EQ(r.summary.files, 5u);
    EXPECT_EQ(r.summary.optimized, 2u);
    EXPECT_EQ(r.summary.keptOriginal, 1u);
    EXPECT_EQ(r.summary.failed, 1u);
    EXPECT_EQ(r.summary.skipped, 1u);
    EXPECT_EQ(r.summary.inputBytes, 3500u) << "bytes count the files that have an output";
    EXPECT_EQ(r.summary.outputBytes, 2600u);
    EXPECT_EQ(r.summary.savedBytes, 900);
    EXPECT_DOUBLE_EQ(r.summary.wallSeconds, 1.0);
    EXPECT_GT(r.processSeconds.max, 0.0);
    EXPECT_LE(r.processSeconds.p50, r.processSeconds.p90);
    EXPECT_LE(r.processSeconds.p90, r.processSeconds.max);
    EXPECT_GT(r.imagesPerSecond, 0.0);
}

TEST(Report, NegativeSavingIsReportedAsNegative) {
    RunReport r;
    r.files.push_back(file(1, "grew.webp", TaskStatus::Optimized, 100, 150, 1));
    summarise(r);
    EXPECT_EQ(r.summary.savedBytes, -50);
}

TEST(Report, Percentiles) {
    const auto p = percentiles({5, 1, 4, 2, 3});
    EXPECT_DOUBLE_EQ(p.p50, 3);
    EXPECT_DOUBLE_EQ(p.max, 5);
    EXPECT_DOUBLE_EQ(p.mean, 3);
    const auto e = percentiles({});
    EXPECT_DOUBLE_EQ(e.max, 0);
}

TEST(Report, CurrentSystem) {
    const auto s = currentSystem();
    EXPECT_GT(s.cores, 0);
    EXPECT_GT(s.memoryBytes, 0u);
    EXPECT_FALSE(s.libvips.empty());
}

TEST(ReportWriter, FormatFromPath) {
    EXPECT_EQ(reportFormatFromPath("r.json"), ReportFormat::Json);
    EXPECT_EQ(reportFormatFromPath("r.csv"), ReportFormat::Csv);
    EXPECT_EQ(reportFormatFromPath("r.md"), ReportFormat::Markdown);
    EXPECT_EQ(reportFormatFromPath("r.html"), ReportFormat::Html);
    EXPECT_EQ(reportFormatFromPath("r.HTM"), ReportFormat::Html);
    EXPECT_FALSE(reportFormatFromPath("r.txt"));
    const auto none = reportFormatFromPath("report");
    ASSERT_FALSE(none);
    EXPECT_NE(none.error().message.find(".json, .csv, .md or .html"), std::string::npos)
        << none.error().message;
}

TEST(ReportWriter, JsonHasDocumentedFieldsAndCrossChecks) {
    const auto r = sampleReport();
    json j;
    ASSERT_NO_THROW(j = json::parse(reportToJson(r)));
    EXPECT_EQ(j["tool"]["name"], "imgopt");
    EXPECT_EQ(j["tool"]["version"], kVersion);
    EXPECT_TRUE(j["settings"].is_object());
    for (const char* k : {"files", "optimized", "keptOriginal", "skipped", "failed", "inputBytes",
                          "outputBytes", "savedBytes", "wallSeconds"})
        EXPECT_TRUE(j["summary"].contains(k)) << k;
    ASSERT_EQ(j["files"].size(), 5u);
    std::uint64_t in = 0, out = 0;
    for (const auto& f : j["files"]) {
        for (const char* k : {"input", "output", "status", "inputFormat", "outputFormat", "inputBytes",
                              "outputBytes", "width", "height", "processSeconds", "warning", "error"})
            EXPECT_TRUE(f.contains(k)) << k << " in " << f.dump();
        EXPECT_TRUE(f["processSeconds"].is_number());
        const std::string status = f["status"];
        EXPECT_TRUE(status == "optimized" || status == "kept-original" || status == "skipped" ||
                    status == "failed");
        if (!f["output"].is_null()) {
            in += f["inputBytes"].get<std::uint64_t>();
            out += f["outputBytes"].get<std::uint64_t>();
        }
        if (status == "failed") {
            EXPECT_TRUE(f["output"].is_null());
            EXPECT_TRUE(f["error"].is_string());
        }
    }
    EXPECT_EQ(in, j["summary"]["inputBytes"].get<std::uint64_t>());
    EXPECT_EQ(out, j["summary"]["outputBytes"].get<std::uint64_t>());
    EXPECT_EQ(j["summary"]["savedBytes"].get<std::int64_t>(), std::int64_t(in) - std::int64_t(out));
    EXPECT_EQ(j["files"][1]["input"], "/data/space name \xc3\xa9.jpg");
    EXPECT_EQ(j["files"][1]["warning"], "the content is png but the name says .jpg");

    ASSERT_EQ(j["batches"].size(), 2u);
    int sizes = 0;
    for (const auto& b : j["batches"]) {
        ASSERT_TRUE(b["size"].is_number_integer());
        sizes += b["size"].get<int>();
    }
    EXPECT_EQ(sizes, 4);
    ASSERT_EQ(j["memory"].size(), 3u);
    EXPECT_TRUE(j["workers"].contains("count"));
    EXPECT_EQ(j["workers"]["count"], 2);
    EXPECT_TRUE(j["workers"].contains("vipsThreadsPerWorker"));
    EXPECT_TRUE(j["workers"].contains("busySeconds"));
    EXPECT_TRUE(j["system"].is_object());
}

TEST(ReportWriter, CsvHasHeaderAndOneRowPerFile) {
    const auto r = sampleReport();
    const auto rows = parseCsv(reportToCsv(r));
    ASSERT_EQ(rows.size(), 1 + r.files.size());
    const auto& header = rows.front();
    auto col = [&](const std::string& name) {
        auto it = std::find(header.begin(), header.end(), name);
        EXPECT_NE(it, header.end()) << "no column " << name;
        return std::size_t(it - header.begin());
    };
    const auto inputCol = col("input");
    const auto statusCol = col("status");
    for (std::size_t i = 1; i < rows.size(); ++i) EXPECT_EQ(rows[i].size(), header.size()) << "row " << i;
    EXPECT_EQ(rows[4][inputCol], "/data/bad, \"quoted\".jpg") << "quoting survives commas and quotes";
    EXPECT_EQ(rows[4][statusCol], "failed");
    EXPECT_EQ(rows[2][inputCol], "/data/space name \xc3\xa9.jpg");
}

TEST(ReportWriter, VisualQualitySearchInEveryFormat) {
    RunReport r = sampleReport();
    auto files = sampleFiles();
    files[0].chosenQuality = 71;
    files[0].chosenEncoding = "lossy";
    files[0].score = 0.97;
    files[0].trials = 5;
    files[0].sourceQuality = 92;
    files[0].timings.searchSeconds = 0.4;
    files[2].score = 1.0;  // kept: the output is the original
    files[2].trials = 3;
    files[2].reason = "already optimized";
    files[2].timings.searchSeconds = 0.2;
    files[3].score = 0.5;  // failed: no output, so no part of the summary
    r.files = {};
    for (const auto& f : files) r.files.push_back(f);
    summarise(r);
    EXPECT_EQ(r.summary.scored, 2u);
    ASSERT_TRUE(r.summary.minScore && r.summary.meanScore);
    EXPECT_DOUBLE_EQ(*r.summary.minScore, 0.97);
    EXPECT_DOUBLE_EQ(*r.summary.meanScore, 0.985);
    EXPECT_NEAR(r.summary.searchSeconds, 0.6, 1e-9);

    const json j = json::parse(reportToJson(r));
    EXPECT_EQ(j["summary"]["minScore"], 0.97);
    EXPECT_EQ(j["summary"]["scored"], 2);
    EXPECT_EQ(j["files"][0]["chosenQuality"], 71);
    EXPECT_EQ(j["files"][0]["chosenEncoding"], "lossy");
    EXPECT_TRUE(j["files"][1]["chosenEncoding"].is_null());
    EXPECT_EQ(j["files"][0]["sourceQuality"], 92);
    EXPECT_EQ(j["files"][0]["trials"], 5);
    EXPECT_EQ(j["files"][2]["reason"], "already optimized");
    EXPECT_TRUE(j["files"][1]["score"].is_null()) << "no search, no score";
    EXPECT_TRUE(j["files"][1]["chosenQuality"].is_null());

    const auto rows = parseCsv(reportToCsv(r));
    const auto& header = rows.front();
    for (const char* c :
         {"chosenQuality", "chosenEncoding", "score", "trials", "sourceQuality", "searchSeconds", "reason"})
        EXPECT_NE(std::find(header.begin(), header.end(), c), header.end()) << c;
    const auto reasonCol = std::size_t(std::find(header.begin(), header.end(), "reason") - header.begin());
    EXPECT_EQ(rows[3][reasonCol], "already optimized");
    const std::string md = reportToMarkdown(r);
    EXPECT_NE(md.find("0.9700 / 0.9850"), std::string::npos) << md.substr(0, 1200);
    EXPECT_NE(md.find("already optimized"), std::string::npos);
    EXPECT_NE(reportToHtml(r).find("min 0.9700, mean 0.9850"), std::string::npos);
    // Without a search the summary names no score.
    const json plain = json::parse(reportToJson(sampleReport()));
    EXPECT_TRUE(plain["summary"]["minScore"].is_null());
    EXPECT_EQ(plain["summary"]["scored"], 0);
}

TEST(ReportWriter, MarkdownHasATable) {
    const auto md = reportToMarkdown(sampleReport());
    EXPECT_NE(md.find("|---"), std::string::npos) << md.substr(0, 500);
    EXPECT_NE(md.find("space name \xc3\xa9.jpg"), std::string::npos);
    EXPECT_NE(md.find("a.jpg"), std::string::npos);
}

TEST(ReportWriter, HtmlIsSelfContainedWithSvg) {
    const auto html = reportToHtml(sampleReport());
    EXPECT_NE(html.find("<svg"), std::string::npos);
    EXPECT_NE(html.find("</html>"), std::string::npos);
    for (const char* external :
         {"src=\"http", "href=\"http", "<script src", "<link ", "@import", "src='http"})
        EXPECT_EQ(html.find(external), std::string::npos) << "external resource: " << external;
    EXPECT_NE(html.find("bad, &quot;quoted&quot;.jpg"), std::string::npos) << "names are HTML-escaped";
    EXPECT_EQ(html.find("bad, \"quoted\".jpg"), std::string::npos);
}

TEST(ReportWriter, HtmlShowsWhereTheTimeWent) {
    const auto r = sampleReport();
    const auto html = reportToHtml(r);
    // One lane per worker, one bar per file that ran, with its name and measured times on hover.
    EXPECT_NE(html.find(">worker 1</text>"), std::string::npos);
    EXPECT_NE(html.find(">worker 2</text>"), std::string::npos);
    EXPECT_EQ(html.find(">worker 3</text>"), std::string::npos);
    EXPECT_NE(html.find("<title>a.jpg: jpeg to jpeg, 0.100 s to 0.110 s"), std::string::npos);
    EXPECT_NE(html.find("<title>a.jpg: validated, 0.010 s to 0.015 s"), std::string::npos);
    EXPECT_EQ(html.find("<title>bad, &quot;quoted&quot;.jpg:"), std::string::npos)
        << "a file that never ran has no bar";
    // Memory: RSS, the budget and the in-flight estimate; the 1 GiB budget does not flatten 100 MB of RSS.
    for (const char* series : {">RSS<", ">budget for tasks<", ">in-flight estimate<"})
        EXPECT_NE(html.find(series), std::string::npos) << series;
    EXPECT_NE(html.find("lies above this scale"), std::string::npos);
    EXPECT_NE(html.find(">100 MB</text>"), std::string::npos) << "a tick on the RSS scale";
    // Per-format table, percentiles, settings, machine, and a file table that sorts with human sizes.
    EXPECT_NE(html.find("<td>JPEG</td><td class=\"n\">5</td>"), std::string::npos);
    EXPECT_NE(html.find("p99"), std::string::npos);
    EXPECT_NE(html.find("<h2>Settings</h2>"), std::string::npos);
    EXPECT_NE(html.find(r.system.libvips), std::string::npos);
    EXPECT_NE(html.find("<table class=\"files\">"), std::string::npos);
    EXPECT_NE(html.find("data-v=\"2000\">2.0 kB</td>"), std::string::npos);
    EXPECT_NE(html.find("addEventListener(\"click\""), std::string::npos);
}

TEST(ReportWriter, WriteReportPicksFormatFromExtension) {
    TempDir dir;
    const auto r = sampleReport();
    EXPECT_TRUE(writeReport(r, dir / "r.json"));
    json parsed;
    EXPECT_NO_THROW(parsed = json::parse(readText(dir / "r.json")));
    EXPECT_TRUE(writeReport(r, dir / "r.csv"));
    EXPECT_EQ(readText(dir / "r.csv").rfind("input,", 0), 0u);
    EXPECT_TRUE(writeReport(r, dir / "r.md"));
    EXPECT_TRUE(writeReport(r, dir / "r.html"));
    EXPECT_NE(readText(dir / "r.html").find("<svg"), std::string::npos);
    EXPECT_FALSE(writeReport(r, dir / "r.txt")) << "unknown extension is an error";
    EXPECT_TRUE(leftoverTemps(dir.path()).empty());
}
