#include "task_runner.hpp"

#include <fmt/format.h>

#include <chrono>

#include "containment.hpp"
#include "encoder.hpp"

namespace fs = std::filesystem;

namespace imgopt {
namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

void addWarning(TaskResult& r, const std::string& warning) {
    r.warning += (r.warning.empty() ? "" : "; ") + warning;
}

TaskResult baseResult(const PlannedTask& task) {
    TaskResult r;
    r.id = task.source.id;
    r.input = task.source.path;
    r.inputFormat = task.header.format;
    r.outputFormat = task.outputFormat;
    r.inputBytes = task.source.bytes;
    r.priority = task.priority;
    r.estimatedBytes = task.estimatedBytes;
    for (const auto& w : task.warnings) addWarning(r, w);
    r.timings.validateSeconds = task.validateSeconds;
    return r;
}

// Failed, or skipped when the error is a cancellation.
void setError(TaskResult& r, const Error& e) {
    r.status = e.code == ErrorCode::Cancelled ? TaskStatus::Skipped : TaskStatus::Failed;
    r.error = e.message;
    r.errorCode = e.code;
}

// The never-bigger rule: the original stands in for a result that did not shrink it. With an output folder
// the original's bytes are copied there so the output set stays complete.
TaskResult keepOriginal(TaskResult r, const PlannedTask& task, const Options& options,
                        const TaskContext& context) {
    r.status = TaskStatus::KeptOriginal;
    r.outputFormat = task.header.format;
    r.width = task.header.uprightWidth();
    r.height = task.header.uprightHeight();
    r.outputBytes = task.source.bytes;
    std::vector<std::string> warnings;
    if (auto kept = commitKeptOriginal(task, options, context, warnings); !kept) {
        setError(r, kept.error());
        return r;
    }
    for (const auto& w : warnings) addWarning(r, w);
    r.output = options.outputMode == OutputMode::InPlace ? task.source.path : task.output;
    return r;
}

// True when the rule says the original stays: not smaller, not allowed larger, and nothing asked for that
// must be written anyway (outside in-place mode, a conversion the user chose, or a resize, is always
// written).
bool keepsOriginal(const PlannedTask& task, const Options& options, const EncodedImage& enc,
                   std::uint64_t outBytes) {
    const bool sameFormat = task.outputFormat == task.header.format;
    const bool resized = enc.width != task.header.uprightWidth() || enc.height != task.header.uprightHeight();
    const bool inPlace = options.outputMode == OutputMode::InPlace;
    // In place an original is only ever replaced by a smaller file, whatever else was asked.
    return outBytes >= task.source.bytes && (inPlace || (!options.allowLarger && sameFormat && !resized));
}

void finishWritten(TaskResult& r, const PlannedTask& task, const EncodedImage& enc, std::uint64_t outBytes) {
    r.status = TaskStatus::Optimized;
    r.output = task.output;
    r.outputBytes = outBytes;
    r.width = enc.width;
    r.height = enc.height;
}

void recordSearch(TaskResult& r, const SearchOutcome& s) {
    if (!s.keepOriginal) {
        r.chosenQuality = s.quality;
        r.chosenEncoding = s.encoding;
    }
    r.score = s.score;
    r.trials = s.trials;
    r.sourceQuality = s.sourceQuality;
    r.timings.searchSeconds = s.seconds;
}

TaskResult encodeAndWrite(TaskResult r, const PlannedTask& task, const Options& options,
                          const CancelToken& cancel, const TaskContext& context) {
    const auto encodeStart = Clock::now();
    const auto enc = encodeImage(task, options, cancel);
    r.timings.encodeSeconds = since(encodeStart);
    if (enc && enc->search) recordSearch(r, *enc->search);
    if (!enc) {
        setError(r, enc.error());
        return r;
    }
    if (cancel.cancelled()) {
        // Encoders that compress after libvips has produced the pixels (libheif) cannot be killed mid-way;
        // their finished file is discarded like a killed one.
        setError(r, Error{ErrorCode::Cancelled, "cancelled"});
        return r;
    }
    const auto writeStart = Clock::now();
    // The folder may have become a link since planning.
    if (auto contained = checkContained(task.output, outputRoot(task.source, options)); !contained) {
        setError(r, contained.error());
        return r;
    }
    const std::uint64_t outBytes = enc->bytes.size();
    std::vector<std::string> warnings;
    if (enc->search && enc->search->keepOriginal) {
        // The search found the original within the target and nothing smaller that is.
        r = keepOriginal(std::move(r), task, options, context);
        if (r.status == TaskStatus::KeptOriginal) r.reason = "already optimized";
    } else if (keepsOriginal(task, options, *enc, outBytes)) {
        const bool converted = task.outputFormat != task.header.format ||
                               enc->width != task.header.uprightWidth() ||
                               enc->height != task.header.uprightHeight();
        r = keepOriginal(std::move(r), task, options, context);
        if (r.status == TaskStatus::KeptOriginal && converted)
            addWarning(r, fmt::format("the {} result was not smaller, so the original stays",
                                      formatInfo(task.outputFormat).name));
        if (r.status == TaskStatus::KeptOriginal) {
            r.reason = "the result was not smaller";
            // The output is the original: a search's score was the rejected candidate's.
            if (r.score) r.score = 1.0;
            r.chosenQuality.reset();
            r.chosenEncoding.clear();
        }
    } else if (auto committed = commitEncoded(task, options, *enc, context, warnings); !committed) {
        setError(r, committed.error());
    } else {
        finishWritten(r, task, *enc, outBytes);
    }
    for (const auto& w : warnings) addWarning(r, w);
    r.timings.writeSeconds = since(writeStart);
    return r;
}

// The full-disk rule (full_disk_guard.hpp): the first task to run out of space says so; the others are
// skipped with one message.
void applyFullDiskRule(TaskResult& r, const PlannedTask& task, FullDiskGuard* guard) {
    if (!guard || r.errorCode != ErrorCode::NoSpace || r.status != TaskStatus::Failed) return;
    if (guard->markFull(task.output)) return;
    const Error e = FullDiskGuard::notWritten();
    r.status = TaskStatus::Skipped;
    r.error = e.message;
}

}  // namespace

