// The CLI on a temp copy of ../shared/corpus: every row of the corpus README table.
// The corpus is read-only and the default mode writes beside each source, so each test copies what it needs.
#include "e2e_support.hpp"

#include <set>
#include <vips/vips8>

using namespace imgopt::test;

namespace {

class CliCorpus : public ::testing::Test {
protected:
    void SetUp() override {
        if (!haveCorpus())
            GTEST_SKIP() << "corpus folder " << corpusDir()
                         << " is absent: the corpus tests run where ../shared/corpus exists (CI), not in a clone";
        ASSERT_TRUE(fs::exists(cliPath())) << "the CLI is not built at " << cliPath();
    }
    // Copies corpus/<rel> (file or folder) to <tmp>/<rel>, remembering the hashes of what was copied.
    fs::path copy(const std::string& rel) {
        const auto from = corpusDir() / rel;
        const auto to = work_ / rel;
        if (fs::is_directory(from)) copyTree(from, to);
        else copyFileWritable(from, to);
        return to;
    }
    void hashOriginals() { originals_ = hashTree(work_.path()); }
    void expectOriginalsUnchanged() {
        ASSERT_FALSE(originals_.empty());
        for (const auto& [rel, hash] : originals_) {
            ASSERT_TRUE(fs::exists(work_ / rel)) << rel << " was removed";
            EXPECT_EQ(sha256File(work_ / rel), hash) << rel << " was modified";
            EXPECT_EQ(sha256File(corpusDir() / rel), hash) << "the shared corpus itself changed: " << rel;
        }
    }
    ProcessResult run(std::vector<std::string> args) {
        args.insert(args.begin(), "-j2");
        return runCli(args);
    }
    fs::path report() const { return out_ / "report.json"; }

    TempDir work_{"imgopt-corpus"};
    TempDir out_{"imgopt-out"};
    std::map<std::string, std::string> originals_;
};

// Smallest alpha value of an image (255 when it has no alpha band).
double minAlpha(const fs::path& file) {
    auto img = vips::VImage::new_from_file(file.c_str());
    return img.has_alpha() ? img.extract_band(img.bands() - 1).min() : 255.0;
}

void expectSameUprightSize(const fs::path& src, const fs::path& out) {
    const auto a = probeImage(src, false);
    const auto b = probeImage(out);
    ASSERT_TRUE(b.ok) << out << ": " << b.error;
    EXPECT_TRUE(b.decoded) << out;
    const bool swap = a.orientation >= 5;
    EXPECT_EQ(b.width, swap ? a.height : a.width) << out;
    EXPECT_EQ(b.height, swap ? a.width : a.height) << out;
}

}  // namespace

