// The priority worker pool: order, re-prioritisation, pause/resume, clear, waitIdle, no lost jobs.
#include "worker_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

using namespace imgopt;
using namespace std::chrono_literals;

namespace {

struct Recorder {
    std::mutex m;
    std::vector<int> order;
    void add(int v) {
        std::lock_guard l(m);
        order.push_back(v);
    }
    std::vector<int> get() {
        std::lock_guard l(m);
        return order;
    }
};

}  // namespace

TEST(WorkerPool, RunsOnTheRequestedWorkers) {
    WorkerPool pool(3);
    EXPECT_EQ(pool.running(), 0);
    std::mutex m;
    std::set<int> workers;
    std::atomic<int> waiting{0};
    // Three jobs that wait for each other can only finish if three workers run them at once.
    for (int i = 0; i < 3; ++i)
        pool.submit(
            [&](int worker) {
                {
                    std::lock_guard l(m);
                    workers.insert(worker);
                }
                ++waiting;
                const auto deadline = std::chrono::steady_clock::now() + 5s;
                while (waiting.load() < 3 && std::chrono::steady_clock::now() < deadline)
                    std::this_thread::sleep_for(1ms);
            },
            0);
    pool.waitIdle();
    EXPECT_EQ(workers, (std::set<int>{0, 1, 2}));
}

TEST(WorkerPool, PriorityThenFifo) {
    WorkerPool pool(1);
    pool.pause();
    Recorder rec;
    const std::vector<std::pair<int, int>> jobs = {{1, 0}, {2, 5}, {3, 0}, {4, 5}, {5, -1}, {6, 9}, {7, 0}};
    for (auto [id, prio] : jobs) pool.submit([&rec, id = id](int) { rec.add(id); }, prio);
    pool.resume();
    pool.waitIdle();
    EXPECT_EQ(rec.get(), (std::vector<int>{6, 2, 4, 1, 3, 7, 5}));
}

TEST(WorkerPool, ReprioritiseMovesQueuedJobAhead) {
    WorkerPool pool(1);
    pool.pause();
    Recorder rec;
    for (int id = 1; id <= 4; ++id) pool.submit([&rec, id](int) { rec.add(id); }, 0, std::uint64_t(id));
    EXPECT_TRUE(pool.reprioritise(3, 10));
    EXPECT_FALSE(pool.reprioritise(99, 10)) << "unknown key";
    pool.resume();
    pool.waitIdle();
    EXPECT_EQ(rec.get(), (std::vector<int>{3, 1, 2, 4}));
    EXPECT_FALSE(pool.reprioritise(3, 20)) << "a job that ran is no longer queued";
}

TEST(WorkerPool, PauseHoldsQueuedWorkAndResumeReleasesIt) {
    WorkerPool pool(2);
    pool.pause();
    std::atomic<int> ran{0};
    for (int i = 0; i < 10; ++i) pool.submit([&](int) { ++ran; }, 0);
    std::this_thread::sleep_for(100ms);
    EXPECT_EQ(ran.load(), 0);
    pool.resume();
    pool.waitIdle();
    EXPECT_EQ(ran.load(), 10);
}

TEST(WorkerPool, ClearCallsDroppedForEveryQueuedJob) {
    WorkerPool pool(2);
    pool.pause();
    std::atomic<int> ran{0};
    std::atomic<int> dropped{0};
    for (int i = 0; i < 7; ++i)
        pool.submit([&](int) { ++ran; }, i % 3, 0,
                    [&](const Error& e) {
                        EXPECT_EQ(e.code, ErrorCode::Cancelled);
                        ++dropped;
                    });
    EXPECT_EQ(pool.clear(), 7u);
    EXPECT_EQ(dropped.load(), 7);
    EXPECT_EQ(pool.clear(), 0u) << "nothing left queued";
    pool.resume();
    pool.waitIdle();
    EXPECT_EQ(ran.load(), 0);
}

TEST(WorkerPool, ClearDoesNotTouchRunningJob) {
    WorkerPool pool(1);
    std::atomic<bool> started{false};
    std::atomic<bool> release{false};
    std::atomic<int> finished{0};
    std::atomic<int> dropped{0};
    pool.submit(
        [&](int) {
            started = true;
            while (!release) std::this_thread::sleep_for(1ms);
            ++finished;
        },
        0, 0, [&](const Error&) { ++dropped; });
    while (!started) std::this_thread::sleep_for(1ms);
    pool.submit([&](int) { ++finished; }, 0, 0, [&](const Error&) { ++dropped; });
    EXPECT_EQ(pool.clear(), 1u);
    release = true;
    pool.waitIdle();
    EXPECT_EQ(finished.load(), 1);
    EXPECT_EQ(dropped.load(), 1);
}

