// BatchEngine: a result for every file, per-file failures, batches under a fake memory probe, cancel,
// pause and priority.
#include "imgopt/engine.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <map>
#include <mutex>
#include <numeric>
#include <thread>

#include "batch_sizer.hpp"
#include "image_factory.hpp"
#include "test_support.hpp"

using namespace imgopt;
using namespace imgopt::test;
using namespace std::chrono_literals;

namespace {

class FakeProbe final : public MemoryProbe {
public:
    explicit FakeProbe(std::uint64_t available, std::uint64_t total = 16ull << 30) {
        s_.totalBytes = total;
        s_.availableBytes = available;
        s_.rssBytes = 40ull << 20;
    }
    MemorySample sample() const override { return s_; }

private:
    MemorySample s_;
};

struct Collected {
    std::mutex m;
    std::vector<TaskResult> results;
    std::vector<PlannedTask> planned;
    std::vector<ScanItem> scanned;
    int finishedCalls = 0;

    EngineCallbacks callbacks() {
        EngineCallbacks cb;
        cb.onScanned = [this](const ScanItem& i) {
            std::lock_guard l(m);
            scanned.push_back(i);
        };
        cb.onPlanned = [this](const PlannedTask& t) {
            std::lock_guard l(m);
            planned.push_back(t);
        };
        cb.onResult = [this](const TaskResult& r) {
            std::lock_guard l(m);
            results.push_back(r);
        };
        cb.onFinished = [this] {
            std::lock_guard l(m);
            ++finishedCalls;
        };
        return cb;
    }
    std::size_t plannedCount() {
        std::lock_guard l(m);
        return planned.size();
    }
    std::size_t resultCount() {
        std::lock_guard l(m);
        return results.size();
    }
};

EngineConfig config(std::uint64_t available, int workers = 2) {
    EngineConfig c;
    c.workers = workers;
    c.probe = std::make_shared<FakeProbe>(available);
    c.sampleIntervalSeconds = 0.05;
    return c;
}

void makePhotos(const fs::path& dir, int n, int w = 160, int h = 120) {
    for (int i = 0; i < n; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "img%02d.jpg", i);
        makeImage(dir / name, {.width = w, .height = h, .quality = 98});
    }
}

// Waits with a deadline, so that a hanging engine fails the test instead of the whole run.
bool waitFor(BatchEngine& engine, std::chrono::seconds limit = 60s) {
    auto f = std::async(std::launch::async, [&] { engine.wait(); });
    return f.wait_for(limit) == std::future_status::ready;
}

int batchSizeSum(const RunReport& r) {
    int sum = 0;
    for (const auto& b : r.batches) sum += b.size;
    return sum;
}

// Available memory the test can change while the engine runs, as another program would take memory away.
class FallingProbe final : public MemoryProbe {
public:
    explicit FallingProbe(std::uint64_t available) : available_(available) {}
    void set(std::uint64_t available) { available_.store(available); }
    MemorySample sample() const override {
        MemorySample s;
        s.totalBytes = 16ull << 30;
        s.availableBytes = available_.load();
        s.rssBytes = 40ull << 20;
        return s;
    }

private:
    std::atomic<std::uint64_t> available_;
};

}  // namespace

