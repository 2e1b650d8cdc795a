#pragma once
// Cancellation shared between the engine, the pool and running libvips pipelines. Cheap to copy: copies
// share one flag.

#include <atomic>
#include <memory>

namespace imgopt {

class CancelToken {
public:
    CancelToken() : flag_(std::make_shared<std::atomic<bool>>(false)) {}
    void cancel() const { flag_->store(true, std::memory_order_relaxed); }
    bool cancelled() const { return flag_->load(std::memory_order_relaxed); }
    const std::atomic<bool>* flag() const { return flag_.get(); }

private:
    std::shared_ptr<std::atomic<bool>> flag_;
};

}  // namespace imgopt