TEST(WorkerPool, WaitIdleWaitsForRunningJobs) {
    WorkerPool pool(2);
    std::atomic<int> done{0};
    for (int i = 0; i < 4; ++i)
        pool.submit(
            [&](int) {
                std::this_thread::sleep_for(30ms);
                ++done;
            },
            0);
    pool.waitIdle();
    EXPECT_EQ(done.load(), 4);
    EXPECT_EQ(pool.running(), 0);
}

TEST(WorkerPool, AJobThatThrowsEndsInItsFallbackWithTheMessage) {
    WorkerPool pool(2);
    std::mutex m;
    std::vector<Error> errors;
    std::atomic<int> ran{0};
    pool.submit([](int) { throw std::runtime_error("decoder exploded"); }, 0, 0,
                [&](const Error& e) {
                    std::lock_guard l(m);
                    errors.push_back(e);
                });
    pool.submit([](int) { throw 42; }, 0, 0,
                [&](const Error& e) {
                    std::lock_guard l(m);
                    errors.push_back(e);
                });
    for (int i = 0; i < 4; ++i) pool.submit([&](int) { ++ran; }, 0);
    pool.waitIdle();  // returns: no job is lost, and the workers survive
    EXPECT_EQ(ran.load(), 4) << "the workers keep running jobs after one threw";
    ASSERT_EQ(errors.size(), 2u);
    for (const auto& e : errors) EXPECT_EQ(e.code, ErrorCode::Internal);
    const bool named = errors[0].message.find("decoder exploded") != std::string::npos ||
                       errors[1].message.find("decoder exploded") != std::string::npos;
    EXPECT_TRUE(named) << errors[0].message << " / " << errors[1].message;
}

TEST(WorkerPool, RemoveCallsTheFallbackOfThatJobOnly) {
    WorkerPool pool(1);
    pool.pause();
    std::atomic<int> ran{0};
    std::atomic<int> removed{0};
    pool.submit([&](int) { ++ran; }, 0, 7,
                [&](const Error& e) {
                    EXPECT_EQ(e.code, ErrorCode::Cancelled);
                    ++removed;
                });
    pool.submit([&](int) { ++ran; }, 0, 8, [&](const Error&) { ADD_FAILURE() << "job 8 was not removed"; });
    EXPECT_TRUE(pool.remove(7));
    EXPECT_FALSE(pool.remove(7)) << "already gone";
    pool.resume();
    pool.waitIdle();
    EXPECT_EQ(removed.load(), 1);
    EXPECT_EQ(ran.load(), 1);
}

TEST(WorkerPool, NoJobLostUnderConcurrentSubmission) {
    WorkerPool pool(4);
    std::atomic<int> ran{0};
    std::atomic<int> badWorker{0};
    std::vector<std::thread> submitters;
    for (int t = 0; t < 4; ++t)
        submitters.emplace_back([&, t] {
            for (int i = 0; i < 500; ++i)
                pool.submit(
                    [&](int worker) {
                        if (worker < 0 || worker >= 4) ++badWorker;
                        ++ran;
                    },
                    (i + t) % 5, std::uint64_t(t * 1000 + i + 1));
        });
    for (auto& s : submitters) s.join();
    pool.waitIdle();
    EXPECT_EQ(ran.load(), 2000);
    EXPECT_EQ(badWorker.load(), 0);
}

TEST(WorkerPool, DestructorRunsQueuedJobs) {
    std::atomic<int> ran{0};
    {
        WorkerPool pool(2);
        for (int i = 0; i < 20; ++i) pool.submit([&](int) { ++ran; }, 0);
    }
    EXPECT_EQ(ran.load(), 20);
}

TEST(WorkerPool, UsesAllWorkers) {
    WorkerPool pool(3);
    std::mutex m;
    std::vector<int> seen(3, 0);
    std::atomic<int> arrived{0};
    for (int i = 0; i < 3; ++i)
        pool.submit(
            [&](int w) {
                ++arrived;
                // Each job holds its worker until all three have started: proves three ran at once.
                const auto deadline = std::chrono::steady_clock::now() + 5s;
                while (arrived < 3 && std::chrono::steady_clock::now() < deadline)
                    std::this_thread::sleep_for(1ms);
                std::lock_guard l(m);
                seen[std::size_t(w)]++;
            },
            0);
    pool.waitIdle();
    EXPECT_EQ(seen, (std::vector<int>{1, 1, 1}));
}