// The default job on the whole corpus: every row at once, the report cross-checked, originals untouched.
TEST_F(CliCorpus, WholeCorpusDefaultRun) {
    for (const char* d : {"photos", "graphics", "webp", "special", "bad"}) copy(d);
    hashOriginals();
    const auto files = listFiles(work_.path());
    auto r = run({"--report", report().string(), work_.path().string()});
    EXPECT_EQ(r.exitCode, 1) << "bad/* fail, so the run exits 1\n" << describe(r);
    expectOriginalsUnchanged();
    EXPECT_TRUE(leftoverTemps(work_.path()).empty());

    const auto j = loadJson(report());
    auto byInput = entriesByInput(j, work_.path());
    EXPECT_EQ(byInput.size(), files.size()) << "one entry per input file";
    for (const auto& rel : files) EXPECT_TRUE(byInput.count(rel)) << "no report entry for " << rel;

    // photos/: optimized, tree kept (optimized/ beside each source).
    for (const auto& rel : files) {
        if (rel.rfind("photos/", 0) != 0) continue;
        SCOPED_TRACE(rel);
        const auto& e = byInput[rel];
        EXPECT_TRUE(isSuccess(e)) << e.dump();
        const fs::path src = work_ / rel;
        const fs::path expected = src.parent_path() / "optimized" / src.filename();
        EXPECT_EQ(str(e, "output"), expected.string());
        ASSERT_TRUE(fs::exists(expected));
        expectSameUprightSize(src, expected);
        EXPECT_EQ(loaderFormat(probeImage(expected, false).loader), "jpeg");
    }
    // graphics/: alpha kept. (Both corpus "alpha" graphics have a fully opaque alpha band: an output
    // without alpha is then pixel-identical, so alpha is required only where the source is transparent.)
    for (const char* rel : {"graphics/elarun-alpha.png", "graphics/konqui-alpha.png"}) {
        SCOPED_TRACE(rel);
        ASSERT_TRUE(isSuccess(byInput[rel])) << byInput[rel].dump();
        const fs::path out = str(byInput[rel], "output");
        const auto p = probeImage(out);
        EXPECT_TRUE(p.decoded);
        if (minAlpha(work_ / rel) < 255) {
            EXPECT_TRUE(p.hasAlpha);
            EXPECT_NEAR(p.averageAlpha, probeImage(work_ / rel).averageAlpha, 6);
        } else if (p.hasAlpha) {
            EXPECT_NEAR(p.averageAlpha, 255.0, 0.5) << "an opaque source stays opaque";
        }
    }
    // webp/: the 4096x4096 WebP.
    {
        const auto& e = byInput["webp/wood-d.webp"];
        ASSERT_TRUE(isSuccess(e)) << e.dump();
        const auto p = probeImage(str(e, "output"));
        EXPECT_EQ(loaderFormat(p.loader), "webp");
        EXPECT_EQ(p.width, 4096);
        EXPECT_EQ(p.height, 4096);
        EXPECT_TRUE(p.decoded);
    }
    // special/orient6.jpg: upright.
    {
        const auto& e = byInput["special/orient6.jpg"];
        ASSERT_TRUE(isSuccess(e)) << e.dump();
        const auto p = probeImage(str(e, "output"));
        const bool stillTagged = p.orientation >= 5;
        EXPECT_EQ(stillTagged ? p.height : p.width, 750) << "displayed width";
        EXPECT_EQ(stillTagged ? p.width : p.height, 1200) << "displayed height";
        if (str(e, "status") == "optimized") {
            EXPECT_EQ(p.width, 750);
            EXPECT_EQ(p.height, 1200);
        }
        EXPECT_EQ(e["width"], 750);
        EXPECT_EQ(e["height"], 1200);
    }
    // special/cmyk.jpg: sRGB out, colours right.
    {
        const auto& e = byInput["special/cmyk.jpg"];
        ASSERT_TRUE(isSuccess(e)) << e.dump();
        const fs::path out = str(e, "output");
        const auto p = probeImage(out);
        if (str(e, "status") == "optimized") {
            EXPECT_EQ(p.interpretation, "srgb");
        }
        const auto want = meanColour(work_ / "special/cmyk.jpg");
        const auto got = meanColour(out);
        ASSERT_EQ(got.size(), 3u);
        for (std::size_t b = 0; b < 3; ++b) EXPECT_NEAR(got[b], want[b], 12) << "band " << b;
    }
    // special/rgb16.png: handled.
    {
        const auto& e = byInput["special/rgb16.png"];
        ASSERT_TRUE(isSuccess(e)) << e.dump();
        const auto p = probeImage(str(e, "output"));
        EXPECT_TRUE(p.decoded);
        EXPECT_EQ(p.width, 900);
        EXPECT_EQ(p.height, 563);
        const auto want = meanColour(work_ / "special/rgb16.png");
        const auto got = meanColour(str(e, "output"));
        for (std::size_t b = 0; b < 3; ++b) EXPECT_NEAR(got[b], want[b], 8) << "band " << b;
    }
    // special/gray-alpha.png: alpha kept.
    {
        const auto& e = byInput["special/gray-alpha.png"];
        ASSERT_TRUE(isSuccess(e)) << e.dump();
        const auto p = probeImage(str(e, "output"));
        EXPECT_TRUE(p.hasAlpha);
        EXPECT_NEAR(p.averageAlpha, probeImage(work_ / "special/gray-alpha.png").averageAlpha, 6);
    }
    // HEIC/AVIF/TIFF inputs: original keeps AVIF and TIFF, HEIC becomes AVIF; all three photo.* survive.
    {
        std::set<std::string> outputs;
        for (const char* rel : {"special/photo.heic", "special/photo.avif", "special/photo.tif", "special/UPPERCASE.TIF"}) {
            SCOPED_TRACE(rel);
            const auto& e = byInput[rel];
            ASSERT_TRUE(isSuccess(e)) << e.dump();
            const fs::path out = str(e, "output");
            EXPECT_TRUE(outputs.insert(out.string()).second) << "two inputs share " << out;
            const auto p = probeImage(out);
            EXPECT_TRUE(p.decoded);
            const std::string want = std::string(rel).find("tif") != std::string::npos ||
                                             std::string(rel).find("TIF") != std::string::npos
                                         ? "tiff"
                                         : "heif";
            EXPECT_EQ(loaderFormat(p.loader), want);
            if (want == "heif") {
                EXPECT_EQ(isoBrand(out), "avif") << "AVIF, not HEIC";
                EXPECT_EQ(str(e, "outputFormat"), "avif");
            }
            EXPECT_EQ(p.width, 1000);
            EXPECT_EQ(p.height, 625);
        }
        EXPECT_EQ(str(byInput["special/photo.heic"], "inputFormat"), "heic");
    }
    // special/anim.gif: keeps its animation under original.
    {
        const auto& e = byInput["special/anim.gif"];
        ASSERT_TRUE(isSuccess(e)) << e.dump();
        const auto p = probeImage(str(e, "output"));
        EXPECT_EQ(loaderFormat(p.loader), "gif");
        EXPECT_EQ(p.pages, 3) << "the animation is kept";
    }
    // special/png-named.jpg: handled as PNG, with a warning.
    {
        const auto& e = byInput["special/png-named.jpg"];
        ASSERT_TRUE(isSuccess(e)) << e.dump();
        EXPECT_EQ(str(e, "inputFormat"), "png");
        EXPECT_FALSE(str(e, "warning").empty());
        EXPECT_EQ(loaderFormat(probeImage(str(e, "output")).loader), "png");
    }
    // special/space name é.jpg: handled, and named right in the report.
    {
        const std::string rel = "special/space name \xc3\xa9.jpg";
        ASSERT_TRUE(byInput.count(rel)) << "report misses the non-ASCII name";
        const auto& e = byInput[rel];
        ASSERT_TRUE(isSuccess(e)) << e.dump();
        EXPECT_EQ(str(e, "output"), (work_ / "special/optimized/space name \xc3\xa9.jpg").string());
        EXPECT_TRUE(fs::exists(work_ / "special/optimized/space name \xc3\xa9.jpg"));
    }
    // bad/*: one clear per-file error each, nothing written for them.
    {
        std::set<std::string> errors;
        for (const char* name : {"empty.jpg", "truncated.jpg", "text.png", "random.webp", "bomb-30000x30000.png"}) {
            SCOPED_TRACE(name);
            const auto& e = byInput[std::string("bad/") + name];
            EXPECT_EQ(str(e, "status"), "failed") << e.dump();
            EXPECT_TRUE(e["output"].is_null());
            const auto err = str(e, "error");
            EXPECT_FALSE(err.empty());
            EXPECT_EQ(err.find('\n'), std::string::npos) << "one line: " << err;
            EXPECT_NE(r.all().find(name), std::string::npos) << "the CLI names the failing file";
            errors.insert(err);
        }
        EXPECT_GE(errors.size(), 3u) << "errors are specific, not one generic text";
        EXPECT_NE(lowerCase(str(byInput["bad/bomb-30000x30000.png"], "error")).find("limit"), std::string::npos);
        EXPECT_NE(lowerCase(str(byInput["bad/empty.jpg"], "error")).find("empty"), std::string::npos);
        EXPECT_EQ(listFiles(work_ / "bad"), (std::vector<std::string>{"bomb-30000x30000.png", "empty.jpg",
                                                                      "random.webp", "text.png", "truncated.jpg"}))
            << "nothing written for bad inputs";
    }

    // The report: documented fields and numbers that agree with each other.
    ASSERT_TRUE(j.contains("tool"));
    EXPECT_EQ(j["tool"]["name"], "imgopt");
    EXPECT_TRUE(j["tool"]["version"].is_string());
    EXPECT_TRUE(j["settings"].is_object());
    const auto& s = j["summary"];
    for (const char* k : {"files", "optimized", "keptOriginal", "skipped", "failed", "inputBytes", "outputBytes",
                          "savedBytes", "wallSeconds"})
        ASSERT_TRUE(s.contains(k)) << "summary." << k;
    EXPECT_EQ(s["files"].get<std::size_t>(), files.size());
    EXPECT_EQ(s["failed"], 5);
    EXPECT_EQ(s["optimized"].get<int>() + s["keptOriginal"].get<int>() + s["skipped"].get<int>() +
                  s["failed"].get<int>(),
              s["files"].get<int>());
    std::uint64_t in = 0, outBytes = 0;
    int scheduled = 0;
    std::map<std::string, int> statusCount;
    for (const auto& f : j["files"]) {
        for (const char* k : {"input", "output", "status", "inputFormat", "outputFormat", "inputBytes",
                              "outputBytes", "width", "height", "processSeconds", "warning", "error"})
            EXPECT_TRUE(f.contains(k)) << k << " missing in " << f.dump();
        EXPECT_TRUE(f["processSeconds"].is_number()) << f.dump();
        EXPECT_TRUE(fs::path(str(f, "input")).is_absolute());
        statusCount[str(f, "status")]++;
        if (!f["output"].is_null()) {
            EXPECT_TRUE(fs::path(str(f, "output")).is_absolute());
            in += f["inputBytes"].get<std::uint64_t>();
            outBytes += f["outputBytes"].get<std::uint64_t>();
            EXPECT_EQ(f["outputBytes"].get<std::uint64_t>(), fs::file_size(str(f, "output"))) << f.dump();
        }
        EXPECT_EQ(f["inputBytes"].get<std::uint64_t>(), fs::file_size(str(f, "input"))) << f.dump();
        if (f.contains("batch") && !f["batch"].is_null()) ++scheduled;
    }
    EXPECT_EQ(in, s["inputBytes"].get<std::uint64_t>()) << "per-file input bytes sum to the summary";
    EXPECT_EQ(outBytes, s["outputBytes"].get<std::uint64_t>()) << "per-file output bytes sum to the summary";
    EXPECT_EQ(s["savedBytes"].get<std::int64_t>(), std::int64_t(in) - std::int64_t(outBytes));
    EXPECT_EQ(statusCount["optimized"], s["optimized"].get<int>());
    EXPECT_EQ(statusCount["kept-original"], s["keptOriginal"].get<int>());
    EXPECT_GT(s["wallSeconds"].get<double>(), 0.0);

    ASSERT_TRUE(j.contains("batches") && j["batches"].is_array());
    int batchSum = 0;
    for (const auto& b : j["batches"]) {
        ASSERT_TRUE(b["size"].is_number_integer()) << b.dump();
        EXPECT_GE(b["size"].get<int>(), 1);
        batchSum += b["size"].get<int>();
    }
    EXPECT_EQ(batchSum, scheduled) << "batch sizes sum to the tasks run";
    // Every file that passed validation ran in a batch; header-level failures never reached one.
    for (const auto& [rel, e] : byInput) {
        if (str(e, "status") != "failed") {
            EXPECT_TRUE(e.contains("batch") && !e["batch"].is_null()) << rel << " has no batch";
        }
    }
    for (const char* rel : {"bad/empty.jpg", "bad/text.png", "bad/random.webp", "bad/bomb-30000x30000.png"}) {
        EXPECT_TRUE(!byInput[rel].contains("batch") || byInput[rel]["batch"].is_null()) << rel << " was scheduled";
    }

    ASSERT_TRUE(j.contains("memory") && j["memory"].is_array());
    EXPECT_FALSE(j["memory"].empty());
    double lastT = -1;
    for (const auto& m : j["memory"]) {
        const auto rss = m.value("rssBytes", std::uint64_t(0));
        const auto total = m.value("totalBytes", std::uint64_t(0));
        const auto avail = m.value("availableBytes", std::uint64_t(0));
        EXPECT_GT(rss, 0u);
        EXPECT_LE(rss, total);
        EXPECT_LE(avail, total);
        const double t = m.value("seconds", -1.0);
        EXPECT_GE(t, lastT) << "samples in time order";
        EXPECT_LE(t, s["wallSeconds"].get<double>() + 5.0);
        lastT = t;
    }
    ASSERT_TRUE(j.contains("workers"));
    EXPECT_EQ(j["workers"]["count"], 2) << "-j2";
    EXPECT_TRUE(j["workers"].contains("vipsThreadsPerWorker"));
    EXPECT_TRUE(j["workers"].contains("busySeconds"));
    ASSERT_TRUE(j.contains("system"));
    EXPECT_TRUE(j["system"].is_object());
}

