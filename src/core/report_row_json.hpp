#pragma once
// One report row as JSON: the "files" entries of the JSON report (docs/report-format.md), the records of the
// report's spill file (report_rows.hpp, as CBOR) and what --merge-reports reads back. Pure functions.

#include <nlohmann/json.hpp>

#include "imgopt/result.hpp"
#include "imgopt/task.hpp"

namespace imgopt {

nlohmann::json fileJson(const TaskResult& row);
// The inverse of fileJson (the id is not part of a row); an error names the first field that is missing or of
// the wrong kind.
Expected<TaskResult> fileFromJson(const nlohmann::json& j);

}  // namespace imgopt
