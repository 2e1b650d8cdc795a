#pragma once
// Stage 2, validate: everything that can be known about a task before any pixel is decoded.
// Thread-safe: validate() runs on pool workers in parallel, one call per file, sharing nothing.

#include <string>
#include <vector>

#include "imgopt/options.hpp"
#include "imgopt/result.hpp"
#include "imgopt/task.hpp"

namespace imgopt {

struct ValidatedTask {
    ScanItem source;
    ImageHeader header;
    ImageFormat outputFormat = ImageFormat::Unknown;
    std::vector<std::string> warnings;
    double seconds = 0;
};

// A refusal, with what was learned before it: the input's format (Unknown when the header was unreadable)
// and the time it took.
struct ValidationFailure {
    ScanItem source;
    ImageFormat format = ImageFormat::Unknown;
    Error error;
    double seconds = 0;
};

using ValidationResult = Expected<ValidatedTask, ValidationFailure>;

// Header read, mislabel check, pixel limit, animation and format-capability checks.
ValidationResult validate(const ScanItem& item, const Options& options);

}  // namespace imgopt