TEST_F(CliCorpus, PhotosTreeUnderOutputDir) {
    copy("photos");
    hashOriginals();
    const auto out = out_ / "dest";
    auto r = run({"--output-dir", out.string(), (work_ / "photos").string()});
    ASSERT_EQ(r.exitCode, 0) << describe(r);
    std::vector<std::string> expected;
    for (const auto& rel : listFiles(work_.path())) expected.push_back(rel);  // photos/...
    EXPECT_EQ(listFiles(out), expected) << "DIR/photos/nested/deeper/... mirrors the dropped folder";
    for (const auto& rel : expected) expectSameUprightSize(work_ / rel, out / rel);
    EXPECT_EQ(listFiles(work_.path()).size(), originals_.size()) << "nothing written beside the sources";
    expectOriginalsUnchanged();
}

TEST_F(CliCorpus, Orient6UprightInEveryFormat) {
    const auto src = copy("special/orient6.jpg");
    hashOriginals();
    for (const char* f : {"jpeg", "png", "webp", "avif"}) {
        SCOPED_TRACE(f);
        const auto out = out_ / f;
        auto r = run({"-f", f, "--output-dir", out.string(), src.string()});
        ASSERT_EQ(r.exitCode, 0) << describe(r);
        const auto outs = listFiles(out);
        ASSERT_EQ(outs.size(), 1u);
        const auto p = probeImage(out / outs[0]);
        EXPECT_TRUE(p.decoded);
        EXPECT_EQ(p.width, 750);
        EXPECT_EQ(p.height, 1200);
        EXPECT_TRUE(p.orientation == 0 || p.orientation == 1) << "stale orientation " << p.orientation;
    }
    expectOriginalsUnchanged();
}

