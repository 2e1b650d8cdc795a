#pragma once
// The corpus fixture shared by the corpus suites: copies what a test needs out of the read-only
// ../shared/corpus, hashes the originals, and skips with a message when the corpus is absent.
#include <map>
#include <set>
#include <vips/vips8>

#include "e2e_support.hpp"

namespace imgopt::test {

class CliCorpus : public ::testing::Test {
protected:
    void SetUp() override {
        if (!haveCorpus())
            GTEST_SKIP()
                << "corpus folder " << corpusDir()
                << " is absent: the corpus tests run where ../shared/corpus exists (CI), not in a clone";
        ASSERT_TRUE(fs::exists(cliPath())) << "the CLI is not built at " << cliPath();
    }
    // Copies corpus/<rel> (file or folder) to <tmp>/<rel>, remembering the hashes of what was copied.
    fs::path copy(const std::string& rel) {
        const auto from = corpusDir() / rel;
        const auto to = work_ / rel;
        if (fs::is_directory(from))
            copyTree(from, to);
        else
            copyFileWritable(from, to);
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
inline double minAlpha(const fs::path& file) {
    auto img = vips::VImage::new_from_file(file.c_str());
    return img.has_alpha() ? img.extract_band(img.bands() - 1).min() : 255.0;
}

inline void expectSameUprightSize(const fs::path& src, const fs::path& out) {
    const auto a = probeImage(src, false);
    const auto b = probeImage(out);
    ASSERT_TRUE(b.ok) << out << ": " << b.error;
    EXPECT_TRUE(b.decoded) << out;
    const bool swap = a.orientation >= 5;
    EXPECT_EQ(b.width, swap ? a.height : a.width) << out;
    EXPECT_EQ(b.height, swap ? a.width : a.height) << out;
}

}  // namespace imgopt::test