TEST(Engine, ResultForEveryFileAndBadFileFailsAlone) {
    TempDir dir;
    const auto root = dir / "in";
    makePhotos(root, 6);
    writeText(root / "bad.jpg", "not a jpeg");
    writeText(root / "empty.png", "");
    const auto originals = hashTree(root);
    Collected c;
    Options o;
    o.quality = 70;
    BatchEngine engine(o, config(8ull << 30), c.callbacks());
    engine.addPaths({root});
    ASSERT_TRUE(waitFor(engine));
    EXPECT_TRUE(engine.finished());
    EXPECT_EQ(c.resultCount(), 8u);
    // onFinished may run on an engine thread just after wait() returns; it must come soon.
    const auto until = std::chrono::steady_clock::now() + 5s;
    auto finishedCalls = [&] {
        std::lock_guard l(c.m);
        return c.finishedCalls;
    };
    while (finishedCalls() < 1 && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(1ms);
    EXPECT_GE(finishedCalls(), 1) << "onFinished was never called";
    std::map<std::string, TaskResult> byName;
    for (const auto& r : c.results) byName[r.input.filename().string()] = r;
    ASSERT_EQ(byName.size(), 8u) << "one result per file, none twice";
    EXPECT_EQ(byName["bad.jpg"].status, TaskStatus::Failed);
    EXPECT_FALSE(byName["bad.jpg"].error.empty());
    EXPECT_EQ(byName["empty.png"].status, TaskStatus::Failed);
    EXPECT_NE(byName["bad.jpg"].error, "") << "own message";
    for (int i = 0; i < 6; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "img%02d.jpg", i);
        const auto& r = byName[name];
        EXPECT_EQ(r.status, TaskStatus::Optimized) << name << ": " << r.error;
        ASSERT_TRUE(r.output.has_value()) << name;
        EXPECT_TRUE(probeImage(*r.output).decoded) << name;
        EXPECT_TRUE(r.error.empty()) << "another file's error leaked into " << name << ": " << r.error;
    }
    EXPECT_EQ(hashTree(root).size(), originals.size() + 6);  // originals plus optimized/*
    for (const auto& [rel, hash] : originals) EXPECT_EQ(sha256File(root / rel), hash) << rel;
    EXPECT_TRUE(leftoverTemps(dir.path()).empty());

    const auto report = engine.report();
    EXPECT_EQ(report.files.size(), 8u);
    EXPECT_EQ(report.summary.files, 8u);
    EXPECT_EQ(report.summary.failed, 2u);
    EXPECT_EQ(report.summary.optimized, 6u);
    const auto snap = engine.metrics();
    EXPECT_EQ(snap.progress.done, 8u);
    EXPECT_EQ(snap.progress.failed, 2u);
}

TEST(Engine, BatchSizesSumToTasksRun) {
    TempDir dir;
    makePhotos(dir / "in", 10);
    Collected c;
    BatchEngine engine(Options{}, config(8ull << 30), c.callbacks());
    engine.addPaths({dir / "in"});
    ASSERT_TRUE(waitFor(engine));
    const auto report = engine.report();
    int scheduled = 0;
    for (const auto& f : report.files) {
        if (f.batch > 0) {
            ++scheduled;
            EXPECT_LE(f.batch, report.batches.size());
            EXPECT_GE(f.worker, 0);
            EXPECT_LT(f.worker, engine.workers());
        }
    }
    EXPECT_EQ(scheduled, 10);
    EXPECT_EQ(batchSizeSum(report), scheduled);
    for (const auto& b : report.batches) {
        EXPECT_GE(b.size, 1);
        EXPECT_EQ(b.finished, b.size);
        // A batch fits its budget; only a task larger than the whole budget may exceed it, and then alone.
        EXPECT_TRUE(b.estimatedBytes <= b.budgetBytes || b.size == 1)
            << "batch " << b.number << ": " << b.estimatedBytes << " bytes under a budget of "
            << b.budgetBytes;
    }
}

TEST(Engine, LessMemoryGivesSmallerBatches) {
    TempDir dir;
    makePhotos(dir / "in", 12, 400, 300);
    ImageHeader h;
    h.format = ImageFormat::Jpeg;
    h.width = 400;
    h.height = 300;
    h.bands = 3;
    const std::uint64_t each = estimateTaskBytes(h, 400, 300, ImageFormat::Jpeg);
    ASSERT_GT(each, 0u);
    auto run = [&](std::uint64_t cap) {
        TempDir out;
        Options o;
        o.outputMode = OutputMode::OutputDir;
        o.outputDir = out.path();
        EngineConfig cfg = config(8ull << 30, 2);
        cfg.budget.memoryLimitBytes = (40ull << 20) + cap;  // the fake probe's RSS, plus the tasks' budget
        cfg.budget.floorBytes = 1;
        BatchEngine engine(o, cfg);
        engine.addPaths({dir / "in"});
        EXPECT_TRUE(waitFor(engine));
        const auto r = engine.report();
        EXPECT_EQ(batchSizeSum(r), 12);
        int m = 0;
        for (const auto& b : r.batches) m = std::max(m, b.size);
        return std::pair{m, r.batches.size()};
    };
    auto [plentyMax, plentyCount] = run(2ull << 30);
    auto [scarceMax, scarceCount] = run(each + each / 2);  // room for exactly one task
    EXPECT_GT(plentyMax, 1) << "plenty of memory batches several tasks";
    EXPECT_EQ(scarceMax, 1) << "a budget of one task runs them one at a time";
    EXPECT_GT(scarceCount, plentyCount);
}