TEST_F(CliCorpus, MetadataModesOnOrient6) {
    const auto src = copy("special/orient6.jpg");
    for (const char* mode : {"none", "icc", "all"}) {
        SCOPED_TRACE(mode);
        const auto out = out_ / mode;
        auto r = run({"--keep-metadata", mode, "--allow-larger", "--output-dir", out.string(), src.string()});
        ASSERT_EQ(r.exitCode, 0) << describe(r);
        const auto p = probeImage(out / "orient6.jpg");
        EXPECT_EQ(p.width, 750);
        EXPECT_EQ(p.height, 1200);
        if (std::string(mode) == "all") {
            EXPECT_TRUE(p.hasExif);
            EXPECT_EQ(p.orientation, 1);
        } else {
            EXPECT_FALSE(p.hasExif);
            EXPECT_FALSE(p.hasXmp);
        }
        if (std::string(mode) == "none") {
            EXPECT_FALSE(p.hasIcc);
        }
    }
}

TEST_F(CliCorpus, CmykToSrgbInEveryFormat) {
    const auto src = copy("special/cmyk.jpg");
    const auto want = meanColour(src);
    for (const char* f : {"jpeg", "png", "webp", "avif"}) {
        SCOPED_TRACE(f);
        const auto out = out_ / f;
        auto r = run({"-f", f, "--allow-larger", "--output-dir", out.string(), src.string()});
        ASSERT_EQ(r.exitCode, 0) << describe(r);
        const auto outs = listFiles(out);
        ASSERT_EQ(outs.size(), 1u);
        const auto p = probeImage(out / outs[0]);
        EXPECT_EQ(p.interpretation, "srgb");
        EXPECT_EQ(p.bands, 3);
        const auto got = meanColour(out / outs[0]);
        for (std::size_t b = 0; b < 3; ++b) EXPECT_NEAR(got[b], want[b], 12) << "band " << b;
    }
}

