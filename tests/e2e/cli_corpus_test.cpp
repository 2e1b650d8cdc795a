// The CLI on a temp copy of ../shared/corpus: the whole corpus in one default run, report cross-checked.
// The corpus is read-only and the default mode writes beside each source, so each test copies what it needs.
#include "cli_corpus_fixture.hpp"

using namespace imgopt::test;

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
        for (const char* rel :
             {"special/photo.heic", "special/photo.avif", "special/photo.tif", "special/UPPERCASE.TIF"}) {
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
        for (const char* name :
             {"empty.jpg", "truncated.jpg", "text.png", "random.webp", "bomb-30000x30000.png"}) {
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
        EXPECT_NE(lowerCase(str(byInput["bad/bomb-30000x30000.png"], "error")).find("limit"),
                  std::string::npos);
        EXPECT_NE(lowerCase(str(byInput["bad/empty.jpg"], "error")).find("empty"), std::string::npos);
        EXPECT_EQ(listFiles(work_ / "bad"),
                  (std::vector<std::string>{"bomb-30000x30000.png", "empty.jpg", "random.webp", "text.png",
                                            "truncated.jpg"}))
            << "nothing written for bad inputs";
    }

    // The report: documented fields and numbers that agree with each other.
    ASSERT_TRUE(j.contains("tool"));
    EXPECT_EQ(j["tool"]["name"], "imgopt");
    EXPECT_TRUE(j["tool"]["version"].is_string());
    EXPECT_TRUE(j["settings"].is_object());
    const auto& s = j["summary"];
    for (const char* k : {"files", "optimized", "keptOriginal", "skipped", "failed", "inputBytes",
                          "outputBytes", "savedBytes", "wallSeconds"})
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
        EXPECT_TRUE(!byInput[rel].contains("batch") || byInput[rel]["batch"].is_null())
            << rel << " was scheduled";
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
