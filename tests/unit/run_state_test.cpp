// The run state: what an earlier run wrote decides whether a source is up to date, already optimized in
// place, or may replace its own earlier output; a database left by a killed writer still opens.
#include "run_state.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>

#include "fingerprint.hpp"
#include "test_support.hpp"

using namespace imgopt;
using namespace imgopt::test;

namespace {

Fingerprint fingerprintOf(const fs::path& file) {
    Fingerprint fp = *statFingerprint(file);
    fp.hash = hashFile(file);
    return fp;
}

OutputRecord recordOf(const fs::path& source, const fs::path& output, bool written = true) {
    OutputRecord r;
    r.source = source;
    r.sourceFp = fingerprintOf(source);
    r.output = output;
    r.outputFp = fingerprintOf(output);
    r.written = written;
    r.inputFormat = ImageFormat::Jpeg;
    r.outputFormat = ImageFormat::Jpeg;
    r.width = 4;
    r.height = 3;
    return r;
}

std::unique_ptr<RunState> openState(const TempDir& dir) {
    auto s = RunState::open(dir / "state");
    EXPECT_TRUE(s) << errorText(s);
    return s ? std::move(*s) : nullptr;
}

}  // namespace

TEST(RunState, UnknownSourceHasNoPriorOutput) {
    TempDir dir;
    auto state = openState(dir);
    writeText(dir / "a.jpg", "source");
    const auto prior = state->check(dir / "a.jpg", "settings", false, false);
    EXPECT_EQ(prior.kind, PriorOutput::Kind::None);
    EXPECT_FALSE(prior.ownOutput);
}

TEST(RunState, RecordedOutputIsUpToDateUntilSourceOrOutputChanges) {
    TempDir dir;
    auto state = openState(dir);
    writeText(dir / "a.jpg", "source");
    writeText(dir / "optimized/a.jpg", "output");
    ASSERT_TRUE(state->record(recordOf(dir / "a.jpg", dir / "optimized/a.jpg"), "s1"));

    auto prior = state->check(dir / "a.jpg", "s1", false, false);
    EXPECT_EQ(prior.kind, PriorOutput::Kind::UpToDate);
    EXPECT_EQ(prior.record.output, dir / "optimized/a.jpg");
    EXPECT_EQ(prior.record.width, 4);

    EXPECT_EQ(state->check(dir / "a.jpg", "s2", false, false).kind, PriorOutput::Kind::None)
        << "other settings are another output";
    prior = state->check(dir / "a.jpg", "s1", false, true);
    EXPECT_EQ(prior.kind, PriorOutput::Kind::None) << "force redoes it";
    EXPECT_EQ(prior.ownOutput, dir / "optimized/a.jpg") << "and replaces its own output";

    writeText(dir / "a.jpg", "source, edited");
    prior = state->check(dir / "a.jpg", "s1", false, false);
    EXPECT_EQ(prior.kind, PriorOutput::Kind::None) << "a changed source is redone";
    EXPECT_EQ(prior.ownOutput, dir / "optimized/a.jpg");

    ASSERT_TRUE(state->record(recordOf(dir / "a.jpg", dir / "optimized/a.jpg"), "s1"));
    writeText(dir / "optimized/a.jpg", "the user's own file now");
    prior = state->check(dir / "a.jpg", "s1", false, false);
    EXPECT_EQ(prior.kind, PriorOutput::Kind::None) << "an output changed by someone else is not ours";
    EXPECT_FALSE(prior.ownOutput) << "and is never replaced as if it were";
}

TEST(RunState, SameBytesWithANewTimeAreStillUpToDate) {
    TempDir dir;
    auto state = openState(dir);
    writeText(dir / "a.jpg", "source");
    writeText(dir / "out.jpg", "output");
    ASSERT_TRUE(state->record(recordOf(dir / "a.jpg", dir / "out.jpg"), "s"));
    // A copy or a touch changes the time, not the bytes: the hash decides.
    const struct timespec times[2] = {{1'000'000, 0}, {1'000'000, 0}};
    ASSERT_EQ(utimensat(AT_FDCWD, (dir / "a.jpg").c_str(), times, 0), 0);
    ASSERT_EQ(utimensat(AT_FDCWD, (dir / "out.jpg").c_str(), times, 0), 0);
    EXPECT_EQ(state->check(dir / "a.jpg", "s", false, false).kind, PriorOutput::Kind::UpToDate);
}

TEST(RunState, InPlaceOwnBytesAreAlreadyOptimizedEvenWithForce) {
    TempDir dir;
    auto state = openState(dir);
    writeText(dir / "a.jpg", "original");
    OutputRecord r = recordOf(dir / "a.jpg", dir / "a.jpg");
    writeText(dir / "a.jpg", "what ImgOpt wrote");
    r.outputFp = fingerprintOf(dir / "a.jpg");
    ASSERT_TRUE(state->record(r, "q80"));

    for (const bool force : {false, true})
        for (const char* settings : {"q80", "q50"})
            EXPECT_EQ(state->check(dir / "a.jpg", settings, true, force).kind,
                      PriorOutput::Kind::AlreadyOptimized)
                << settings << (force ? " with force" : "");

    writeText(dir / "a.jpg", "edited by the user");
    EXPECT_EQ(state->check(dir / "a.jpg", "q80", true, false).kind, PriorOutput::Kind::None);
}