TEST_F(CliCorpus, AlphaKeptWhenConverting) {
    copy("special/gray-alpha.png");
    copy("graphics/konqui-alpha.png");
    for (const char* f : {"webp", "avif"}) {
        SCOPED_TRACE(f);
        const auto out = out_ / f;
        auto r = run({"-f", f, "--output-dir", out.string(), (work_ / "special/gray-alpha.png").string(),
                      (work_ / "graphics/konqui-alpha.png").string()});
        ASSERT_EQ(r.exitCode, 0) << describe(r);
        for (const char* stem : {"gray-alpha", "konqui-alpha"}) {
            const auto file = out / (std::string(stem) + "." + f);
            ASSERT_TRUE(fs::exists(file)) << file;
            const auto p = probeImage(file);
            const auto src = std::string(stem) == "gray-alpha" ? work_ / "special/gray-alpha.png"
                                                               : work_ / "graphics/konqui-alpha.png";
            if (minAlpha(src) < 255) {
                EXPECT_TRUE(p.hasAlpha) << file;
                EXPECT_NEAR(p.averageAlpha, probeImage(src).averageAlpha, 6) << file;
            } else if (p.hasAlpha) {
                EXPECT_NEAR(p.averageAlpha, 255.0, 0.5) << file;
            }
        }
    }
}

