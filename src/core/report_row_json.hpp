#pragma once
// One report row as JSON: the "files" entries of the JSON report (docs/report-format.md), the records of the
// report's spill file (report_rows.hpp, as CBOR) and what --merge-reports reads back. Pure functions.

#include <nlohmann/json.hpp>
#include <optional>

#include "imgopt/result.hpp"
#include "imgopt/task.hpp"

namespace imgopt {

nlohmann::json fileJson(const TaskResult& row);

// A value, or null when it is unset (every optional number of the JSON report).
template <typename T>
nlohmann::json optionalNumber(const std::optional<T>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}
// The inverse of fileJson (the id is not part of a row); an error names the first field that is missing or of
// the wrong kind.
Expected<TaskResult> fileFromJson(const nlohmann::json& j);

}  // namespace imgopt
