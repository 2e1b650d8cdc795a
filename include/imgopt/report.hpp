#pragma once
// The run report: everything measured in a run, as one value. Built by the engine, then written by the
// report writers. It holds only measured or configured data.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "imgopt/metrics.hpp"
#include "imgopt/options.hpp"
#include "imgopt/report_rows.hpp"
#include "imgopt/task.hpp"

namespace imgopt {

struct ReportSummary {
    std::uint64_t files = 0, optimized = 0, keptOriginal = 0, skipped = 0, failed = 0;
    std::uint64_t inputBytes = 0, outputBytes = 0;
    std::int64_t savedBytes = 0;
    double wallSeconds = 0;  // active wall time to the last result; pauses are in pausedSeconds
    double pausedSeconds = 0;
    // Quality auto: over the files the visual-quality search scored (optimized or kept).
    std::uint64_t scored = 0;
    std::optional<double> minScore, meanScore;  // SSIM against the source; unset when no file was scored
    double searchSeconds = 0;                   // summed over the files (workers search in parallel)
};

struct SystemInfo {
    std::string cpu;
    int cores = 0;
    std::uint64_t memoryBytes = 0;
    std::string libvips;
    std::string os;
    std::string allocator;
};

struct Percentiles {
    double p50 = 0, p90 = 0, p99 = 0, max = 0, mean = 0;
};

struct RunReport {
    std::string toolName = "imgopt";
    std::string toolVersion;
    Options settings;
    ReportSummary summary;
    ReportRows files;  // in input (scan) order; past ReportRows::kMemoryRows, in a temporary file
    std::vector<BatchRecord> batches;
    std::vector<MemorySample> memory;
    int workers = 0;
    int vipsThreadsPerWorker = 0;
    std::vector<double> workerBusySeconds;      // encoding
    std::vector<double> workerValidateSeconds;  // validating
    SystemInfo system;
    Percentiles processSeconds;
    Percentiles queueWaitSeconds;
    double imagesPerSecond = 0;
    double inputMegabytesPerSecond = 0;
    std::uint64_t peakRssBytes = 0;
    std::uint64_t scanNotImages = 0;
    std::uint64_t scanHiddenSkipped = 0;
    std::uint64_t scanDuplicates = 0;
    std::vector<std::string> scanErrors;
    // What the user should know about the run as a whole: the run state could not be opened, temporary
    // files of an interrupted run were removed.
    std::vector<std::string> notices;
    std::optional<Shard> shard;  // the share of the job this run took (--shard)
    int mergedShards = 0;        // > 0: merged from this many shard reports (mergeReports)
};

}  // namespace imgopt