TEST(Engine, HugeImageRunsAlone) {
    TempDir dir;
    makePhotos(dir / "in", 6, 64, 48);
    makeImage(dir / "in/huge.png", {.width = 3000, .height = 3000, .bands = 1, .noise = false});
    EngineConfig cfg = config(8ull << 30, 2);
    cfg.budget.memoryLimitBytes =
        (40ull << 20) + (4ull << 20);  // the huge one needs more than the whole budget
    cfg.budget.floorBytes = 1;
    Options o;
    o.quality = 60;
    BatchEngine engine(o, cfg);
    engine.addPaths({dir / "in"});
    ASSERT_TRUE(waitFor(engine));
    const auto r = engine.report();
    std::uint64_t hugeBatch = 0;
    for (const auto& f : r.files)
        if (f.input.filename() == "huge.png") hugeBatch = f.batch;
    ASSERT_GT(hugeBatch, 0u);
    ASSERT_LE(hugeBatch, r.batches.size());
    const auto& b = r.batches[hugeBatch - 1];
    EXPECT_EQ(b.number, hugeBatch);
    EXPECT_EQ(b.size, 1) << "the huge image is admitted only alone";
    EXPECT_GT(b.estimatedBytes, b.budgetBytes);
    EXPECT_EQ(batchSizeSum(r), 7);
}

