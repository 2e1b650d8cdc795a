// Faults a user's machine inflicts, on the real CLI: a full disk (a small tmpfs), a read-only output folder,
// folders removed while the scan runs, an optimized/ folder that is a link to elsewhere, an animated
// decompression bomb, a damaged input that must be reported as damaged, and a few bytes that begin like an
// image (a fuzzer's find). Mounting needs root; without it those tests skip with a message.
#include <random>
#include <thread>

#include "e2e_support.hpp"

using namespace imgopt::test;
using namespace std::chrono_literals;

namespace {

class CliFault : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(fs::exists(cliPath())) << "the CLI is not built at " << cliPath(); }

    std::size_t count(const std::string& text, const std::string& what) {
        std::size_t n = 0;
        for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
        return n;
    }

    TempDir dir_;
};

}  // namespace

TEST_F(CliFault, FullDiskSaysSoOnceAndSkipsTheRest) {
    TmpfsMount disk(dir_ / "disk", 1 << 20);
    if (!disk.mounted()) GTEST_SKIP() << disk.error();
    // 30 photos whose outputs need about four times the room there is.
    for (int i = 0; i < 30; ++i)
        makeImage(dir_ / "in" / ("p" + std::to_string(100 + i) + ".jpg"),
                  {.width = 700, .height = 500, .quality = 98});
    const auto r = runCli({"-j2", "--output-dir", (dir_ / "disk/out").string(), "--report",
                           (dir_ / "r.json").string(), (dir_ / "in").string()});
    EXPECT_EQ(r.exitCode, 1) << describe(r);
    EXPECT_EQ(count(r.all(), "no space left on the output disk"), 1u) << "said once:\n" << describe(r);
    EXPECT_EQ(r.all().find("damaged"), std::string::npos) << describe(r);
    const auto j = loadJson(dir_ / "r.json");
    std::size_t failed = 0, skippedFull = 0, written = 0;
    for (const auto& f : j["files"]) {
        const auto status = str(f, "status");
        if (status == "failed") {
            ++failed;
            EXPECT_EQ(str(f, "errorCode"), "no-space") << str(f, "error");
        } else if (status == "skipped") {
            ++skippedFull;
            EXPECT_EQ(str(f, "errorCode"), "no-space");
            EXPECT_NE(str(f, "error").find("the output disk is full"), std::string::npos) << str(f, "error");
        } else {
            ++written;
        }
    }
    EXPECT_EQ(failed, 1u);
    EXPECT_GT(skippedFull, 10u) << "the rest were not tried one by one";
    EXPECT_GT(written, 0u);
    EXPECT_TRUE(leftoverTemps(dir_ / "disk").empty()) << leftoverTemps(dir_ / "disk").front();
    for (const auto& rel : listFiles(dir_ / "disk/out"))
        EXPECT_TRUE(probeImage(dir_ / "disk/out" / rel).decoded) << rel << " was left half-written";
    EXPECT_NE(r.err.find("not written: the output disk is full"), std::string::npos)
        << "the summary counts them";
}

TEST_F(CliFault, ReadOnlyOutputFolderIsNamedAsSuch) {
    TmpfsMount disk(dir_ / "ro", 1 << 20);
    if (!disk.mounted()) GTEST_SKIP() << disk.error();
    // Root ignores permission bits, so the folder is made read-only the way a disk is: by its mount.
    fs::create_directories(dir_ / "ro/out");
    makeImage(dir_ / "ro/in/a.jpg", {.width = 300, .height = 200, .quality = 98});
    if (!disk.remountReadOnly()) GTEST_SKIP() << "cannot remount the tmpfs read-only";
    makeImage(dir_ / "in/b.jpg", {.width = 300, .height = 200, .quality = 98});
    const auto r = runCli({"--output-dir", (dir_ / "ro/out").string(), "--report", (dir_ / "r.json").string(),
                           (dir_ / "in").string()});
    EXPECT_EQ(r.exitCode, 1) << describe(r);
    const auto j = loadJson(dir_ / "r.json");
    ASSERT_EQ(j["files"].size(), 1u);
    EXPECT_EQ(str(j["files"][0], "errorCode"), "read-only");
    EXPECT_NE(str(j["files"][0], "error").find("the output folder is read-only"), std::string::npos)
        << str(j["files"][0], "error");
    // In place on the read-only disk: the same words, and the original untouched.
    const auto before = sha256File(dir_ / "ro/in/a.jpg");
    const auto inPlace = runCli({"--in-place", (dir_ / "ro/in").string()});
    EXPECT_EQ(inPlace.exitCode, 1) << describe(inPlace);
    EXPECT_NE(inPlace.err.find("the output folder is read-only"), std::string::npos) << describe(inPlace);
    EXPECT_EQ(sha256File(dir_ / "ro/in/a.jpg"), before);
}

