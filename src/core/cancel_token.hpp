#pragma once
// Cancellation shared between the engine, the pool and running libvips and libwebp work. Cheap to copy:
// copies share one flag, so a C callback can be handed the address of a local copy.

#include <atomic>
#include <memory>

namespace imgopt {

class CancelToken {
public:
    CancelToken() : flag_(std::make_shared<std::atomic<bool>>(false)) {}
    void cancel() const { flag_->store(true, std::memory_order_relaxed); }
    bool cancelled() const { return flag_->load(std::memory_order_relaxed); }

private:
    std::shared_ptr<std::atomic<bool>> flag_;
};

}  // namespace imgopt