TEST(Engine, CancelGivesEveryTaskAResultAndLeavesNoPartialFiles) {
    TempDir dir;
    makePhotos(dir / "in", 24, 640, 480);
    Collected c;
    Options o;
    o.convertTo = ImageFormat::Avif;
    BatchEngine engine(o, config(8ull << 30, 1), c.callbacks());
    engine.addPaths({dir / "in"});
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    while (c.resultCount() < 1 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(5ms);
    engine.cancel();
    EXPECT_TRUE(engine.cancelled());
    ASSERT_TRUE(waitFor(engine));
    EXPECT_EQ(c.resultCount(), 24u) << "every task gets a result, cancelled ones as skipped";
    int skipped = 0;
    for (const auto& r : c.results) {
        if (r.status == TaskStatus::Optimized || r.status == TaskStatus::KeptOriginal) {
            ASSERT_TRUE(r.output.has_value());
            EXPECT_TRUE(probeImage(*r.output).decoded) << *r.output;
        } else {
            EXPECT_FALSE(r.output.has_value() && fs::exists(*r.output)) << "partial output for " << r.input;
            ++skipped;
        }
    }
    EXPECT_GT(skipped, 0) << "cancel came too late to test anything";
    EXPECT_TRUE(leftoverTemps(dir.path()).empty());
    // Only outputs of finished tasks exist.
    std::size_t done = 0;
    for (const auto& r : c.results) done += r.status == TaskStatus::Optimized;
    EXPECT_EQ(listFiles(dir / "in/optimized").size(), done);
}

TEST(Engine, PauseHoldsWork) {
    TempDir dir;
    makePhotos(dir / "in", 6);
    Collected c;
    BatchEngine engine(Options{}, config(8ull << 30, 1), c.callbacks());
    engine.pause();
    EXPECT_TRUE(engine.paused());
    engine.addPaths({dir / "in"});
    std::this_thread::sleep_for(300ms);
    EXPECT_EQ(c.resultCount(), 0u) << "no task runs while paused";
    EXPECT_FALSE(fs::exists(dir / "in/optimized"));
    engine.resume();
    EXPECT_FALSE(engine.paused());
    ASSERT_TRUE(waitFor(engine));
    EXPECT_EQ(c.resultCount(), 6u);
}

TEST(Engine, RaisePriorityWhilePausedRunsThatTaskNext) {
    TempDir dir;
    makePhotos(dir / "in", 16, 640, 480);
    Collected c;
    Options o;
    o.convertTo = ImageFormat::Avif;  // slow enough that the queue is still full when we pause
    BatchEngine engine(o, config(8ull << 30, 1), c.callbacks());
    engine.addPaths({dir / "in"});
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    while (c.plannedCount() < 16 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(2ms);
    ASSERT_EQ(c.plannedCount(), 16u);
    engine.pause();
    const std::size_t doneAtPause = c.resultCount();
    ASSERT_LT(doneAtPause, 12u) << "the run finished too fast to test reordering";
    TaskId last = 0;
    {
        std::lock_guard l(c.m);
        for (const auto& p : c.planned) last = std::max(last, p.source.id);
    }
    EXPECT_TRUE(engine.raisePriority(last, 10)) << "a queued task can be raised while paused";
    engine.resume();
    ASSERT_TRUE(waitFor(engine));
    ASSERT_EQ(c.resultCount(), 16u);
    std::size_t position = 0;
    for (std::size_t i = 0; i < c.results.size(); ++i)
        if (c.results[i].id == last) position = i;
    // At most the task that was running at the pause (one worker) finishes between the pause and it.
    EXPECT_LE(position, doneAtPause + 1) << "raised task finished at position " << position;
    EXPECT_EQ(c.results[position].priority, 10);
    EXPECT_FALSE(engine.raisePriority(last, 20)) << "it already ran";
}

TEST(Engine, AddPathsWhileRunningJoinsTheRun) {
    TempDir dir;
    makePhotos(dir / "a", 3);
    makePhotos(dir / "b", 3);
    Collected c;
    BatchEngine engine(Options{}, config(8ull << 30), c.callbacks());
    engine.addPaths({dir / "a"});
    engine.addPaths({dir / "b"}, 5);
    ASSERT_TRUE(waitFor(engine));
    EXPECT_EQ(c.resultCount(), 6u);
    EXPECT_EQ(engine.report().files.size(), 6u);
}

TEST(Engine, DryRunWritesNothing) {
    TempDir dir;
    makePhotos(dir / "in", 3);
    const auto before = listFiles(dir.path());
    Collected c;
    Options o;
    o.dryRun = true;
    BatchEngine engine(o, config(8ull << 30), c.callbacks());
    engine.addPaths({dir / "in"});
    ASSERT_TRUE(waitFor(engine));
    EXPECT_EQ(c.plannedCount(), 3u);
    EXPECT_EQ(listFiles(dir.path()), before);
    EXPECT_FALSE(fs::exists(dir / "in/optimized"));
}

TEST(Engine, MemorySamplesAndWorkersRecorded) {
    TempDir dir;
    makePhotos(dir / "in", 6, 640, 480);
    BatchEngine engine(Options{}, config(4ull << 30, 2));
    engine.addPaths({dir / "in"});
    ASSERT_TRUE(waitFor(engine));
    const auto r = engine.report();
    EXPECT_EQ(r.workers, 2);
    EXPECT_EQ(r.workerBusySeconds.size(), 2u);
    EXPECT_GE(r.vipsThreadsPerWorker, 1);
    EXPECT_FALSE(r.memory.empty()) << "at least one memory sample per run";
    for (const auto& m : r.memory) {
        EXPECT_LE(m.availableBytes, m.totalBytes);
        EXPECT_GE(m.seconds, 0.0);
    }
    EXPECT_GT(r.summary.wallSeconds, 0.0);
}

TEST(Engine, DestructorCancelsCleanly) {
    TempDir dir;
    makePhotos(dir / "in", 10, 640, 480);
    {
        BatchEngine engine(Options{}, config(8ull << 30, 1));
        engine.addPaths({dir / "in"});
        std::this_thread::sleep_for(50ms);
    }
    EXPECT_TRUE(leftoverTemps(dir.path()).empty());
}

TEST(Engine, RemoveTakesAQueuedTaskOutWithoutOutput) {
    TempDir dir;
    makePhotos(dir / "in", 8, 640, 480);
    Collected c;
    Options o;
    o.convertTo = ImageFormat::Avif;
    o.outputMode = OutputMode::OutputDir;
    o.outputDir = dir / "out";
    BatchEngine engine(o, config(8ull << 30, 1), c.callbacks());
    engine.addPaths({dir / "in"});
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    while (c.plannedCount() < 8 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(2ms);
    ASSERT_EQ(c.plannedCount(), 8u);
    engine.pause();  // validation runs on the pool too, so pause only once everything is planned
    ASSERT_LT(c.resultCount(), 7u) << "the run finished too fast to test removal";
    TaskId last = 0;
    fs::path lastOutput;
    {
        std::lock_guard l(c.m);
        for (const auto& p : c.planned)
            if (p.source.id > last) {
                last = p.source.id;
                lastOutput = p.output;
            }
    }
    EXPECT_TRUE(engine.remove(last));
    engine.resume();
    ASSERT_TRUE(waitFor(engine));
    ASSERT_EQ(c.resultCount(), 8u);
    int optimizedOrKept = 0;
    for (const auto& r : c.results) {
        if (r.id == last) {
            EXPECT_EQ(r.status, TaskStatus::Skipped);
            EXPECT_EQ(r.error, "removed from the queue");
        } else if (r.status == TaskStatus::Optimized || r.status == TaskStatus::KeptOriginal) {
            ++optimizedOrKept;
        }
    }
    EXPECT_EQ(optimizedOrKept, 7);
    EXPECT_FALSE(fs::exists(lastOutput)) << "a removed task writes nothing";
    EXPECT_FALSE(engine.remove(last)) << "it already has a result";
}

TEST(Engine, LargestFirstSeesTheWholeDrop) {
    TempDir dir;
    // Scan order puts the biggest image last ("zz"), behind files that are validated first.
    makePhotos(dir / "in", 8, 64, 48);
    makeImage(dir / "in/zz-big.jpg", {.width = 1200, .height = 900, .quality = 98});
    Collected c;
    BatchEngine engine(Options{}, config(8ull << 30, 1), c.callbacks());
    engine.addPaths({dir / "in"});
    ASSERT_TRUE(waitFor(engine));
    std::lock_guard l(c.m);
    ASSERT_EQ(c.results.size(), 9u);
    // One worker runs tasks in admission order, so the first result is the first task admitted.
    EXPECT_EQ(c.results.front().input.filename(), "zz-big.jpg");
    const auto r = engine.report();
    ASSERT_EQ(r.batches.size(), 9u) << "one admission per free worker, as each task finishes";
    for (const auto& b : r.batches) EXPECT_EQ(b.size, 1) << "never more admitted than workers are free";
}

TEST(Engine, MemoryThatFallsDuringARunShrinksTheBatchesAdmittedAfterIt) {
    TempDir dir;
    makePhotos(dir / "in", 24, 400, 300);
    ImageHeader h;
    h.format = ImageFormat::Jpeg;
    h.width = 400;
    h.height = 300;
    h.bands = 3;
    const std::uint64_t each = estimateTaskBytes(h, 400, 300, ImageFormat::Jpeg);
    auto probe = std::make_shared<FallingProbe>(8ull << 30);
    const std::uint64_t scarce = each * 3;  // half of it: room for one task
    std::atomic<int> results{0};
    EngineCallbacks cb;
    cb.onResult = [&](const TaskResult&) {
        if (++results == 4) probe->set(scarce);
    };
    EngineConfig cfg = config(8ull << 30, 2);
    cfg.probe = probe;
    cfg.budget.memoryLimitBytes = 1ull << 30;
    cfg.budget.floorBytes = 1;
    Options o;
    o.outputMode = OutputMode::OutputDir;
    TempDir out;
    o.outputDir = out.path();
    BatchEngine engine(o, cfg, cb);
    engine.addPaths({dir / "in"});
    ASSERT_TRUE(waitFor(engine));
    const auto r = engine.report();
    EXPECT_EQ(batchSizeSum(r), 24);
    int before = 0, after = 0, largestBefore = 0;
    for (const auto& b : r.batches) {
        if (b.availableBytes == scarce) {
            ++after;
            EXPECT_EQ(b.size, 1) << "batch " << b.number << " was admitted under the low budget";
        } else {
            ++before;
            largestBefore = std::max(largestBefore, b.size);
        }
    }
    EXPECT_GT(largestBefore, 1) << "with plenty of memory, several tasks are admitted at once";
    EXPECT_GT(after, 0) << "the run went on after memory fell";
}

TEST(Engine, CancelStopsARunningLibvipsEvaluation) {
    TempDir dir;
    // 80 megapixels of JPEG: decoding and re-encoding stream through libvips for seconds, so the cancel lands
    // inside the running pipeline (a gradient is quick to make and as slow to re-encode as a photo's size).
    makeImage(dir / "in/big.jpg", {.width = 10000, .height = 8000, .noise = false});
    Options o;
    BatchEngine engine(o, config(8ull << 30, 1));
    engine.addPaths({dir / "in"});
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    auto running = [&] {
        const auto m = engine.metrics();
        return !m.workerActive.empty() && m.workerActive[0] == 1;
    };
    while (!running() && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(2ms);
    ASSERT_TRUE(running()) << "the encode never started";
    std::this_thread::sleep_for(300ms);  // well inside the pipeline
    engine.cancel();
    ASSERT_TRUE(waitFor(engine));
    const auto r = engine.report();
    ASSERT_EQ(r.files.size(), 1u);
    const auto f = *r.files.begin();
    EXPECT_EQ(f.status, TaskStatus::Skipped) << "the running encode was stopped, not finished: " << f.error;
    EXPECT_EQ(f.errorCode, ErrorCode::Cancelled);
    EXPECT_GE(f.worker, 0) << "it had started on a worker";
    EXPECT_FALSE(fs::exists(dir / "in/optimized/big.jpg"));
    EXPECT_TRUE(leftoverTemps(dir.path()).empty());
}
