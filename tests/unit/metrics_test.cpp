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

// Issue "Scale": a snapshot is copied several times a second, so nothing in it may grow with the files.
TEST(Metrics, EverythingStaysBoundedOnAHundredThousandFiles) {
    MetricsRecorder m(2, 1);
    constexpr int kFiles = 100'000;
    std::uint64_t sizes = 0;
    for (int i = 0; i < kFiles; ++i) {
        if (i % 10 == 0) {
            const std::uint64_t batch = m.beginBatch(10, 100, 1000, 5000);
            sizes += 10;
            for (int t = 0; t < 10; ++t) m.batchTaskFinished(batch, m.now());
        }
        TaskResult r = result(TaskStatus::Optimized, 10, 5);
        r.id = TaskId(i + 1);
        m.recordResult(r);
        if (i % 20 == 0) {
            MemorySample sample;
            sample.rssBytes = std::uint64_t(i);
            sample.availableBytes = 1u << 30;
            m.addMemorySample(sample);
        }
    }
    const MetricsSnapshot s = m.snapshot(true);
    EXPECT_EQ(s.progress.done, std::uint64_t(kFiles));
    ASSERT_EQ(s.finished.size(), MetricsSnapshot::kRecentTasks);
    EXPECT_EQ(s.finished.back().id, TaskId(kFiles)) << "the most recent tasks, oldest first";
    EXPECT_EQ(s.finished.front().id, TaskId(kFiles - MetricsSnapshot::kRecentTasks + 1));
    EXPECT_EQ(s.batchCount, std::uint64_t(kFiles / 10));
    EXPECT_LE(s.batches.size(), MetricsSnapshot::kMaxRecords);
    std::uint64_t summed = 0, rounds = 0;
    for (const auto& b : s.batches) {
        summed += std::uint64_t(b.size);
        rounds += std::uint64_t(b.rounds);
        EXPECT_EQ(b.finished, b.size) << "every task of batch " << b.number << " was counted";
    }
    EXPECT_EQ(summed, sizes) << "merging keeps every admitted task";
    EXPECT_EQ(rounds, s.batchCount);
    EXPECT_LE(s.memory.size(), MetricsSnapshot::kMaxRecords);
    EXPECT_EQ(s.peakRssBytes, std::uint64_t(kFiles - 20)) << "the last sample's RSS is the peak";
    std::uint64_t highest = 0;
    for (const auto& sample : s.memory) highest = std::max(highest, sample.rssBytes);
    EXPECT_EQ(highest, s.peakRssBytes) << "merged samples keep the peak";
    std::uint64_t counted = 0;
    for (auto c : s.throughput.counts) counted += c;
    EXPECT_EQ(counted, std::uint64_t(kFiles));
    EXPECT_LE(s.throughput.counts.size(), ThroughputSeries::kMaxBins);
}

TEST(Metrics, ThroughputBinsWidenOnLongRuns) {
    ThroughputSeries t;
    for (int second = 0; second < 3000; ++second) countFinished(t, second + 0.5);
    // 3000 one-second bins would pass kMaxBins (1024): two doublings give 4-second bins.
    EXPECT_DOUBLE_EQ(t.binSeconds, 4.0);
    ASSERT_EQ(t.counts.size(), 750u);
    for (auto c : t.counts) EXPECT_EQ(c, 4u);
}
