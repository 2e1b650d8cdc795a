// Reruns and in-place runs through the whole engine: up-to-date sources are skipped at the cost of a stat,
// --force replaces ImgOpt's own outputs instead of numbering new ones, in place the originals go to the
// Trash and undo brings them back, and stale temp files of a dead process are swept.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include "image_factory.hpp"
#include "imgopt/engine.hpp"
#include "imgopt/undo.hpp"
#include "test_support.hpp"

using namespace imgopt;
using namespace imgopt::test;

namespace {

struct Fixture {
    TempDir dir;
    fs::path in() const { return dir / "in"; }
    fs::path state() const { return dir / "state"; }

    Fixture() {
        makeImage(in() / "a.jpg", {.width = 320, .height = 240, .quality = 98});
        makeImage(in() / "b.png", {.width = 200, .height = 150});
        makeImage(in() / "sub/c.jpg", {.width = 300, .height = 200, .quality = 98});
    }

    RunReport run(Options o) const {
        EngineConfig c;
        c.workers = 2;
        c.stateFolder = state();
        BatchEngine engine(o, c);
        engine.addPaths({in()});
        engine.wait();
        return engine.report();
    }
};

std::map<std::string, TaskResult> byName(const RunReport& r) {
    std::map<std::string, TaskResult> out;
    for (const auto& f : r.files) out[f.input.filename().string()] = f;
    return out;
}

std::size_t count(const RunReport& r, ErrorCode code) {
    std::size_t n = 0;
    for (const auto& f : r.files) n += f.errorCode == code;
    return n;
}

}  // namespace

TEST(Resume, RerunSkipsUpToDateAndForceReplacesOwnOutputs) {
    Fixture f;
    const auto first = f.run({});
    ASSERT_EQ(first.summary.failed, 0u);
    const auto files = listFiles(f.in());
    const auto outputHash = sha256File(f.in() / "optimized/a.jpg");

    const auto again = f.run({});
    EXPECT_EQ(again.summary.skipped, 3u);
    EXPECT_EQ(count(again, ErrorCode::UpToDate), 3u);
    const auto a = byName(again)["a.jpg"];
    EXPECT_EQ(a.status, TaskStatus::Skipped);
    EXPECT_EQ(a.output, f.in() / "optimized/a.jpg");
    EXPECT_EQ(a.outputBytes, fs::file_size(f.in() / "optimized/a.jpg"));
    EXPECT_EQ(a.width, 320);
    EXPECT_EQ(listFiles(f.in()), files) << "no second copy beside the first";

    Options force;
    force.force = true;
    const auto forced = f.run(force);
    EXPECT_EQ(forced.summary.skipped, 0u);
    EXPECT_EQ(forced.summary.failed, 0u);
    EXPECT_EQ(listFiles(f.in()), files) << "--force replaces ImgOpt's own outputs, never numbers new ones";
    EXPECT_EQ(sha256File(f.in() / "optimized/a.jpg"), outputHash) << "same settings, same bytes";
}

TEST(Resume, ChangedSourceReplacesItsOwnOutputAndOthersStay) {
    Fixture f;
    ASSERT_EQ(f.run({}).summary.failed, 0u);
    makeImage(f.in() / "a.jpg", {.width = 400, .height = 300, .quality = 98});
    const auto r = f.run({});
    const auto results = byName(r);
    EXPECT_EQ(results.at("a.jpg").status, TaskStatus::Optimized) << results.at("a.jpg").error;
    EXPECT_EQ(results.at("a.jpg").output, f.in() / "optimized/a.jpg");
    EXPECT_EQ(probeImage(f.in() / "optimized/a.jpg").width, 400);
    EXPECT_EQ(results.at("b.png").errorCode, ErrorCode::UpToDate);
    EXPECT_FALSE(fs::exists(f.in() / "optimized/a-1.jpg"));
}

TEST(Resume, OtherSettingsAreAnotherOutput) {
    Fixture f;
    ASSERT_EQ(f.run({}).summary.failed, 0u);
    Options q50;
    q50.quality = 50;
    const auto r = f.run(q50);
    EXPECT_EQ(count(r, ErrorCode::UpToDate), 0u);
    EXPECT_TRUE(fs::exists(f.in() / "optimized/a-1.jpg")) << "the rename policy keeps the earlier output";
    EXPECT_EQ(count(f.run(q50), ErrorCode::UpToDate), 3u);
}

TEST(Resume, DeletedOutputIsWrittenAgain) {
    Fixture f;
    ASSERT_EQ(f.run({}).summary.failed, 0u);
    fs::remove(f.in() / "optimized/a.jpg");
    const auto r = byName(f.run({}));
    EXPECT_NE(r.at("a.jpg").status, TaskStatus::Skipped);
    EXPECT_TRUE(probeImage(f.in() / "optimized/a.jpg").decoded);
    EXPECT_EQ(r.at("b.png").errorCode, ErrorCode::UpToDate);
}