TEST_F(CliFault, FoldersRemovedDuringTheScan) {
    constexpr int kFolders = 90;
    for (int d = 0; d < kFolders; ++d)
        for (int f = 0; f < 2; ++f)
            makeImage(dir_ / "pristine" / ("d" + std::to_string(d)) / ("i" + std::to_string(f) + ".png"),
                      {.width = 24, .height = 16, .noise = false});
    std::mt19937 random(7);
    for (int attempt = 0; attempt < 4; ++attempt) {
        const auto in = dir_ / ("in-" + std::to_string(attempt));
        copyTree(dir_ / "pristine", in);
        BackgroundProcess p(cliPath(), {"-j2", "-q", "--report", in.string() + ".json", in.string()});
        std::this_thread::sleep_for(
            std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 40)(random)));
        for (int d = 0; d < kFolders; d += 3) fs::remove_all(in / ("d" + std::to_string(d)));
        const auto r = p.wait();
        EXPECT_EQ(r.signal, 0) << describe(r);
        EXPECT_TRUE(r.exitCode == 0 || r.exitCode == 1) << describe(r);
        EXPECT_TRUE(leftoverTemps(in).empty());
        // Every folder that stayed was processed completely, and every output decodes.
        for (int d = 1; d < kFolders; ++d) {
            if (d % 3 == 0) continue;
            for (int f = 0; f < 2; ++f) {
                const auto out =
                    in / ("d" + std::to_string(d)) / "optimized" / ("i" + std::to_string(f) + ".png");
                EXPECT_TRUE(probeImage(out).decoded) << out << "\n" << describe(r);
            }
        }
        // Files that vanished are reported as missing, one line each, never as damaged.
        const auto j = loadJson(in.string() + ".json");
        for (const auto& f : j["files"])
            if (str(f, "status") == "failed") {
                EXPECT_EQ(str(f, "errorCode"), "input-unreadable") << str(f, "error");
            }
    }
}

TEST_F(CliFault, SymlinkedOptimizedFolderWritesNothingOutside) {
    makeImage(dir_ / "in/a.jpg", {.width = 300, .height = 200, .quality = 98});
    makeImage(dir_ / "in/sub/b.jpg", {.width = 300, .height = 200, .quality = 98});
    fs::create_directories(dir_ / "elsewhere");
    fs::create_directory_symlink(dir_ / "elsewhere", dir_ / "in/optimized");
    const auto r = runCli({(dir_ / "in").string()});
    EXPECT_EQ(r.exitCode, 1) << describe(r);
    EXPECT_NE(r.err.find((dir_ / "in/optimized").string() + " is a link to " + (dir_ / "elsewhere").string()),
              std::string::npos)
        << describe(r);
    EXPECT_TRUE(listFiles(dir_ / "elsewhere").empty());
    EXPECT_TRUE(probeImage(dir_ / "in/sub/optimized/b.jpg").decoded) << "a real optimized/ folder is used";
}

TEST_F(CliFault, AnimatedBombIsRefusedFromItsHeader) {
    makeGifBomb(dir_ / "in/bomb.gif", 2000, 2000, 300);
    const auto r = runCli({"--report", (dir_ / "r.json").string(), (dir_ / "in/bomb.gif").string()});
    EXPECT_EQ(r.exitCode, 1) << describe(r);
    EXPECT_LT(r.seconds, 10.0) << "refused from the header, not after decoding 1.2 gigapixels (it took 68 s)";
    EXPECT_LT(r.maxRssBytes, 300ull << 20) << "peak RSS " << (r.maxRssBytes >> 20) << " MB";
    const auto j = loadJson(dir_ / "r.json");
    EXPECT_EQ(str(j["files"][0], "errorCode"), "pixel-limit");
    EXPECT_NE(str(j["files"][0], "error").find("x 300 frames"), std::string::npos)
        << str(j["files"][0], "error");
    EXPECT_FALSE(fs::exists(dir_ / "in/optimized"));
}

TEST_F(CliFault, DamagedPixelDataIsADamagedInput) {
    makeImage(dir_ / "good.png", {.width = 300, .height = 200});
    auto bytes = readText(dir_ / "good.png");
    const auto idat = bytes.find("IDAT");
    ASSERT_NE(idat, std::string::npos);
    for (std::size_t i = idat + 50; i < idat + 120; ++i) bytes[i] = char(bytes[i] ^ 0x55);
    writeText(dir_ / "in/corrupt-idat.png", bytes);
    const auto r = runCli({"--report", (dir_ / "r.json").string(), (dir_ / "in").string()});
    EXPECT_EQ(r.exitCode, 1) << describe(r);
    const auto j = loadJson(dir_ / "r.json");
    EXPECT_EQ(str(j["files"][0], "errorCode"), "input-damaged");
    const auto error = str(j["files"][0], "error");
    EXPECT_NE(error.find("damaged"), std::string::npos) << error;
    EXPECT_EQ(error.find("write"), std::string::npos) << "a damaged input never blames writing: " << error;
    EXPECT_FALSE(fs::exists(dir_ / "in/optimized"));
}

TEST_F(CliFault, AFewBytesThatBeginLikeAnImageFailOnlyThemselves) {
    // fuzz_header's find: six bytes "RIFF\xa0\x01" made the WebP sniffer throw. A file named .webp then
    // failed as an "internal error", and one without an image extension, sniffed by the folder scan, stopped
    // the scan: every folder after it was left out of the run.
    const std::string riff("RIFF\xa0\x01", 6);
    writeText(dir_ / "in/a/notes", riff);
    writeText(dir_ / "in/a/short.webp", riff);
    makeImage(dir_ / "in/b/good.jpg", {.width = 300, .height = 200, .quality = 98});
    const auto r = runCli({"--report", (dir_ / "r.json").string(), (dir_ / "in").string()});
    EXPECT_EQ(r.signal, 0) << describe(r);
    EXPECT_EQ(r.exitCode, 1) << describe(r);
    const auto j = loadJson(dir_ / "r.json");
    EXPECT_TRUE(j["scanErrors"].empty()) << j["scanErrors"].dump();
    ASSERT_EQ(j["files"].size(), 2u) << j["files"].dump();
    for (const auto& f : j["files"]) {
        if (str(f, "input").ends_with("short.webp")) {
            EXPECT_EQ(str(f, "errorCode"), "input-unsupported") << str(f, "error");
        } else {
            EXPECT_TRUE(str(f, "input").ends_with("good.jpg")) << str(f, "input");
            EXPECT_NE(str(f, "status"), "failed") << str(f, "error");
        }
    }
}
