#pragma once
// Drives one file through validate + plan, as the engine does, for tests of later stages.

#include <filesystem>
#include <optional>

#include "encoder.hpp"
#include "imgopt/options.hpp"
#include "imgopt/task.hpp"

namespace imgopt::test {

// nullopt (with a test failure recorded) when validation or planning fails.
std::optional<PlannedTask> planFile(const std::filesystem::path& file, const Options& options,
                                    const std::filesystem::path& root = {});

// encodeImage, and on success its bytes written to `destination` (for tests that probe files).
Expected<EncodedImage> encodeImageTo(const PlannedTask& task, const Options& options,
                                     const std::filesystem::path& destination, const CancelToken& cancel);

}  // namespace imgopt::test
