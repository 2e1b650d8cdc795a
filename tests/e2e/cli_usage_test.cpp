// The CLI on generated images: exit codes, usage errors, output modes, conflicts, presets, reports.
// Needs no corpus, so it runs in every clone.
#include <sys/stat.h>
#include <utime.h>

#include "e2e_support.hpp"

using namespace imgopt::test;

namespace {

class CliUsage : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(fs::exists(cliPath())) << "the CLI is not built at " << cliPath();
        makeImage(in() / "a.jpg", {.width = 320, .height = 240, .quality = 100});
        makeImage(in() / "sub/b.png", {.width = 120, .height = 90, .bands = 4});
        originals_ = hashTree(in());
    }
    fs::path in() const { return dir_ / "in"; }
    void expectOriginalsUnchanged() {
        for (const auto& [rel, hash] : originals_)
            EXPECT_EQ(sha256File(in() / rel), hash) << rel << " changed";
    }
    void expectNothingWritten() {
        EXPECT_EQ(listFiles(in()).size(), originals_.size()) << "files were written";
    }

    TempDir dir_;
    std::map<std::string, std::string> originals_;
};

}  // namespace

TEST_F(CliUsage, VersionAndHelp) {
    auto v = runCli({"--version"});
    EXPECT_EQ(v.exitCode, 0) << describe(v);
    EXPECT_NE(v.all().find("0.1.0"), std::string::npos) << describe(v);
    auto h = runCli({"--help"});
    EXPECT_EQ(h.exitCode, 0) << describe(h);
    for (const char* flag :
         {"--format", "--quality", "--resize", "--keep-metadata", "--output-dir", "--suffix", "--in-place",
          "--on-conflict", "--max-pixels", "--report", "--dry-run", "--jobs"})
        EXPECT_NE(h.all().find(flag), std::string::npos) << "help does not mention " << flag;
}

TEST_F(CliUsage, QualityOutOfRangeIsUsageError) {
    for (const char* q : {"0", "101", "-3", "abc"}) {
        auto r = runCli({"--quality", q, in().string()});
        EXPECT_EQ(r.exitCode, 2) << "--quality " << q << "\n" << describe(r);
        EXPECT_FALSE(r.err.empty() && r.out.empty()) << "a usage error explains itself";
    }
    for (const char* opt : {"--jpeg-quality", "--png-quality", "--webp-quality", "--avif-quality"}) {
        auto r = runCli({opt, "0", in().string()});
        EXPECT_EQ(r.exitCode, 2) << opt << "\n" << describe(r);
    }
    expectNothingWritten();
}

TEST_F(CliUsage, BadResizeIsUsageError) {
    for (const char* s : {"width:0", "width", "sideways:100", "width:-1", "800"}) {
        auto r = runCli({"--resize", s, in().string()});
        EXPECT_EQ(r.exitCode, 2) << "--resize " << s << "\n" << describe(r);
    }
    expectNothingWritten();
}

TEST_F(CliUsage, OtherUsageErrors) {
    const std::vector<std::vector<std::string>> cases = {
        {"--format", "bmp", in().string()},
        {"--keep-metadata", "some", in().string()},
        {"--on-conflict", "ask", in().string()},
        {"--no-such-flag", in().string()},
        {"--in-place", "--output-dir", (dir_ / "out").string(), in().string()},
        {"--report", (dir_ / "r.txt").string(), in().string()},
        {},
    };
    for (const auto& args : cases) {
        auto r = runCli(args);
        std::string joined;
        for (const auto& a : args) joined += a + " ";
        EXPECT_EQ(r.exitCode, 2) << joined << "\n" << describe(r);
    }
    expectNothingWritten();
}

TEST_F(CliUsage, InPlaceWithAllowLargerIsUsageError) {
    // In place, an original is only ever replaced by a smaller file: asking for larger results there would
    // silently lose the original's bytes from its path, so the combination is refused before any work.
    auto r = runCli({"--in-place", "--allow-larger", in().string()});
    EXPECT_EQ(r.exitCode, 2) << describe(r);
    EXPECT_NE(r.err.find("smaller"), std::string::npos) << describe(r);
    expectNothingWritten();
    expectOriginalsUnchanged();
}

TEST_F(CliUsage, SuccessExitsZeroAndWritesOptimizedFolders) {
    auto r = runCli({"-j2", in().string()});
    ASSERT_EQ(r.exitCode, 0) << describe(r);
    EXPECT_TRUE(fs::exists(in() / "optimized/a.jpg"));
    EXPECT_TRUE(fs::exists(in() / "sub/optimized/b.png"));
    EXPECT_TRUE(probeImage(in() / "sub/optimized/b.png").hasAlpha);
    expectOriginalsUnchanged();
    EXPECT_TRUE(leftoverTemps(in()).empty());
}

