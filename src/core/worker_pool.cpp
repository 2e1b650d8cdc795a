#include "imgopt/worker_pool.hpp"

#include <chrono>

namespace imgopt {

WorkerPool::WorkerPool(int workers) {
    if (workers < 1) workers = 1;
    busy_.assign(std::size_t(workers), 0.0);
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

void WorkerPool::submit(Job job, int priority, std::uint64_t key, Dropped dropped) {
    {
        std::lock_guard lock(mutex_);
        const std::uint64_t seq = nextSeq_++;
        queue_.insert(Entry{priority, seq, key});
        payloads_.emplace(seq, Payload{std::move(job), std::move(dropped)});
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
    Dropped dropped;
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
        if (!node.empty()) dropped = std::move(node.mapped().dropped);
    }
    idle_.notify_all();
    if (dropped) dropped();
    return true;
}

std::size_t WorkerPool::clear() {
    std::vector<Dropped> dropped;
    {
        std::lock_guard lock(mutex_);
        for (const auto& e : queue_) {
            auto p = payloads_.find(e.seq);
            if (p->second.dropped) dropped.push_back(std::move(p->second.dropped));
            payloads_.erase(p);
        }
        queue_.clear();
        keyToSeq_.clear();
    }
    idle_.notify_all();
    for (auto& d : dropped) d();
    return dropped.size();
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

bool WorkerPool::paused() const {
    std::lock_guard lock(mutex_);
    return paused_;
}

void WorkerPool::waitIdle() {
    std::unique_lock lock(mutex_);
    idle_.wait(lock, [this] { return queue_.empty() && running_ == 0; });
}

std::size_t WorkerPool::queued() const {
    std::lock_guard lock(mutex_);
    return queue_.size();
}

int WorkerPool::running() const {
    std::lock_guard lock(mutex_);
    return running_;
}

std::vector<double> WorkerPool::busySeconds() const {
    std::lock_guard lock(mutex_);
    return busy_;
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
        Job job = std::move(node.mapped().job);
        ++running_;
        lock.unlock();
        const auto start = std::chrono::steady_clock::now();
        try {
            job(index);
        } catch (...) {
            // Jobs report their own failures as results; an escaping exception must not kill the worker.
        }
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        job = nullptr;  // release captured state outside the lock
        lock.lock();
        busy_[std::size_t(index)] += seconds;
        --running_;
        if (queue_.empty() && running_ == 0) idle_.notify_all();
    }
}

}  // namespace imgopt