TEST_F(CliCorpus, Rgb16ToJpegIs8Bit) {
    const auto src = copy("special/rgb16.png");
    auto r = run({"-f", "jpeg", "--output-dir", (out_ / "o").string(), src.string()});
    ASSERT_EQ(r.exitCode, 0) << describe(r);
    const auto p = probeImage(out_ / "o/rgb16.jpg");
    EXPECT_EQ(p.bitsPerSample, 8);
    EXPECT_EQ(p.width, 900);
}

TEST_F(CliCorpus, CollisionsToWebpAllSurvive) {
    copy("special/photo.heic");
    copy("special/photo.avif");
    copy("special/photo.tif");
    hashOriginals();
    auto r = run({"-f", "webp", "--report", report().string(), (work_ / "special").string()});
    ASSERT_EQ(r.exitCode, 0) << describe(r);
    const auto outs = listFiles(work_ / "special/optimized");
    EXPECT_EQ(outs.size(), 3u) << "photo.heic, photo.avif and photo.tif each keep an output";
    std::set<std::string> fromReport;
    const auto j = loadJson(report());
    for (const auto& f : j["files"]) {
        EXPECT_EQ(str(f, "status"), "optimized") << f.dump();
        fromReport.insert(str(f, "output"));
    }
    EXPECT_EQ(fromReport.size(), 3u);
    for (const auto& o : outs) {
        const auto p = probeImage(work_ / "special/optimized" / o);
        EXPECT_EQ(loaderFormat(p.loader), "webp") << o;
        EXPECT_TRUE(p.decoded) << o;
        EXPECT_EQ(fs::path(o).extension(), ".webp");
    }
    expectOriginalsUnchanged();
}

TEST_F(CliCorpus, AnimatedGifRefusedForJpegWithReason) {
    const auto src = copy("special/anim.gif");
    auto r = run({"-f", "jpeg", "--report", report().string(), src.string()});
    EXPECT_EQ(r.exitCode, 1) << describe(r);
    const auto j = loadJson(report());
    ASSERT_EQ(j["files"].size(), 1u);
    const auto& e = j["files"][0];
    EXPECT_EQ(str(e, "status"), "failed");
    EXPECT_NE(lowerCase(str(e, "error")).find("anim"), std::string::npos) << str(e, "error");
    EXPECT_NE(lowerCase(r.all()).find("anim"), std::string::npos) << "the CLI says why\n" << describe(r);
    EXPECT_EQ(listFiles(work_.path()), (std::vector<std::string>{"special/anim.gif"}));
}

TEST_F(CliCorpus, AnimatedGifToWebpKeepsFrames) {
    const auto src = copy("special/anim.gif");
    auto r = run({"-f", "webp", "--output-dir", (out_ / "o").string(), src.string()});
    ASSERT_EQ(r.exitCode, 0) << describe(r);
    const auto p = probeImage(out_ / "o/anim.webp");
    EXPECT_EQ(p.pages, 3);
    EXPECT_EQ(p.width, 200);
    EXPECT_EQ(p.height, 120);
}

TEST_F(CliCorpus, BombRefusedFastWithLowMemory) {
    const auto src = copy("bad/bomb-30000x30000.png");
    auto r = run({"--report", report().string(), src.string()});
    EXPECT_EQ(r.exitCode, 1) << describe(r);
    EXPECT_LT(r.seconds, 10.0) << "refused from the header, not after decoding 900 Mpx";
    EXPECT_LT(r.maxRssBytes, 300ull << 20) << "peak RSS " << (r.maxRssBytes >> 20) << " MB";
    const auto j = loadJson(report());
    ASSERT_EQ(j["files"].size(), 1u);
    const auto err = lowerCase(str(j["files"][0], "error"));
    EXPECT_NE(err.find("limit"), std::string::npos) << err;
    EXPECT_NE(err.find("max-pixels"), std::string::npos) << "names the option that raises the limit: " << err;
    EXPECT_EQ(listFiles(work_.path()), (std::vector<std::string>{"bad/bomb-30000x30000.png"}));
}

