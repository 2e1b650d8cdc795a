#include "pipeline.hpp"

#include <gtest/gtest.h>

#include "imgopt/output_planner.hpp"
#include "imgopt/validator.hpp"

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
    if (auto* e = std::get_if<ValidationError>(&v)) {
        ADD_FAILURE() << "validation failed for " << file << ": " << e->message;
        return std::nullopt;
    }
    OutputPlanner planner(options);
    auto p = planner.plan(std::get<ValidatedTask>(v));
    if (auto* e = std::get_if<PlanError>(&p)) {
        ADD_FAILURE() << "planning failed for " << file << ": " << e->message;
        return std::nullopt;
    }
    return std::get<PlannedTask>(p);
}

}  // namespace imgopt::test
