#include "imgopt/task_runner.hpp"

#include <chrono>
#include <fmt/format.h>
#include <unistd.h>

#include "imgopt/encoder.hpp"
#include "imgopt/safe_writer.hpp"

namespace fs = std::filesystem;

namespace imgopt {
namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

std::string joinWarnings(const std::vector<std::string>& warnings) {
    std::string out;
    for (const auto& w : warnings) out += (out.empty() ? "" : "; ") + w;
    return out;
}

TaskResult baseResult(const PlannedTask& task) {
    TaskResult r;
    r.id = task.source.id;
    r.input = task.source.path;
    r.inputFormat = task.header.format;
    r.outputFormat = task.outputFormat;
    r.inputBytes = task.source.bytes;
    r.priority = task.priority;
    r.warning = joinWarnings(task.warnings);
    r.timings.validateSeconds = task.validateSeconds;
    return r;
}

bool existsOnDisk(const fs::path& p) {
    std::error_code ec;
    return fs::exists(fs::symlink_status(p, ec));
}

// The never-bigger rule: the original stands in for a result that did not shrink it. With an output folder
// the original's bytes are copied there so the output set stays complete.
TaskResult keepOriginal(TaskResult r, const PlannedTask& task, const Options& options) {
    r.status = TaskStatus::KeptOriginal;
    r.outputFormat = task.header.format;
    r.width = task.header.uprightWidth();
    r.height = task.header.uprightHeight();
    r.outputBytes = task.source.bytes;
    if (options.outputMode == OutputMode::InPlace) {
        r.output = task.source.path;
        return r;
    }
    // Same format, so the planned name already has the source's extension.
    const bool replace = options.onConflict == ConflictPolicy::Overwrite;
    if (auto err = copyIntoPlace(task.source.path, task.output, replace); !err.empty()) {
        r.status = TaskStatus::Failed;
        r.error = err;
        return r;
    }
    if (options.keepDates) copyModificationTime(task.source.path, task.output);
    r.output = task.output;
    return r;
}

}  // namespace

TaskResult runTask(const PlannedTask& task, const Options& options, const CancelToken& cancel) {
    const auto start = Clock::now();
    TaskResult r = baseResult(task);
    if (task.action == Action::Skip) {
        r.status = TaskStatus::Skipped;
        r.error = fmt::format("{} exists (--on-conflict skip)", task.output.filename().string());
        return r;
    }
    const bool inPlace = options.outputMode == OutputMode::InPlace;
    const fs::path folder = task.output.parent_path();
    try {
        TempFile tmp(folder);
        const auto encodeStart = Clock::now();
        const auto enc = encodeImage(task, options, tmp.path(), cancel);
        r.timings.encodeSeconds = since(encodeStart);
        if (!enc.ok) {
            r.status = enc.cancelled ? TaskStatus::Skipped : TaskStatus::Failed;
            r.error = enc.error;
            r.timings.processSeconds = since(start);
            return r;
        }
        if (cancel.cancelled()) {
            // Encoders that compress after libvips has produced the pixels (libwebp, libheif) cannot be
            // killed mid-way; their finished file is discarded like a killed one.
            r.status = TaskStatus::Skipped;
            r.error = "cancelled";
            r.timings.processSeconds = since(start);
            return r;
        }
        const auto writeStart = Clock::now();
        const std::uint64_t outBytes = fileSize(tmp.path());
        const bool sameFormat = task.outputFormat == task.header.format;
        const bool resized = enc.width != task.header.uprightWidth() || enc.height != task.header.uprightHeight();
        const bool notSmaller = outBytes >= task.source.bytes;
        // Outside in-place mode a conversion the user asked for, or a resize, is always written.
        if (notSmaller && !options.allowLarger && ((sameFormat && !resized) || inPlace)) {
            r = keepOriginal(std::move(r), task, options);
            if (r.status == TaskStatus::KeptOriginal && inPlace && !(sameFormat && !resized))
                r.warning += (r.warning.empty() ? "" : "; ") +
                             fmt::format("the {} result was not smaller, so the original stays",
                                         formatInfo(task.outputFormat).name);
            r.timings.writeSeconds = since(writeStart);
            r.timings.processSeconds = since(start);
            return r;
        }
        if (auto v = verifyOutput(tmp.path(), task.outputFormat, enc.width, enc.height, inPlace); !v.ok) {
            r.error = v.error;
            r.timings.processSeconds = since(start);
            return r;
        }
        if (options.keepDates) copyModificationTime(task.source.path, tmp.path());
        // A replacement keeps the original's permissions; new files get the process's defaults.
        if (inPlace) copyPermissions(task.source.path, tmp.path());
        const bool replace = (inPlace && task.output == task.source.path) ||
                             (options.onConflict == ConflictPolicy::Overwrite && existsOnDisk(task.output));
        if (auto err = tmp.commit(task.output, replace); !err.empty()) {
            r.error = err;
            r.timings.processSeconds = since(start);
            return r;
        }
        if (inPlace && task.output != task.source.path) {
            // A converted in-place result has a new name; the original goes only now that it is committed.
            if (::unlink(task.source.path.c_str()) != 0)
                r.warning += (r.warning.empty() ? "" : "; ") + std::string("the original could not be removed");
        }
        r.status = TaskStatus::Optimized;
        r.output = task.output;
        r.outputBytes = outBytes;
        r.width = enc.width;
        r.height = enc.height;
        r.timings.writeSeconds = since(writeStart);
    } catch (const std::exception& e) {
        r.status = TaskStatus::Failed;
        r.error = e.what();
    }
    r.timings.processSeconds = since(start);
    return r;
}

TaskResult failedResult(const ScanItem& item, ImageFormat inputFormat, std::string error) {
    TaskResult r;
    r.id = item.id;
    r.input = item.path;
    r.inputFormat = inputFormat;
    r.inputBytes = item.bytes;
    r.status = TaskStatus::Failed;
    r.error = std::move(error);
    return r;
}

TaskResult skippedResult(const ScanItem& item, ImageFormat inputFormat, std::string reason) {
    TaskResult r = failedResult(item, inputFormat, std::move(reason));
    r.status = TaskStatus::Skipped;
    return r;
}

}  // namespace imgopt

namespace imgopt {

std::string_view toString(TaskStatus s) {
    switch (s) {
        case TaskStatus::Optimized: return "optimized";
        case TaskStatus::KeptOriginal: return "kept-original";
        case TaskStatus::Skipped: return "skipped";
        case TaskStatus::Failed: return "failed";
    }
    return "failed";
}

}  // namespace imgopt
