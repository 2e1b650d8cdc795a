// Metrics: recorded values come back in snapshots that are consistent copies, also under concurrency.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "metrics_recorder.hpp"

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
    MetricsRecorder m(2, 1);
    m.addScanned(3);
    m.recordResult(result(TaskStatus::Optimized, 1000, 400));
    m.recordResult(result(TaskStatus::KeptOriginal, 500, 500));
    m.recordResult(result(TaskStatus::Failed, 10, 0));
    const auto s = m.snapshot(false);
    EXPECT_EQ(s.progress.scanned, 3u);
    EXPECT_EQ(s.progress.done, 3u);
    EXPECT_EQ(s.progress.optimized, 1u);
    EXPECT_EQ(s.progress.keptOriginal, 1u);
    EXPECT_EQ(s.progress.failed, 1u);
    EXPECT_EQ(s.progress.inputBytes, 1500u) << "a failed file's input counts on neither side";
    EXPECT_EQ(s.progress.outputBytes, 900u);
    EXPECT_EQ(s.progress.savedBytes(), 600);
    EXPECT_DOUBLE_EQ(s.progress.savedPercent(), 40.0) << "positive when smaller";
    EXPECT_EQ(s.finished.size(), 3u);
    EXPECT_EQ(s.workers, 2);
    EXPECT_EQ(s.vipsThreadsPerWorker, 1);
    EXPECT_GE(s.elapsedSeconds, 0.0);
    EXPECT_GE(s.progress.imagesPerSecond(), 0.0);
}

TEST(Metrics, BatchesAreNumberedAndFinished) {
    MetricsRecorder m(1, 2);
    const auto b1 = m.beginBatch(2, 1000, 5000, 8000);
    const auto b2 = m.beginBatch(1, 300, 5000, 7000);
    EXPECT_EQ(b1, 1u);
    EXPECT_EQ(b2, 2u);
    m.batchTaskFinished(b1, m.now());
    m.batchTaskFinished(b1, m.now());
    const auto s = m.snapshot(false);
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
    MetricsRecorder m(2, 1);
    m.taskStarted(1);
    auto mid = m.snapshot(false);
    ASSERT_EQ(mid.workerActive.size(), 2u);
    EXPECT_EQ(mid.workerActive[1], 1);
    EXPECT_EQ(mid.workerActive[0], 0);
    m.taskFinished(1, 0.25);
    const auto s = m.snapshot(false);
    ASSERT_EQ(s.workerBusySeconds.size(), 2u);
    EXPECT_DOUBLE_EQ(s.workerBusySeconds[1], 0.25);
    EXPECT_DOUBLE_EQ(s.workerBusySeconds[0], 0.0);
    EXPECT_EQ(s.workerActive[1], 0);
}

TEST(Metrics, MemorySamplesKept) {
    MetricsRecorder m(1, 1);
    MemorySample a;
    a.seconds = 0.1;
    a.totalBytes = 1000;
    a.availableBytes = 500;
    a.rssBytes = 100;
    m.addMemorySample(a);
    a.seconds = 0.2;
    a.rssBytes = 200;
    m.addMemorySample(a);
    const auto s = m.snapshot(false);
    ASSERT_EQ(s.memory.size(), 2u);
    EXPECT_EQ(s.memory[1].rssBytes, 200u);
    EXPECT_LE(s.memory[0].seconds, s.memory[1].seconds);
}

TEST(Metrics, SnapshotIsACopy) {
    MetricsRecorder m(1, 1);
    m.recordResult(result(TaskStatus::Optimized, 10, 5));
    const auto before = m.snapshot(false);
    m.recordResult(result(TaskStatus::Optimized, 10, 5));
    EXPECT_EQ(before.progress.done, 1u);
    EXPECT_EQ(m.snapshot(false).progress.done, 2u);
}

TEST(Metrics, PausesAreLeftOutOfActiveTime) {
    MetricsRecorder m(1, 1);
    m.pause();  // a run created paused waits for Start
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    m.resume();
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    m.recordResult(result(TaskStatus::Optimized, 10, 5));
    const auto p = m.progress(false);
    EXPECT_GE(p.pausedSeconds, 0.29);
    EXPECT_LT(p.activeSeconds, 0.29) << "the 300 ms pause is not active time";
    EXPECT_GE(p.activeSeconds, 0.09);
    EXPECT_FALSE(p.paused);
    EXPECT_NEAR(m.activeSecondsAtLastResult(), p.activeSeconds, 0.05);
    m.pause();
    EXPECT_TRUE(m.progress(false).paused);
    EXPECT_FALSE(m.progress(false).etaSeconds().has_value()) << "no ETA while paused";
}

TEST(Metrics, EtaFromTheRateSoFar) {
    ProgressSnapshot p;
    p.scanned = 10;
    p.done = 2;
    p.activeSeconds = 4.0;
    ASSERT_TRUE(p.etaSeconds().has_value());
    EXPECT_DOUBLE_EQ(*p.etaSeconds(), 16.0) << "2 s a file, 8 files left";
    p.done = 0;
    EXPECT_FALSE(p.etaSeconds().has_value()) << "no rate before the first result";
    p.done = 10;
    p.finished = true;
    EXPECT_FALSE(p.etaSeconds().has_value());
}

TEST(Metrics, SnapshotsConsistentWhileWritersRun) {
    MetricsRecorder m(4, 1);
    std::atomic<bool> stop{false};
    std::atomic<int> inconsistent{0};
    std::thread reader([&] {
        while (!stop) {
            const auto s = m.snapshot(false);
            std::uint64_t in = 0;
            for (const auto& f : s.finished) in += f.inputBytes;
            for (const auto& f : s.finished)
                if (f.status == TaskStatus::Failed) in -= f.inputBytes;
            if (s.finished.size() != s.progress.done || in != s.progress.inputBytes ||
                s.progress.done > s.progress.scanned)
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
    const auto s = m.snapshot(false);
    EXPECT_EQ(s.progress.done, 2000u);
    EXPECT_EQ(s.progress.failed, 4u * 72u);
    EXPECT_EQ(s.progress.inputBytes, (2000u - 4u * 72u) * 100u);
    double busy = 0;
    for (double b : s.workerBusySeconds) busy += b;
    EXPECT_NEAR(busy, 2.0, 1e-6);
}