TEST_F(CliUsage, AnyFailureExitsOne) {
    writeText(in() / "broken.jpg", "not a jpeg at all");
    auto r = runCli({"-j2", "--report", (dir_ / "r.json").string(), in().string()});
    EXPECT_EQ(r.exitCode, 1) << describe(r);
    EXPECT_NE(r.all().find("broken.jpg"), std::string::npos) << "the failing file is named\n" << describe(r);
    EXPECT_TRUE(fs::exists(in() / "optimized/a.jpg")) << "the batch goes on";
    EXPECT_FALSE(fs::exists(in() / "optimized/broken.jpg"));
    auto j = loadJson(dir_ / "r.json");
    auto byInput = entriesByInput(j, in());
    EXPECT_EQ(str(byInput["broken.jpg"], "status"), "failed");
    EXPECT_FALSE(str(byInput["broken.jpg"], "error").empty());
    EXPECT_EQ(j["summary"]["failed"], 1);
}

TEST_F(CliUsage, MissingPathFails) {
    auto r = runCli({(dir_ / "does-not-exist.jpg").string()});
    EXPECT_EQ(r.exitCode, 1) << describe(r);
    EXPECT_NE(r.all().find("does-not-exist.jpg"), std::string::npos) << describe(r);
}

TEST_F(CliUsage, DryRunWritesNothing) {
    auto r = runCli({"--dry-run", "-f", "webp", in().string()});
    EXPECT_EQ(r.exitCode, 0) << describe(r);
    expectNothingWritten();
    EXPECT_NE(r.out.find("a.jpg"), std::string::npos) << "each input is shown\n" << describe(r);
    EXPECT_NE(r.out.find("a.webp"), std::string::npos) << "with its planned output\n" << describe(r);
}

TEST_F(CliUsage, OutputDirMirrorsDroppedFolder) {
    const auto out = dir_ / "out";
    auto r = runCli({"--output-dir", out.string(), in().string(), (dir_ / "in/a.jpg").string()});
    ASSERT_EQ(r.exitCode, 0) << describe(r);
    EXPECT_TRUE(fs::exists(out / "in/a.jpg")) << "ROOT/a.jpg -> DIR/ROOT/a.jpg";
    EXPECT_TRUE(fs::exists(out / "in/sub/b.png")) << "ROOT/sub/b.png -> DIR/ROOT/sub/b.png";
    expectNothingWritten();
    expectOriginalsUnchanged();
}

TEST_F(CliUsage, OutputDirSingleFile) {
    const auto out = dir_ / "out";
    auto r = runCli({"--output-dir", out.string(), (in() / "sub/b.png").string()});
    ASSERT_EQ(r.exitCode, 0) << describe(r);
    EXPECT_EQ(listFiles(out), (std::vector<std::string>{"b.png"}));
}

TEST_F(CliUsage, SuffixWritesBesideSource) {
    auto r = runCli({"--suffix", "-min", in().string()});
    ASSERT_EQ(r.exitCode, 0) << describe(r);
    EXPECT_TRUE(fs::exists(in() / "a-min.jpg"));
    EXPECT_TRUE(fs::exists(in() / "sub/b-min.png"));
    EXPECT_FALSE(fs::exists(in() / "optimized"));
    expectOriginalsUnchanged();
    // A second run never treats its own outputs as new inputs of the same name.
    EXPECT_TRUE(probeImage(in() / "a-min.jpg").decoded);
}

TEST_F(CliUsage, SecondRunRenamesByDefault) {
    ASSERT_EQ(runCli({in().string()}).exitCode, 0);
    const auto first = sha256File(in() / "optimized/a.jpg");
    auto r = runCli({"--quality", "50", in().string()});
    ASSERT_EQ(r.exitCode, 0) << describe(r);
    EXPECT_EQ(sha256File(in() / "optimized/a.jpg"), first) << "rename never replaces the existing output";
    EXPECT_EQ(listFiles(in() / "optimized").size(), 2u) << "the second output got its own name";
    EXPECT_FALSE(fs::exists(in() / "optimized/optimized")) << "the scan never enters optimized/";
}

