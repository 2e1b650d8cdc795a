// Real faults on real processes: the CLI is killed with SIGKILL at random moments, then run again. A rerun
// must do exactly the missing work: the same output set (names and bytes) as a run that was never killed,
// no temporary files, every output decoding. In place, every original must at every moment be either
// untouched or replaced by a smaller file that decodes, with the original's bytes in the Trash; undo then
// brings back every original. The figures (runs killed, files checked, files lost) go to the test's
// properties and to stdout, for docs/robustness.md.
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <random>
#include <set>
#include <thread>

#include "e2e_support.hpp"

using namespace imgopt::test;
using namespace std::chrono_literals;

namespace {

constexpr int kKills = 12;  // the issue asks for at least 10

// The inputs: photos and graphics in two folders, small enough that a run takes a few tenths of a second
// (the kills are spread over that time). The in-place test uses sub/ alone: each replacement there syncs
// the disk several times.
void makeInputs(const fs::path& in) {
    for (int i = 0; i < 6; ++i)
        makeImage(in / ("photo-" + std::to_string(i) + ".jpg"), {.width = 560, .height = 380, .quality = 98});
    for (int i = 0; i < 4; ++i)
        makeImage(in / ("sub/graphic-" + std::to_string(i) + ".png"),
                  {.width = 280, .height = 200, .bands = 4});
    makeImage(in / "sub/still.webp", {.width = 360, .height = 240, .quality = 95});
    makeAnimatedGif(in / "sub/anim.gif", 60, 40, 4);
}

std::set<std::string> hashesIn(const fs::path& folder) {
    std::set<std::string> out;
    std::error_code ec;
    if (!fs::exists(folder, ec)) return out;
    for (const auto& e : fs::directory_iterator(folder)) out.insert(sha256File(e.path()));
    return out;
}

// Sets an environment variable for the processes this test starts, and puts it back afterwards.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const std::string& value) : name_(name) {
        if (const char* old = getenv(name)) old_ = old;
        setenv(name, value.c_str(), 1);
    }
    ~ScopedEnv() { setenv(name_, old_.c_str(), 1); }

private:
    const char* name_;
    std::string old_;
};

class CliKill : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(fs::exists(cliPath())) << "the CLI is not built at " << cliPath();
        makeInputs(dir_ / "pristine");
        pristine_ = hashTree(dir_ / "pristine");
    }

    // Starts the CLI on `in`, kills it after a random delay of up to `window`; true when the kill landed.
    bool killedRun(const std::vector<std::string>& args, std::chrono::milliseconds window) {
        BackgroundProcess p(cliPath(), args);
        std::this_thread::sleep_for(
            std::chrono::milliseconds(std::uniform_int_distribution<long>(0, long(window.count()))(random_)));
        if (!p.running()) return false;
        const auto r = p.kill(SIGKILL);
        // The run may finish between the check and the signal: then it was not killed, and it must have
        // succeeded.
        if (r.signal != SIGKILL) {
            EXPECT_EQ(r.exitCode, 0) << describe(r);
        }
        return r.signal == SIGKILL;
    }

    void report(const char* what, int killed, int checked, int lost) {
        RecordProperty("runs_killed", killed);
        RecordProperty("files_checked", checked);
        RecordProperty("files_lost", lost);
        std::printf("fault injection (%s): %d runs killed, %d files checked, %d lost\n", what, killed,
                    checked, lost);
    }

    TempDir dir_;
    std::map<std::string, std::string> pristine_;
    std::mt19937 random_{20261201};
};

}  // namespace