TEST_F(CliCorpus, BombLimitIsConfigurable) {
    const auto src = copy("bad/bomb-30000x30000.png");
    // A lower limit refuses smaller images too: a 1080x1920 photo is above 1 Mpx.
    const auto photo = copy("photos/garden.jpg");
    auto r = run({"--max-pixels", "1000000", "--report", report().string(), photo.string()});
    EXPECT_EQ(r.exitCode, 1) << describe(r);
    EXPECT_NE(lowerCase(str(loadJson(report())["files"][0], "error")).find("limit"), std::string::npos);
    EXPECT_FALSE(fs::exists(work_ / "photos/optimized"));
    (void)src;
}

TEST_F(CliCorpus, BadInputsEachFailAlone) {
    copy("bad");
    copy("photos/garden.jpg");
    hashOriginals();
    auto r = run({"--report", report().string(), (work_ / "bad").string(), (work_ / "photos/garden.jpg").string()});
    EXPECT_EQ(r.exitCode, 1) << describe(r);
    const auto byInput = entriesByInput(loadJson(report()), work_.path());
    EXPECT_EQ(byInput.size(), 6u);
    EXPECT_TRUE(isSuccess(byInput.at("photos/garden.jpg"))) << "the batch goes on";
    for (const auto& [rel, e] : byInput) {
        if (rel.rfind("bad/", 0) != 0) continue;
        EXPECT_EQ(str(e, "status"), "failed") << rel;
        // Each error belongs to its own file: it never names another bad file.
        for (const auto& [other, unused] : byInput) {
            if (other != rel && other.rfind("bad/", 0) == 0) {
                EXPECT_EQ(str(e, "error").find(fs::path(other).filename().string()), std::string::npos)
                    << rel << " carries " << other << "'s error: " << str(e, "error");
            }
        }
    }
    EXPECT_FALSE(fs::exists(work_ / "bad/optimized"))
        << "nothing written for bad inputs (found: " << listFiles(work_ / "bad/optimized").size()
        << " files in an optimized/ folder left behind)";
    expectOriginalsUnchanged();
}

TEST_F(CliCorpus, KeptOriginalWhenNotSmaller) {
    const auto src = copy("graphics/spring.png");
    // First pass with the lossless preset; a second pass of the same preset cannot shrink its own output.
    auto first = run({"--quality", "100", "--allow-larger", "--output-dir", (out_ / "p1").string(), src.string()});
    ASSERT_EQ(first.exitCode, 0) << describe(first);
    const auto once = out_ / "p1/spring.png";
    ASSERT_TRUE(fs::exists(once));
    const auto hash = sha256File(once);
    auto second = run({"--quality", "100", "--output-dir", (out_ / "p2").string(), "--report", report().string(),
                       once.string()});
    ASSERT_EQ(second.exitCode, 0) << describe(second);
    const auto j = loadJson(report());
    ASSERT_EQ(j["files"].size(), 1u);
    EXPECT_EQ(str(j["files"][0], "status"), "kept-original") << j["files"][0].dump();
    EXPECT_EQ(j["summary"]["keptOriginal"], 1);
    EXPECT_EQ(sha256File(out_ / "p2/spring.png"), hash) << "the output folder gets the original's bytes";
    EXPECT_EQ(j["files"][0]["outputBytes"], j["files"][0]["inputBytes"]);

    auto larger = run({"--quality", "100", "--allow-larger", "--output-dir", (out_ / "p3").string(), "--report",
                       (out_ / "r3.json").string(), once.string()});
    ASSERT_EQ(larger.exitCode, 0) << describe(larger);
    const auto j3 = loadJson(out_ / "r3.json");
    EXPECT_EQ(str(j3["files"][0], "status"), "optimized") << "--allow-larger writes the result";
    EXPECT_TRUE(probeImage(out_ / "p3/spring.png").decoded);
}