TEST_F(CliUsage, OnConflictSkipAndOverwrite) {
    ASSERT_EQ(runCli({in().string()}).exitCode, 0);
    const auto first = sha256File(in() / "optimized/a.jpg");
    auto skip = runCli(
        {"--on-conflict", "skip", "--quality", "40", "--report", (dir_ / "s.json").string(), in().string()});
    EXPECT_EQ(skip.exitCode, 0) << describe(skip);
    EXPECT_EQ(sha256File(in() / "optimized/a.jpg"), first);
    EXPECT_EQ(listFiles(in() / "optimized").size(), 1u);
    auto sj = loadJson(dir_ / "s.json");
    EXPECT_EQ(str(entriesByInput(sj, in())["a.jpg"], "status"), "skipped");

    auto over = runCli({"--on-conflict", "overwrite", "--quality", "40", in().string()});
    EXPECT_EQ(over.exitCode, 0) << describe(over);
    EXPECT_NE(sha256File(in() / "optimized/a.jpg"), first);
    EXPECT_EQ(listFiles(in() / "optimized").size(), 1u);
    EXPECT_TRUE(probeImage(in() / "optimized/a.jpg").decoded);
}

TEST_F(CliUsage, ResizeShrinksOnly) {
    auto r = runCli({"--resize", "width:160", "--output-dir", (dir_ / "out").string(), in().string()});
    ASSERT_EQ(r.exitCode, 0) << describe(r);
    auto a = probeImage(dir_ / "out/in/a.jpg");
    EXPECT_EQ(a.width, 160);
    EXPECT_EQ(a.height, 120);
    auto b = probeImage(dir_ / "out/in/sub/b.png");
    EXPECT_EQ(b.width, 120) << "never enlarges";
    EXPECT_EQ(b.height, 90);
}

TEST_F(CliUsage, PerFormatQuality) {
    auto lo = runCli({"-f", "webp", "--webp-quality", "20", "--output-dir", (dir_ / "lo").string(),
                      (in() / "a.jpg").string()});
    auto hi = runCli({"-f", "webp", "--quality", "20", "--webp-quality", "95", "--output-dir",
                      (dir_ / "hi").string(), (in() / "a.jpg").string()});
    ASSERT_EQ(lo.exitCode, 0) << describe(lo);
    ASSERT_EQ(hi.exitCode, 0) << describe(hi);
    EXPECT_LT(fs::file_size(dir_ / "lo/a.webp"), fs::file_size(dir_ / "hi/a.webp"));
}

TEST_F(CliUsage, QualityAutoReportsTheSearch) {
    auto r = runCli({"--quality", "auto", "--output-dir", (dir_ / "out").string(), "--report",
                     (dir_ / "r.json").string(), in().string()});
    ASSERT_EQ(r.exitCode, 0) << describe(r);
    const auto j = loadJson(dir_ / "r.json");
    EXPECT_EQ(j["settings"]["quality"], "auto");
    EXPECT_EQ(j["settings"]["visualTarget"], "high");
    for (const auto& f : j["files"]) {
        SCOPED_TRACE(f.dump());
        ASSERT_TRUE(f["score"].is_number());
        EXPECT_GE(f["score"].get<double>(), 0.96);
        EXPECT_GE(f["trials"].get<int>(), 1);
        EXPECT_GE(f["searchSeconds"].get<double>(), 0.0);
        if (f["status"] == "optimized") {
            EXPECT_TRUE(f["chosenQuality"].is_number());
        }
    }
    EXPECT_GT(j["summary"]["scored"].get<int>(), 0);
    EXPECT_GE(j["summary"]["minScore"].get<double>(), 0.96);
    EXPECT_GE(j["summary"]["meanScore"].get<double>(), j["summary"]["minScore"].get<double>());
    expectOriginalsUnchanged();
}

TEST_F(CliUsage, PerFormatAutoAndVisualTarget) {
    // Auto for JPEG only: the PNG keeps the fixed quality, and no search runs for it.
    auto r = runCli({"--jpeg-quality", "auto", "--visual-target", "small", "--output-dir",
                     (dir_ / "out").string(), "--report", (dir_ / "r.json").string(), in().string()});
    ASSERT_EQ(r.exitCode, 0) << describe(r);
    const auto byInput = entriesByInput(loadJson(dir_ / "r.json"), in());
    EXPECT_TRUE(byInput.at("a.jpg")["score"].is_number()) << byInput.at("a.jpg").dump();
    EXPECT_GE(byInput.at("a.jpg")["score"].get<double>(), 0.93) << "small stays above its own limit";
    EXPECT_TRUE(byInput.at("sub/b.png")["score"].is_null()) << byInput.at("sub/b.png").dump();
    EXPECT_EQ(byInput.at("sub/b.png")["trials"], 0);
    for (const char* bad : {"best", "HIGH", ""}) {
        auto u = runCli({"--visual-target", bad, in().string()});
        EXPECT_EQ(u.exitCode, 2) << bad << "\n" << describe(u);
        EXPECT_NE(u.err.find("high, balanced, small"), std::string::npos) << describe(u);
    }
    auto q = runCli({"--quality", "automatic", in().string()});
    EXPECT_EQ(q.exitCode, 2) << describe(q);
    EXPECT_NE(q.err.find("auto"), std::string::npos) << describe(q);
    expectOriginalsUnchanged();
}

