#pragma once
// The values that travel through the pipeline: scan -> validate -> plan -> schedule -> encode -> write.
// Each stage produces a new value from the previous one; none is shared mutably between threads.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "imgopt/format.hpp"
#include "imgopt/result.hpp"

namespace imgopt {

using TaskId = std::uint64_t;

// One file found by the scanner.
struct ScanItem {
    TaskId id = 0;               // scan order, from 1
    std::filesystem::path path;  // absolute, lexically normal
    std::filesystem::path root;  // the dropped folder it was found under, or empty for a dropped file
    std::uint64_t bytes = 0;
};

// What a scan of one addPaths() call found besides the files themselves.
struct ScanSummary {
    std::uint64_t files = 0;          // ScanItems produced
    std::uint64_t notImages = 0;      // files in folders whose content is no image format we read
    std::uint64_t hiddenSkipped = 0;  // hidden files and folders left out (Options::includeHidden)
    std::uint64_t duplicates = 0;     // the same file reached twice (dropped twice, or through a link)
    std::vector<std::string> errors;  // paths that could not be read: missing, unreadable, vanished
};

// What the header says, read without decoding pixels.
struct ImageHeader {
    ImageFormat format = ImageFormat::Unknown;
    std::string loader;  // libvips loader nickname
    int width = 0;       // as stored (before orientation)
    int height = 0;
    int bands = 0;
    int bytesPerSample = 1;
    int pages = 1;               // frames of an animation or pages of a multi-page file
    int orientation = 1;         // EXIF orientation 1..8
    std::string interpretation;  // "srgb", "cmyk", "b-w", ...
    bool hasAlpha = false;

    // Dimensions as displayed, after applying the orientation.
    int uprightWidth() const { return orientation >= 5 ? height : width; }
    int uprightHeight() const { return orientation >= 5 ? width : height; }
    std::uint64_t pixels() const {
        return std::uint64_t(width) * std::uint64_t(height) * std::uint64_t(pages);
    }
};

enum class Action {
    Encode,  // re-encode into output
    Skip,    // nothing to do (e.g. output exists and policy is skip)
};

enum class TaskStatus { Optimized, KeptOriginal, Skipped, Failed };
std::string_view toString(TaskStatus);

// A task after validation and planning: fixed once submitted to the scheduler.
struct PlannedTask {
    ScanItem source;
    ImageHeader header;
    ImageFormat outputFormat = ImageFormat::Unknown;
    std::filesystem::path output;  // final path
    Action action = Action::Encode;
    // The output is ImgOpt's own from an earlier run of this source (the run state says so): it is replaced
    // rather than given a numbered name beside it.
    bool replaceOwnOutput = false;
    int priority = 0;                  // higher runs first
    std::uint64_t estimatedBytes = 0;  // peak working memory estimate
    int targetWidth = 0;               // upright output size after resize
    int targetHeight = 0;
    std::vector<std::string> warnings;
    double validateSeconds = 0;
};

// Per-task timings, measured where the work happens.
struct TaskTimings {
    double queueWaitSeconds = 0;
    double validateSeconds = 0;
    double encodeSeconds = 0;   // decode + process + encode, streamed together by libvips
    double searchSeconds = 0;   // quality auto: the part of encodeSeconds the quality search took
    double writeSeconds = 0;    // verify + rename/copy
    double processSeconds = 0;  // everything from the worker picking it up to the result
    // When it happened, in seconds since the run started, and on which worker; -1 when it did not happen.
    // The workers' timeline of the report and the metrics panel is drawn from these.
    double validateStart = -1;
    double validateEnd = -1;
    int validateWorker = -1;
    double start = -1;  // the encode task on TaskResult::worker
    double end = -1;
};

// The outcome of one input file. Passed by value to callbacks, the report and the views.
struct TaskResult {
    TaskId id = 0;
    std::filesystem::path input;
    std::optional<std::filesystem::path> output;
    TaskStatus status = TaskStatus::Failed;
    ImageFormat inputFormat = ImageFormat::Unknown;
    ImageFormat outputFormat = ImageFormat::Unknown;
    std::uint64_t inputBytes = 0;
    std::uint64_t outputBytes = 0;
    int width = 0;  // output dimensions (upright)
    int height = 0;
    std::string warning;
    std::string error;                   // why it failed or was skipped, in words
    std::optional<ErrorCode> errorCode;  // set with `error`, so a tool can add its own hint
    std::string reason;                  // why the original was kept, in words ("already optimized")
    // Quality auto: what the visual-quality search found (docs/presets.md). Unset with a fixed quality.
    std::optional<int> chosenQuality;  // the quality written; 100 is the format's lossless preset
    // How: "lossy", "lossy-444", "palette", "near-lossless" or "lossless"; empty when chosenQuality is unset.
    std::string chosenEncoding;
    std::optional<double> score;       // SSIM of the output against the source's pixels; 1 = identical
    int trials = 0;                    // candidates the search encoded
    std::optional<int> sourceQuality;  // a JPEG input's own quality, from its quantisation tables
    TaskTimings timings;
    int worker = -1;
    int priority = 0;
    std::uint64_t batch = 0;           // 1-based admission round, 0 when never scheduled
    std::uint64_t estimatedBytes = 0;  // the memory model's estimate it was admitted with; 0 when not planned
};

}  // namespace imgopt
