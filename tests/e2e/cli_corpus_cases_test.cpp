// The CLI on a temp copy of ../shared/corpus: one test (or more) per row of the corpus README table.
#include "cli_corpus_fixture.hpp"

using namespace imgopt::test;

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
    EXPECT_EQ(err.find("--"), std::string::npos) << "the report's message names no CLI flag: " << err;
    EXPECT_EQ(str(j["files"][0], "errorCode"), "pixel-limit") << "a tool names its own option from the code";
    EXPECT_NE(r.err.find("--max-pixels"), std::string::npos)
        << "the CLI names the option that raises the limit: " << r.err;
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
    auto r = run(
        {"--report", report().string(), (work_ / "bad").string(), (work_ / "photos/garden.jpg").string()});
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
    auto first =
        run({"--quality", "100", "--allow-larger", "--output-dir", (out_ / "p1").string(), src.string()});
    ASSERT_EQ(first.exitCode, 0) << describe(first);
    const auto once = out_ / "p1/spring.png";
    ASSERT_TRUE(fs::exists(once));
    const auto hash = sha256File(once);
    auto second = run({"--quality", "100", "--output-dir", (out_ / "p2").string(), "--report",
                       report().string(), once.string()});
    ASSERT_EQ(second.exitCode, 0) << describe(second);
    const auto j = loadJson(report());
    ASSERT_EQ(j["files"].size(), 1u);
    EXPECT_EQ(str(j["files"][0], "status"), "kept-original") << j["files"][0].dump();
    EXPECT_EQ(j["summary"]["keptOriginal"], 1);
    EXPECT_EQ(sha256File(out_ / "p2/spring.png"), hash) << "the output folder gets the original's bytes";
    EXPECT_EQ(j["files"][0]["outputBytes"], j["files"][0]["inputBytes"]);

    auto larger = run({"--quality", "100", "--allow-larger", "--output-dir", (out_ / "p3").string(),
                       "--report", (out_ / "r3.json").string(), once.string()});
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
            EXPECT_EQ(std::size_t(std::count(text.begin(), text.end(), '\n')),
                      1 + listFiles(work_ / "special").size());
        } else if (std::string(ext) == "md") {
            EXPECT_NE(text.find("|---"), std::string::npos);
        } else {
            EXPECT_NE(text.find("<svg"), std::string::npos);
            EXPECT_EQ(text.find("<script src"), std::string::npos);
            EXPECT_EQ(text.find("<link "), std::string::npos);
        }
    }
}

// Quality auto on the corpus: every written output keeps the visual target, measured by the engine (the
// benchmark checks the same with the scikit-image tool), and JPEG never goes above the source's quality.
TEST_F(CliCorpus, QualityAutoKeepsTheTargetEverywhere) {
    for (const char* d : {"photos", "graphics", "special"}) copy(d);
    hashOriginals();
    auto r = run({"--quality", "auto", "--output-dir", out_.path().string(), "--report", report().string(),
                  work_.path().string()});
    EXPECT_EQ(r.exitCode, 0) << describe(r);
    expectOriginalsUnchanged();
    const auto j = loadJson(report());
    int scored = 0;
    for (const auto& f : j["files"]) {
        SCOPED_TRACE(f.dump());
        if (f["status"] != "optimized" && f["status"] != "kept-original") continue;
        if (f["score"].is_null()) continue;  // animations and TIFF keep their presets
        ++scored;
        EXPECT_GE(f["score"].get<double>(), 0.96);
        if (f["status"] == "kept-original") {
            EXPECT_EQ(f["score"].get<double>(), 1.0);
        }
        if (f["inputFormat"] == "jpeg" && f["outputFormat"] == "jpeg" && f["chosenQuality"].is_number() &&
            f["sourceQuality"].is_number()) {
            EXPECT_LE(f["chosenQuality"].get<int>(), f["sourceQuality"].get<int>());
        }
    }
    EXPECT_GE(scored, 15);
    EXPECT_GE(j["summary"]["minScore"].get<double>(), 0.96);
}
