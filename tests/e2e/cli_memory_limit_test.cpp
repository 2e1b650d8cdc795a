// IMGOPT_MEMORY_LIMIT on the real CLI: big images stay under the limit, measured from outside the process
// (the child's peak RSS from wait4), and every file still succeeds; a task whose estimate is larger than the
// whole budget runs alone. The images are made at test time, sized like ../shared/bench/big-corpus.sh's
// wallpapers (4K-5K); set IMGOPT_BIG_CORPUS to a folder to run the first test on real images instead.

#include <cstdlib>

#include "e2e_support.hpp"

namespace imgopt::test {
namespace {

constexpr std::uint64_t kMiB = 1024 * 1024;

// Sets an environment variable for the CLI runs of one test; the runner passes its environment on.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const char* value) : name_(name) { setenv(name, value, 1); }
    ~ScopedEnv() { unsetenv(name_); }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    const char* name_;
};

void makeBigSet(const fs::path& dir) {
    for (int i = 0; i < 4; ++i)
        makeImage(dir / ("photo-" + std::to_string(i) + ".jpg"),
                  {.width = 5000 - 200 * i, .height = 3333, .quality = 92});
    makeImage(dir / "wallpaper-0.png", {.width = 3840, .height = 2160, .noise = false});
    makeImage(dir / "wallpaper-1.png", {.width = 4096, .height = 2304, .bands = 4, .noise = false});
    makeImage(dir / "layered.webp", {.width = 4000, .height = 3000, .bands = 4, .quality = 90});
    makeImage(dir / "scan.tif", {.width = 4000, .height = 3000});
}

bool succeeded(const json& entry) {
    const std::string status = entry.value("status", "");
    return status == "optimized" || status == "kept-original" || status == "kept original";
}

}  // namespace

TEST(CliMemoryLimit, BigImagesStayUnderTheLimitAndAllSucceed) {
    TempDir dir;
    fs::path input = dir / "big";
    if (const char* real = std::getenv("IMGOPT_BIG_CORPUS"); real && *real) {
        copyTree(real, input);
    } else {
        makeBigSet(input);
    }
    ScopedEnv limit("IMGOPT_MEMORY_LIMIT", "400M");
    const auto r = runCli(
        {"--report", (dir / "r.json").string(), "--output-dir", (dir / "out").string(), input.string()});
    ASSERT_EQ(r.exitCode, 0) << describe(r);
    EXPECT_LT(r.maxRssBytes, 400 * kMiB)
        << "peak RSS measured by the parent: " << r.maxRssBytes / kMiB << " MiB";
    const json report = loadJson(dir / "r.json");
    ASSERT_GE(report["files"].size(), 8u);
    for (const auto& entry : report["files"]) EXPECT_TRUE(succeeded(entry)) << entry.dump();
}

TEST(CliMemoryLimit, ATaskLargerThanTheBudgetRunsAlone) {
    TempDir dir;
    // Its estimate (over 150 MB: a palette PNG of 15 megapixels with alpha) exceeds the whole 120 MiB budget.
    makeImage(dir / "in/huge.png", {.width = 4800, .height = 3200, .bands = 4, .noise = false});
    for (int i = 0; i < 6; ++i)
        makeImage(dir / ("in/small-" + std::to_string(i) + ".jpg"), {.width = 800, .height = 600});
    ScopedEnv limit("IMGOPT_MEMORY_LIMIT", "120M");
    const auto r = runCli({"--report", (dir / "r.json").string(), (dir / "in").string()});
    ASSERT_EQ(r.exitCode, 0) << describe(r);
    const json report = loadJson(dir / "r.json");
    const json* huge = nullptr;
    for (const auto& entry : report["files"]) {
        EXPECT_TRUE(succeeded(entry)) << entry.dump();
        if (entry["input"].get<std::string>().ends_with("huge.png")) huge = &entry;
    }
    ASSERT_NE(huge, nullptr);
    ASSERT_GT((*huge)["estimatedBytes"].get<double>(), 120.0 * kMiB)
        << "the test needs a task above the budget";
    const double start = (*huge)["startSeconds"], end = (*huge)["endSeconds"];
    for (const auto& entry : report["files"]) {
        if (&entry == huge) continue;
        const double s = entry["startSeconds"], e = entry["endSeconds"];
        EXPECT_TRUE(e <= start || s >= end)
            << entry["input"] << " ran from " << s << " s to " << e << " s, beside the huge task (" << start
            << " s to " << end << " s)";
    }
}

}  // namespace imgopt::test
