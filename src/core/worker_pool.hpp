#pragma once
// A priority worker pool: N threads, higher priority first, FIFO within a priority. Queued jobs can be
// re-prioritised or removed, the pool paused and resumed, and the queue dropped on cancel. Workers sleep on a
// condition variable; nothing busy-waits.
// Thread rules: every public method may be called from any thread. Jobs run on pool threads and receive
// their worker index. Every submitted job ends in exactly one of: its job ran and returned, or its fallback
// was called (dropped from the queue, or the job threw).

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>
#include <vector>

#include "imgopt/result.hpp"

namespace imgopt {

class WorkerPool {
public:
    using Job = std::function<void(int worker)>;
    // Called when the job cannot deliver its own result: Cancelled when it was dropped from the queue (on the
    // thread that dropped it), Internal with the exception's message when it threw (on the worker).
    using Fallback = std::function<void(const Error&)>;

    explicit WorkerPool(int workers);
    ~WorkerPool();  // drops nothing: waits for queued jobs to run (call clear() first to drop them)
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    // `key` identifies the job for reprioritise() and remove(); 0 means "no key".
    void submit(Job job, int priority, std::uint64_t key = 0, Fallback fallback = {});
    // Raises (or lowers) a queued job's priority. Returns false when it is no longer queued.
    bool reprioritise(std::uint64_t key, int priority);
    // Removes one queued job by key, calling its fallback. False when it is no longer queued.
    bool remove(std::uint64_t key);
    // Removes every queued job, calling their fallbacks (outside the pool's lock). Returns how many.
    std::size_t clear();

    void pause();
    void resume();

    // Blocks until the queue is empty and no job runs.
    void waitIdle();
    int running() const;

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
        Fallback fallback;
    };

    void loop(int index);
    static void runJob(Payload& payload, int index);

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::condition_variable idle_;
    std::set<Entry> queue_;                                      // guarded by mutex_
    std::unordered_map<std::uint64_t, Payload> payloads_;        // by seq; guarded by mutex_
    std::unordered_map<std::uint64_t, std::uint64_t> keyToSeq_;  // guarded by mutex_
    std::uint64_t nextSeq_ = 0;                                  // guarded by mutex_
    int running_ = 0;                                            // guarded by mutex_
    bool paused_ = false;                                        // guarded by mutex_
    bool stopping_ = false;                                      // guarded by mutex_
    std::vector<std::thread> threads_;
};

}  // namespace imgopt
