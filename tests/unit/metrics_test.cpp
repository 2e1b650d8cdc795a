// Metrics: recorded values come back in snapshots that are consistent copies, also under concurrency.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "imgopt/metrics.hpp"

using namespace imgopt;

namespace {

TaskResult result(TaskStatus status, std::uint64_t in, std::uint64_t out) {
    TaskResult r;
    r.status = status;
    r.inputBytes = in;
    r.outputBytes = out;
    r.timings.processSeconds = 0.01;
    return r;
}

}  // namespace

TEST(Metrics, RecordsResultsAndTotals) {
    Metrics m;
    m.reset(2, 1);
    m.addScanned(3);
    m.recordResult(result(TaskStatus::Optimized, 1000, 400));
    m.recordResult(result(TaskStatus::KeptOriginal, 500, 500));
    m.recordResult(result(TaskStatus::Failed, 10, 0));
    const auto s = m.snapshot();
    EXPECT_EQ(s.tasksTotal, 3u);
    EXPECT_EQ(s.tasksDone, 3u);
    EXPECT_EQ(s.tasksFailed, 1u);
    EXPECT_EQ(s.inputBytesDone, 1510u);
    EXPECT_EQ(s.outputBytesDone, 900u);
    EXPECT_EQ(s.finished.size(), 3u);
    EXPECT_EQ(s.workers, 2);
    EXPECT_EQ(s.vipsThreadsPerWorker, 1);
    EXPECT_GE(s.elapsedSeconds, 0.0);
    EXPECT_GE(s.imagesPerSecond(), 0.0);
    EXPECT_GE(s.inputMegabytesPerSecond(), 0.0);
}

TEST(Metrics, BatchesAreNumberedAndFinished) {
    Metrics m;
    m.reset(1, 2);
    const auto b1 = m.beginBatch(2, 1000, 5000, 8000);
    const auto b2 = m.beginBatch(1, 300, 5000, 7000);
    EXPECT_EQ(b1, 1u);
    EXPECT_EQ(b2, 2u);
    m.batchTaskFinished(b1, m.now());
    m.batchTaskFinished(b1, m.now());
    const auto s = m.snapshot();
    ASSERT_EQ(s.batches.size(), 2u);
    EXPECT_EQ(s.batches[0].number, 1u);
    EXPECT_EQ(s.batches[0].size, 2);
    EXPECT_EQ(s.batches[0].estimatedBytes, 1000u);
    EXPECT_EQ(s.batches[0].budgetBytes, 5000u);
    EXPECT_EQ(s.batches[0].availableBytes, 8000u);
    EXPECT_EQ(s.batches[0].finished, 2);
    EXPECT_GE(s.batches[0].seconds, 0.0);
    EXPECT_EQ(s.batches[1].finished, 0);
}

TEST(Metrics, WorkerBusyTime) {
    Metrics m;
    m.reset(2, 1);
    m.taskStarted(1);
    auto mid = m.snapshot();
    ASSERT_EQ(mid.workerActive.size(), 2u);
    EXPECT_EQ(mid.workerActive[1], 1);
    EXPECT_EQ(mid.workerActive[0], 0);
    m.taskFinished(1, 0.25);
    const auto s = m.snapshot();
    ASSERT_EQ(s.workerBusySeconds.size(), 2u);
    EXPECT_DOUBLE_EQ(s.workerBusySeconds[1], 0.25);
    EXPECT_DOUBLE_EQ(s.workerBusySeconds[0], 0.0);
    EXPECT_EQ(s.workerActive[1], 0);
}

TEST(Metrics, MemorySamplesKept) {
    Metrics m;
    m.reset(1, 1);
    MemorySample a;
    a.seconds = 0.1;
    a.totalBytes = 1000;
    a.availableBytes = 500;
    a.rssBytes = 100;
    m.addMemorySample(a);
    a.seconds = 0.2;
    a.rssBytes = 200;
    m.addMemorySample(a);
    const auto s = m.snapshot();
    ASSERT_EQ(s.memory.size(), 2u);
    EXPECT_EQ(s.memory[1].rssBytes, 200u);
    EXPECT_LE(s.memory[0].seconds, s.memory[1].seconds);
}

TEST(Metrics, SnapshotIsACopy) {
    Metrics m;
    m.reset(1, 1);
    m.recordResult(result(TaskStatus::Optimized, 10, 5));
    const auto before = m.snapshot();
    m.recordResult(result(TaskStatus::Optimized, 10, 5));
    EXPECT_EQ(before.tasksDone, 1u);
    EXPECT_EQ(m.snapshot().tasksDone, 2u);
}

TEST(Metrics, ResetClears) {
    Metrics m;
    m.reset(1, 1);
    m.addScanned(5);
    m.recordResult(result(TaskStatus::Optimized, 10, 5));
    m.beginBatch(1, 1, 1, 1);
    m.reset(3, 1);
    const auto s = m.snapshot();
    EXPECT_EQ(s.tasksDone, 0u);
    EXPECT_EQ(s.tasksTotal, 0u);
    EXPECT_TRUE(s.batches.empty());
    EXPECT_EQ(s.workers, 3);
    EXPECT_EQ(s.workerBusySeconds.size(), 3u);
}

TEST(Metrics, SnapshotsConsistentWhileWritersRun) {
    Metrics m;
    m.reset(4, 1);
    std::atomic<bool> stop{false};
    std::atomic<int> inconsistent{0};
    std::thread reader([&] {
        while (!stop) {
            const auto s = m.snapshot();
            std::uint64_t in = 0;
            for (const auto& f : s.finished) in += f.inputBytes;
            if (s.finished.size() != s.tasksDone || in != s.inputBytesDone || s.tasksDone > s.tasksTotal)
                ++inconsistent;
        }
    });
    std::vector<std::thread> writers;
    for (int w = 0; w < 4; ++w)
        writers.emplace_back([&, w] {
            for (int i = 0; i < 500; ++i) {
                m.addScanned(1);
                m.taskStarted(w);
                m.recordResult(result(i % 7 == 0 ? TaskStatus::Failed : TaskStatus::Optimized, 100, 50));
                m.taskFinished(w, 0.001);
            }
        });
    for (auto& t : writers) t.join();
    stop = true;
    reader.join();
    EXPECT_EQ(inconsistent.load(), 0);
    const auto s = m.snapshot();
    EXPECT_EQ(s.tasksDone, 2000u);
    EXPECT_EQ(s.inputBytesDone, 200000u);
    double busy = 0;
    for (double b : s.workerBusySeconds) busy += b;
    EXPECT_NEAR(busy, 2.0, 1e-6);
}
