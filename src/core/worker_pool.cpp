#include "worker_pool.hpp"

#include <exception>
#include <optional>
#include <string>

namespace imgopt {

WorkerPool::WorkerPool(int workers) {
    if (workers < 1) workers = 1;
    threads_.reserve(std::size_t(workers));
    for (int i = 0; i < workers; ++i) threads_.emplace_back([this, i] { loop(i); });
}

WorkerPool::~WorkerPool() {
    {
        std::unique_lock lock(mutex_);
        paused_ = false;
        idle_.wait(lock, [this] { return queue_.empty() && running_ == 0; });
        stopping_ = true;
    }
    wake_.notify_all();
    for (auto& t : threads_) t.join();
}

void WorkerPool::submit(Job job, int priority, std::uint64_t key, Fallback fallback) {
    {
        std::lock_guard lock(mutex_);
        const std::uint64_t seq = nextSeq_++;
        queue_.insert(Entry{priority, seq, key});
        payloads_.emplace(seq, Payload{std::move(job), std::move(fallback)});
        if (key != 0) keyToSeq_[key] = seq;
    }
    wake_.notify_one();
}

bool WorkerPool::reprioritise(std::uint64_t key, int priority) {
    std::lock_guard lock(mutex_);
    auto k = keyToSeq_.find(key);
    if (k == keyToSeq_.end()) return false;
    for (auto it = queue_.begin(); it != queue_.end(); ++it) {
        if (it->seq == k->second) {
            Entry e = *it;
            queue_.erase(it);
            e.priority = priority;
            queue_.insert(e);
            return true;
        }
    }
    return false;
}

bool WorkerPool::remove(std::uint64_t key) {
    Fallback dropped;
    {
        std::lock_guard lock(mutex_);
        auto k = keyToSeq_.find(key);
        if (k == keyToSeq_.end()) return false;
        const std::uint64_t seq = k->second;
        keyToSeq_.erase(k);
        for (auto it = queue_.begin(); it != queue_.end(); ++it)
            if (it->seq == seq) {
                queue_.erase(it);
                break;
            }
        auto node = payloads_.extract(seq);
        if (!node.empty()) dropped = std::move(node.mapped().fallback);
    }
    idle_.notify_all();
    if (dropped) dropped(Error{ErrorCode::Cancelled, "cancelled"});
    return true;
}

std::size_t WorkerPool::clear() {
    std::vector<Fallback> dropped;
    std::size_t count = 0;
    {
        std::lock_guard lock(mutex_);
        count = queue_.size();
        for (const auto& e : queue_) {
            auto p = payloads_.find(e.seq);
            if (p->second.fallback) dropped.push_back(std::move(p->second.fallback));
            payloads_.erase(p);
        }
        queue_.clear();
        keyToSeq_.clear();
    }
    idle_.notify_all();
    const Error cancelled{ErrorCode::Cancelled, "cancelled"};
    for (auto& d : dropped) d(cancelled);
    return count;
}

void WorkerPool::pause() {
    std::lock_guard lock(mutex_);
    paused_ = true;
}

void WorkerPool::resume() {
    {
        std::lock_guard lock(mutex_);
        paused_ = false;
    }
    wake_.notify_all();
}

void WorkerPool::waitIdle() {
    std::unique_lock lock(mutex_);
    idle_.wait(lock, [this] { return queue_.empty() && running_ == 0; });
}

int WorkerPool::running() const {
    std::lock_guard lock(mutex_);
    return running_;
}

// A job that throws still ends in its fallback, so whoever waits for its result is never left waiting.
void WorkerPool::runJob(Payload& payload, int index) {
    std::optional<Error> thrown;
    try {
        payload.job(index);
    } catch (const std::exception& e) {
        thrown = Error{ErrorCode::Internal, std::string("internal error: ") + e.what()};
    } catch (...) {
        thrown = Error{ErrorCode::Internal, "internal error: an unknown exception"};
    }
    if (thrown && payload.fallback) payload.fallback(*thrown);
}

void WorkerPool::loop(int index) {
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [this] { return stopping_ || (!paused_ && !queue_.empty()); });
        if (stopping_ && queue_.empty()) return;
        if (paused_ || queue_.empty()) continue;
        const Entry e = *queue_.begin();
        queue_.erase(queue_.begin());
        if (e.key != 0) keyToSeq_.erase(e.key);
        auto node = payloads_.extract(e.seq);
        Payload payload = std::move(node.mapped());
        ++running_;
        lock.unlock();
        runJob(payload, index);
        payload = {};  // release captured state outside the lock
        lock.lock();
        --running_;
        if (queue_.empty() && running_ == 0) idle_.notify_all();
    }
}

}  // namespace imgopt