TaskResult runTask(const PlannedTask& task, const Options& options, const CancelToken& cancel,
                   const TaskContext& context) {
    const auto start = Clock::now();
    TaskResult r = baseResult(task);
    if (task.action == Action::Skip) {
        setError(r, Error{ErrorCode::OutputExists, fmt::format("{} exists, and existing outputs are skipped",
                                                               task.output.filename().string())});
        r.status = TaskStatus::Skipped;
        return r;
    }
    if (context.disk && context.disk->full(task.output)) {
        setError(r, FullDiskGuard::notStarted());
        r.status = TaskStatus::Skipped;
        return r;
    }
    r = encodeAndWrite(std::move(r), task, options, cancel, context);
    applyFullDiskRule(r, task, context.disk);
    r.timings.processSeconds = since(start);
    return r;
}

TaskResult failedResult(const ScanItem& item, ImageFormat inputFormat, const Error& error) {
    TaskResult r;
    r.id = item.id;
    r.input = item.path;
    r.inputFormat = inputFormat;
    r.inputBytes = item.bytes;
    r.status = TaskStatus::Failed;
    r.error = error.message;
    r.errorCode = error.code;
    return r;
}

TaskResult skippedResult(const ScanItem& item, ImageFormat inputFormat, const Error& reason) {
    TaskResult r = failedResult(item, inputFormat, reason);
    r.status = TaskStatus::Skipped;
    return r;
}

}  // namespace imgopt

namespace imgopt {

std::string_view toString(TaskStatus s) {
    switch (s) {
        case TaskStatus::Optimized:
            return "optimized";
        case TaskStatus::KeptOriginal:
            return "kept-original";
        case TaskStatus::Skipped:
            return "skipped";
        case TaskStatus::Failed:
            return "failed";
    }
    return "failed";
}
}  // namespace imgopt