TEST(RunState, InPlaceKeptOriginalIsUpToDateForTheSameSettingsOnly) {
    TempDir dir;
    auto state = openState(dir);
    writeText(dir / "a.png", "already small");
    ASSERT_TRUE(state->record(recordOf(dir / "a.png", dir / "a.png", false), "q100"));
    EXPECT_EQ(state->check(dir / "a.png", "q100", true, false).kind, PriorOutput::Kind::UpToDate);
    EXPECT_EQ(state->check(dir / "a.png", "q60", true, false).kind, PriorOutput::Kind::None);
    EXPECT_EQ(state->check(dir / "a.png", "q100", true, true).kind, PriorOutput::Kind::None);
}

TEST(RunState, StaleTrashEntryOfAReplacementThatNeverHappenedIsDropped) {
    TempDir dir;
    auto state = openState(dir);
    writeText(dir / "a.jpg", "original");
    const Trash trash(dir / "Trash");
    auto entry = trash.keep(dir / "a.jpg");
    ASSERT_TRUE(entry) << errorText(entry);
    ASSERT_TRUE(state->recordTrashed(TrashRecord{0, dir / "a.jpg", *entry, dir / "a.jpg", {}}));
    // The run was killed before the rename: the Trash holds a second name of the file still in place.
    (void)state->check(dir / "a.jpg", "s", true, false);
    EXPECT_FALSE(fs::exists(entry->file));
    EXPECT_FALSE(fs::exists(entry->info));
    EXPECT_EQ(readText(dir / "a.jpg"), "original");
    EXPECT_FALSE(state->lastUndoableRun()) << "nothing left to undo";
}

TEST(RunState, DatabaseOfAKilledWriterOpensWithEveryCommittedRow) {
    TempDir dir;
    writeText(dir / "a.jpg", "source");
    writeText(dir / "out.jpg", "output");
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        auto s = RunState::open(dir / "state");
        if (!s) _exit(2);
        for (int i = 0; i < 200; ++i) {
            OutputRecord r = recordOf(dir / "a.jpg", dir / "out.jpg");
            r.source = dir / ("src-" + std::to_string(i) + ".jpg");
            (void)(*s)->record(r, "s");
        }
        OutputRecord r = recordOf(dir / "a.jpg", dir / "out.jpg");
        (void)(*s)->record(r, "s");
        raise(SIGKILL);  // no clean close: the WAL is left as it is
    }
    int status = 0;
    waitpid(child, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status));
    auto state = openState(dir);
    ASSERT_TRUE(state);
    EXPECT_EQ(state->check(dir / "a.jpg", "s", false, false).kind, PriorOutput::Kind::UpToDate);
}

TEST(RunState, ReadOnlyOpenNeverCreates) {
    TempDir dir;
    EXPECT_FALSE(RunState::open(dir / "state", true));
    EXPECT_FALSE(fs::exists(dir / "state"));
}

TEST(Fingerprint, SettingsHashIgnoresWhatDoesNotShapeOutputs) {
    Options a;
    Options b = a;
    b.jobs = 7;
    b.dryRun = true;
    b.force = true;
    b.onConflict = ConflictPolicy::Overwrite;
    b.includeHidden = true;
    b.maxPixels = 5;
    EXPECT_EQ(settingsHash(a), settingsHash(b));
    b.quality = 50;
    EXPECT_NE(settingsHash(a), settingsHash(b));
    Options c = a;
    c.outputMode = OutputMode::Suffix;
    EXPECT_NE(settingsHash(a), settingsHash(c));
    Options d = c;
    d.suffix = "-small";
    EXPECT_NE(settingsHash(c), settingsHash(d));
    EXPECT_EQ(settingsHash(a).size(), 16u);
}

TEST(RunState, ReusedStatementsAnswerEachCallWithItsOwnValues) {
    // Statements are prepared once per connection and reset between calls: interleaved records and checks
    // of many sources, under two settings and in both modes, must each see only their own row.
    TempDir dir;
    auto state = openState(dir);
    constexpr int kFiles = 40;
    for (int i = 0; i < kFiles; ++i) {
        const auto src = dir / ("s" + std::to_string(i) + ".jpg");
        const auto out = dir / ("o" + std::to_string(i) + ".jpg");
        writeText(src, "source " + std::to_string(i));
        writeText(out, "output " + std::to_string(i));
        ASSERT_TRUE(state->record(recordOf(src, out), i % 2 ? "odd" : "even"));
        EXPECT_EQ(state->check(src, i % 2 ? "even" : "odd", false, false).kind, PriorOutput::Kind::None) << i;
        EXPECT_EQ(state->check(src, "any", true, false).kind, PriorOutput::Kind::None) << i;
    }
    for (int i = kFiles - 1; i >= 0; --i) {
        const auto src = dir / ("s" + std::to_string(i) + ".jpg");
        const auto prior = state->check(src, i % 2 ? "odd" : "even", false, false);
        EXPECT_EQ(prior.kind, PriorOutput::Kind::UpToDate) << i;
        EXPECT_EQ(prior.record.output, dir / ("o" + std::to_string(i) + ".jpg")) << i;
        // In place, a source that is some other record's output reads as already optimized.
        const auto out = dir / ("o" + std::to_string(i) + ".jpg");
        EXPECT_EQ(state->check(out, "x", true, false).kind, PriorOutput::Kind::AlreadyOptimized) << i;
    }
}