TEST_F(CliKill, KilledRunsResumeToExactlyTheOutputOfAnUninterruptedRun) {
    // The reference: one run that nobody kills.
    copyTree(dir_ / "pristine", dir_ / "reference");
    const auto start = std::chrono::steady_clock::now();
    const auto ref = runCli({"-j2", "-q", (dir_ / "reference").string()});
    const auto duration =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    ASSERT_EQ(ref.exitCode, 0) << describe(ref);
    const auto expected = hashTree(dir_ / "reference");
    ASSERT_GT(expected.size(), pristine_.size());

    int killed = 0, checked = 0, lost = 0;
    for (int attempt = 0; killed < kKills && attempt < 4 * kKills; ++attempt) {
        const auto in = dir_ / ("run-" + std::to_string(attempt));
        copyTree(dir_ / "pristine", in);
        const std::vector<std::string> args{"-j2", "-q", in.string()};
        if (!killedRun(args, duration)) continue;
        ++killed;
        // Every other time the first rerun is killed too: a run may be interrupted more than once.
        if (attempt % 2 == 1 && killedRun(args, duration)) ++killed;
        const auto rerun = runCli({"-j2", "--report", (in.string() + ".json"), in.string()});
        ASSERT_EQ(rerun.exitCode, 0) << describe(rerun);
        EXPECT_TRUE(leftoverTemps(in).empty()) << "temporary files left: " << leftoverTemps(in).front();
        const auto got = hashTree(in);
        EXPECT_EQ(got, expected) << "run " << attempt << ": not the output set of an uninterrupted run";
        for (const auto& [rel, hash] : expected) {
            ++checked;
            const auto it = got.find(rel);
            if (it == got.end() || it->second != hash) {
                ++lost;
                ADD_FAILURE() << "run " << attempt << ": " << rel
                              << (it == got.end() ? " is missing" : " differs");
            } else if (rel.find("optimized/") != std::string::npos) {
                EXPECT_TRUE(probeImage(in / rel).decoded) << rel;
            }
        }
        // The rerun did only the missing work: what the killed run finished is up to date.
        const auto j = loadJson(in.string() + ".json");
        EXPECT_EQ(j["files"].size(), pristine_.size());
    }
    EXPECT_GE(killed, 10) << "too few runs were still running when killed";
    EXPECT_EQ(lost, 0);
    report("kill -9 and rerun", killed, checked, lost);
}

TEST_F(CliKill, InPlaceRunsKilledAtAnyMomentLoseNoOriginal) {
    int killed = 0, checked = 0, lost = 0;
    std::chrono::milliseconds duration{0};
    for (int attempt = 0; killed < 10 && attempt < 40; ++attempt) {
        const auto in = dir_ / ("inplace-" + std::to_string(attempt));
        copyTree(dir_ / "pristine/sub", in);
        // A Trash and a run state of its own, so that an original found there, or a run undone, is this
        // one's.
        const ScopedEnv data("XDG_DATA_HOME", (dir_ / ("data-" + std::to_string(attempt))).string());
        const ScopedEnv state("XDG_STATE_HOME", (dir_ / ("state-" + std::to_string(attempt))).string());
        const auto trashFiles = dir_ / ("data-" + std::to_string(attempt)) / "Trash/files";
        const std::vector<std::string> args{"-j2", "-q", "--in-place", "--quality", "60", in.string()};
        if (duration.count() == 0) {
            // First: how long an uninterrupted in-place run takes on a copy, to spread the kills over it.
            copyTree(dir_ / "pristine/sub", in.string() + "-timing");
            const ScopedEnv timingState("XDG_STATE_HOME", in.string() + "-timing-state");
            const auto start = std::chrono::steady_clock::now();
            ASSERT_EQ(
                runCli({"-j2", "-q", "--in-place", "--quality", "60", in.string() + "-timing"}).exitCode, 0);
            duration = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::steady_clock::now() - start);
        }
        if (!killedRun(args, duration)) continue;
        ++killed;
        const auto checkOriginals = [&](const char* when) {
            const auto trashed = hashesIn(trashFiles);
            for (const auto& [rel, hash] : hashTree(dir_ / "pristine/sub")) {
                ++checked;
                const auto now = in / rel;
                if (fs::exists(now) && sha256File(now) == hash) continue;  // untouched
                const bool replaced = fs::exists(now) && probeImage(now).decoded &&
                                      fs::file_size(now) < fs::file_size(dir_ / "pristine/sub" / rel);
                if (replaced && trashed.count(hash)) continue;
                ++lost;
                ADD_FAILURE() << when << ", run " << attempt << ": " << rel
                              << (fs::exists(now) ? " was replaced without its original in the Trash"
                                                  : " is gone");
            }
        };
        checkOriginals("right after the kill");
        const auto rerun = runCli(args);
        ASSERT_EQ(rerun.exitCode, 0) << describe(rerun);
        checkOriginals("after the rerun");
        EXPECT_TRUE(leftoverTemps(in).empty());
        // Undo, newest run first, until nothing is left: every original is back, byte for byte.
        for (int i = 0; i < 4; ++i) {
            const auto u = runCli({"--undo"});
            ASSERT_EQ(u.exitCode, 0) << describe(u);
            if (u.out.find("nothing to undo") != std::string::npos) break;
        }
        EXPECT_EQ(hashTree(in), hashTree(dir_ / "pristine/sub"))
            << "run " << attempt << ": undo did not bring back every original";
    }
    EXPECT_GE(killed, 10);
    EXPECT_EQ(lost, 0);
    report("in place", killed, checked, lost);
}