TEST_F(CliUsage, PresetFileApplies) {
    writeText(dir_ / "preset.json", R"({"format": "webp", "quality": 60})");
    auto r = runCli({"--preset", (dir_ / "preset.json").string(), "--output-dir", (dir_ / "out").string(),
                     (in() / "a.jpg").string()});
    ASSERT_EQ(r.exitCode, 0) << describe(r);
    EXPECT_TRUE(fs::exists(dir_ / "out/a.webp"));
    writeText(dir_ / "bad.json", R"({"quality": 500})");
    auto bad = runCli({"--preset", (dir_ / "bad.json").string(), (in() / "a.jpg").string()});
    EXPECT_EQ(bad.exitCode, 2) << describe(bad);
}

TEST_F(CliUsage, KeepDates) {
    struct utimbuf t {};
    t.actime = t.modtime = 1000000000;
    ASSERT_EQ(utime((in() / "a.jpg").c_str(), &t), 0);
    auto r = runCli({"--keep-dates", "--quality", "60", (in() / "a.jpg").string()});
    ASSERT_EQ(r.exitCode, 0) << describe(r);
    struct stat st {};
    ASSERT_EQ(stat((in() / "optimized/a.jpg").c_str(), &st), 0);
    EXPECT_EQ(st.st_mtime, 1000000000);
}

TEST_F(CliUsage, HiddenFilesOnlyWithFlag) {
    makeImage(in() / ".hidden.jpg", {.width = 64, .height = 64, .quality = 100});
    ASSERT_EQ(runCli({in().string()}).exitCode, 0);
    EXPECT_FALSE(fs::exists(in() / "optimized/.hidden.jpg"));
    TempDir other;
    makeImage(other / "in/.hidden.jpg", {.width = 64, .height = 64, .quality = 100});
    auto r = runCli({"--hidden", (other / "in").string()});
    ASSERT_EQ(r.exitCode, 0) << describe(r);
    EXPECT_TRUE(fs::exists(other / "in/optimized/.hidden.jpg"));
}

TEST_F(CliUsage, InPlaceReplacesOnlyWhenSmaller) {
    const auto before = fs::file_size(in() / "a.jpg");
    auto r = runCli({"--in-place", "--quality", "60", "--report", (dir_ / "r.json").string(), in().string()});
    ASSERT_EQ(r.exitCode, 0) << describe(r);
    EXPECT_LT(fs::file_size(in() / "a.jpg"), before);
    EXPECT_TRUE(probeImage(in() / "a.jpg").decoded);
    EXPECT_EQ(listFiles(in()), (std::vector<std::string>{"a.jpg", "sub/b.png"})) << "nothing else appears";
    auto j = loadJson(dir_ / "r.json");
    for (auto& [rel, e] : entriesByInput(j, in())) {
        if (str(e, "status") == "kept-original") {
            EXPECT_EQ(sha256File(in() / rel), originals_[rel]) << rel;
        }
        if (str(e, "status") == "optimized") {
            EXPECT_LT(e["outputBytes"].get<std::uint64_t>(), e["inputBytes"].get<std::uint64_t>()) << rel;
        }
    }
}

TEST_F(CliUsage, ReportFormatsFromExtension) {
    auto r = runCli({"--report", (dir_ / "r.csv").string(), in().string()});
    ASSERT_EQ(r.exitCode, 0) << describe(r);
    const auto csv = readText(dir_ / "r.csv");
    EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 3) << "a header and one row per file\n" << csv;
    TempDir d2;
    copyTree(in(), d2 / "in");
    ASSERT_EQ(runCli({"--report", (dir_ / "r.md").string(), (d2 / "in").string()}).exitCode, 0);
    EXPECT_NE(readText(dir_ / "r.md").find("|"), std::string::npos);
    TempDir d3;
    copyTree(in(), d3 / "in");
    ASSERT_EQ(runCli({"--report", (dir_ / "r.html").string(), (d3 / "in").string()}).exitCode, 0);
    const auto html = readText(dir_ / "r.html");
    EXPECT_NE(html.find("<svg"), std::string::npos);
    EXPECT_EQ(html.find("<script src"), std::string::npos);
}
