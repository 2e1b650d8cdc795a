#pragma once
// Merging the JSON reports of the shards of one job (--shard K/N, docs/scale-out.md) into one report: every
// file row, and totals, percentiles and per-format tables recomputed from the rows. The reports are read
// as a stream, one row at a time, so reports of millions of files merge in little memory.

#include <filesystem>
#include <vector>

#include "imgopt/report.hpp"
#include "imgopt/result.hpp"

namespace imgopt {

// Errors: a report that cannot be read or is not an ImgOpt JSON report; reports made with different
// settings; the same shard twice, or shards of different splits. Missing shards are a notice in the result.
Expected<RunReport> mergeReports(const std::vector<std::filesystem::path>& jsonReports);

}  // namespace imgopt
