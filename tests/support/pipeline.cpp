#include "pipeline.hpp"

#include <gtest/gtest.h>

#include "output_planner.hpp"
#include "test_support.hpp"
#include "validator.hpp"

namespace imgopt::test {

std::optional<PlannedTask> planFile(const std::filesystem::path& file, const Options& options,
                                    const std::filesystem::path& root) {
    ScanItem item;
    item.id = 1;
    item.path = std::filesystem::absolute(file).lexically_normal();
    item.root = root;
    std::error_code ec;
    item.bytes = std::filesystem::file_size(file, ec);
    auto v = validate(item, options);
    if (!v) {
        ADD_FAILURE() << "validation failed for " << file << ": " << v.error().error.message;
        return std::nullopt;
    }
    OutputPlanner planner(options);
    auto p = planner.plan(*v);
    if (!p) {
        ADD_FAILURE() << "planning failed for " << file << ": " << p.error().message;
        return std::nullopt;
    }
    return *p;
}

Expected<EncodedImage> encodeImageTo(const PlannedTask& task, const Options& options,
                                     const std::filesystem::path& destination, const CancelToken& cancel) {
    auto encoded = encodeImage(task, options, cancel);
    if (encoded) writeBytes(destination, encoded->bytes);
    return encoded;
}

}  // namespace imgopt::test
