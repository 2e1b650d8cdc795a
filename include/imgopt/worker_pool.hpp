#pragma once
// A priority worker pool: N threads, higher priority first, FIFO within a priority. Queued jobs can be
// re-prioritised, the pool paused and resumed, and the queue dropped on cancel. Workers sleep on a condition
// variable; nothing busy-waits.
// Thread rules: every public method may be called from any thread. Jobs run on pool threads and receive
// their worker index.

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>
#include <vector>

namespace imgopt {

class WorkerPool {
public:
    using Job = std::function<void(int worker)>;
    using Dropped = std::function<void()>;  // called instead of the job when the queue is dropped

    explicit WorkerPool(int workers);
    ~WorkerPool();  // drops nothing: waits for queued jobs to run (call clear() first to drop them)
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    // `key` identifies the job for reprioritise(); 0 means "no key".
    void submit(Job job, int priority, std::uint64_t key = 0, Dropped dropped = {});
    // Raises (or lowers) a queued job's priority. Returns false when it is no longer queued.
    bool reprioritise(std::uint64_t key, int priority);
    // Removes one queued job by key, calling its `dropped` callback. False when it is no longer queued.
    bool remove(std::uint64_t key);
    // Removes every queued job, calling its `dropped` callback (outside the pool's lock).
    std::size_t clear();

    void pause();
    void resume();
    bool paused() const;

    // Blocks until the queue is empty and no job runs.
    void waitIdle();

    int size() const { return int(threads_.size()); }
    std::size_t queued() const;
    int running() const;
    // Seconds each worker has spent running jobs.
    std::vector<double> busySeconds() const;

private:
    struct Entry {
        int priority;
        std::uint64_t seq;
        std::uint64_t key;
        bool operator<(const Entry& o) const {
            return priority != o.priority ? priority > o.priority : seq < o.seq;
        }
    };
    struct Payload {
        Job job;
        Dropped dropped;
    };

    void loop(int index);

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::condition_variable idle_;
    std::set<Entry> queue_;
    std::unordered_map<std::uint64_t, Payload> payloads_;  // by seq
    std::unordered_map<std::uint64_t, std::uint64_t> keyToSeq_;
    std::uint64_t nextSeq_ = 0;
    int running_ = 0;
    bool paused_ = false;
    bool stopping_ = false;
    std::vector<double> busy_;
    std::vector<std::thread> threads_;
};

}  // namespace imgopt