TEST(Resume, InPlaceTrashAlreadyOptimizedAndUndo) {
    Fixture f;
    const auto before = hashTree(f.in());
    Options o;
    o.outputMode = OutputMode::InPlace;
    o.quality = 60;
    const auto first = f.run(o);
    ASSERT_EQ(first.summary.failed, 0u);
    ASSERT_GE(first.summary.optimized, 2u);
    const auto trash = fs::path(getenv("XDG_DATA_HOME")) / "Trash";
    for (const auto& r : first.files) {
        if (r.status != TaskStatus::Optimized) continue;
        EXPECT_LT(fs::file_size(r.input), r.inputBytes);
        EXPECT_TRUE(probeImage(r.input).decoded);
        // The original's bytes are in the Trash, with its .trashinfo.
        bool found = false;
        for (const auto& e : fs::directory_iterator(trash / "files"))
            found |= sha256File(e.path()) == before.at(r.input.lexically_relative(f.in()).generic_string());
        EXPECT_TRUE(found) << r.input;
    }
    const auto optimized = hashTree(f.in());

    o.quality = 40;
    o.force = true;
    const auto again = f.run(o);
    EXPECT_EQ(count(again, ErrorCode::AlreadyOptimized), first.summary.optimized)
        << "ImgOpt's own bytes are never re-encoded, whatever the settings";
    EXPECT_EQ(hashTree(f.in()), optimized);

    auto undone = undoLastRun(f.state());
    ASSERT_TRUE(undone) << errorText(undone);
    ASSERT_TRUE(undone->found);
    EXPECT_EQ(undone->restored(), first.summary.optimized);
    EXPECT_EQ(undone->refused(), 0u);
    EXPECT_EQ(hashTree(f.in()), before) << "every original back, nothing else left";
    auto nothing = undoLastRun(f.state());
    ASSERT_TRUE(nothing);
    EXPECT_FALSE(nothing->found);
}

TEST(Resume, UndoRefusesFilesChangedSinceAndKeepsTheirOriginals) {
    Fixture f;
    Options o;
    o.outputMode = OutputMode::InPlace;
    o.quality = 60;
    ASSERT_EQ(f.run(o).summary.failed, 0u);
    writeText(f.in() / "a.jpg", "edited after the run");
    auto undone = undoLastRun(f.state());
    ASSERT_TRUE(undone);
    bool refused = false;
    for (const auto& u : undone->files) {
        if (u.original != f.in() / "a.jpg") continue;
        refused = true;
        EXPECT_FALSE(u.restored);
        EXPECT_NE(u.message.find("changed or was removed after ImgOpt wrote it"), std::string::npos)
            << u.message;
        EXPECT_NE(u.message.find("stays in the Trash"), std::string::npos) << u.message;
    }
    EXPECT_TRUE(refused);
    EXPECT_EQ(readText(f.in() / "a.jpg"), "edited after the run");
}

TEST(Resume, ConvertedInPlaceUndoRemovesTheNewFile) {
    Fixture f;
    Options o;
    o.outputMode = OutputMode::InPlace;
    o.convertTo = ImageFormat::Webp;
    o.quality = 60;
    const auto before = hashTree(f.in());
    const auto r = byName(f.run(o));
    ASSERT_EQ(r.at("a.jpg").status, TaskStatus::Optimized) << r.at("a.jpg").error;
    EXPECT_FALSE(fs::exists(f.in() / "a.jpg"));
    EXPECT_TRUE(fs::exists(f.in() / "a.webp"));
    auto undone = undoLastRun(f.state());
    ASSERT_TRUE(undone);
    EXPECT_EQ(hashTree(f.in()), before);
}

TEST(Resume, StaleTempFilesOfADeadProcessAreSwept) {
    Fixture f;
    const pid_t child = fork();
    if (child == 0) _exit(0);
    waitpid(child, nullptr, 0);
    const std::string stale = ".imgopt-" + std::to_string(child) + "-0-0.tmp";
    const std::string live = ".imgopt-" + std::to_string(getppid()) + "-0-0.tmp";
    writeText(f.in() / "optimized" / stale, "partial");
    writeText(f.in() / "optimized" / live, "a live run's");
    writeText(f.in() / stale, "partial");  // not a target folder in this mode: left alone
    const auto r = f.run({});
    EXPECT_FALSE(fs::exists(f.in() / "optimized" / stale));
    EXPECT_TRUE(fs::exists(f.in() / "optimized" / live));
    EXPECT_TRUE(fs::exists(f.in() / stale));
    ASSERT_EQ(r.notices.size(), 1u);
    EXPECT_NE(r.notices[0].find("removed 1 temporary file"), std::string::npos) << r.notices[0];
}

TEST(Resume, SymlinkedOutputFolderFailsThoseFilesClearly) {
    Fixture f;
    fs::create_directories(f.dir / "elsewhere");
    fs::create_directory_symlink(f.dir / "elsewhere", f.in() / "optimized");
    const auto r = byName(f.run({}));
    for (const char* name : {"a.jpg", "b.png"}) {
        EXPECT_EQ(r.at(name).status, TaskStatus::Failed);
        EXPECT_NE(r.at(name).error.find("is a link to"), std::string::npos) << r.at(name).error;
    }
    EXPECT_NE(r.at("c.jpg").status, TaskStatus::Failed) << "sub/optimized is a real folder";
    EXPECT_TRUE(listFiles(f.dir / "elsewhere").empty()) << "nothing written through the link";
}