TEST_F(CliCorpus, SuffixMode) {
    copy("photos/nested");
    hashOriginals();
    auto r = run({"--suffix", "-min", (work_ / "photos/nested").string()});
    ASSERT_EQ(r.exitCode, 0) << describe(r);
    EXPECT_TRUE(fs::exists(work_ / "photos/nested/wood-min.jpg"));
    EXPECT_TRUE(fs::exists(work_ / "photos/nested/deeper/autumn-min.jpg"));
    expectSameUprightSize(work_ / "photos/nested/wood.jpg", work_ / "photos/nested/wood-min.jpg");
    EXPECT_EQ(listFiles(work_.path()).size(), 4u);
    expectOriginalsUnchanged();
}

TEST_F(CliCorpus, InPlaceReplacesOnlyWhenSmallerAndAtomically) {
    copy("photos/nested");
    copy("special/png-named.jpg");
    copy("graphics/spring.png");
    hashOriginals();
    const auto before = listFiles(work_.path());
    std::map<std::string, std::uint64_t> sizes;
    for (const auto& rel : before) sizes[rel] = fs::file_size(work_ / rel);
    auto r = run({"--in-place", "--report", report().string(), work_.path().string()});
    ASSERT_EQ(r.exitCode, 0) << describe(r);
    EXPECT_EQ(listFiles(work_.path()), before) << "same files, no temp or extra files";
    EXPECT_TRUE(leftoverTemps(work_.path()).empty());
    const auto byInput = entriesByInput(loadJson(report()), work_.path());
    for (const auto& rel : before) {
        SCOPED_TRACE(rel);
        ASSERT_TRUE(byInput.count(rel));
        const auto& e = byInput.at(rel);
        const auto status = str(e, "status");
        if (!fs::exists(work_ / rel)) {
            ADD_FAILURE() << rel << " is gone after --in-place (now " << str(e, "output") << ")";
            continue;
        }
        if (status == "optimized") {
            EXPECT_LT(fs::file_size(work_ / rel), sizes[rel]) << "replaced only when smaller";
            EXPECT_TRUE(probeImage(work_ / rel).decoded) << "the replacement decodes";
        } else {
            EXPECT_EQ(status, "kept-original");
            EXPECT_EQ(sha256File(work_ / rel), originals_[rel]) << "kept files are byte-identical";
        }
    }
}

TEST_F(CliCorpus, DryRunWritesNothing) {
    for (const char* d : {"photos", "special"}) copy(d);
    hashOriginals();
    auto r = run({"--dry-run", "-f", "webp", work_.path().string()});
    EXPECT_TRUE(r.exitCode == 0 || r.exitCode == 1) << describe(r);
    EXPECT_EQ(listFiles(work_.path()).size(), originals_.size());
    EXPECT_NE(r.out.find("garden.jpg"), std::string::npos) << describe(r);
    expectOriginalsUnchanged();
}

TEST_F(CliCorpus, ReportInEveryFormat) {
    copy("special/space name \xc3\xa9.jpg");
    copy("special/anim.gif");
    copy("special/png-named.jpg");
    for (const char* ext : {"csv", "md", "html"}) {
        SCOPED_TRACE(ext);
        TempDir w;
        copyTree(work_ / "special", w / "special");
        const auto rep = out_ / (std::string("report.") + ext);
        auto r = run({"--report", rep.string(), (w / "special").string()});
        EXPECT_EQ(r.exitCode, 0) << describe(r);
        ASSERT_TRUE(fs::exists(rep));
        const auto text = readText(rep);
        EXPECT_NE(text.find("space name \xc3\xa9.jpg"), std::string::npos) << "non-ASCII names in the report";
        if (std::string(ext) == "csv") {
            // Header + one row per file (no field in the corpus names holds a newline).
            EXPECT_EQ(std::size_t(std::count(text.begin(), text.end(), '\n')), 1 + listFiles(work_ / "special").size());
        } else if (std::string(ext) == "md") {
            EXPECT_NE(text.find("|---"), std::string::npos);
        } else {
            EXPECT_NE(text.find("<svg"), std::string::npos);
            EXPECT_EQ(text.find("<script src"), std::string::npos);
            EXPECT_EQ(text.find("<link "), std::string::npos);
        }
    }
}
