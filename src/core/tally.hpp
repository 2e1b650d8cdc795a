#pragma once
// The one rule for counting a result, shared by the live progress (ProgressSnapshot) and the report's summary
// (ReportSummary), which name their tallies alike: one count per status, and bytes only for the files that
// have an output (optimized or kept original); a failed or skipped file has none.

#include "imgopt/task.hpp"

namespace imgopt {

inline bool hasOutput(TaskStatus s) { return s == TaskStatus::Optimized || s == TaskStatus::KeptOriginal; }

template <typename Tallies>
void tally(Tallies& t, const TaskResult& r) {
    switch (r.status) {
        case TaskStatus::Optimized:
            ++t.optimized;
            break;
        case TaskStatus::KeptOriginal:
            ++t.keptOriginal;
            break;
        case TaskStatus::Skipped:
            ++t.skipped;
            break;
        case TaskStatus::Failed:
            ++t.failed;
            break;
    }
    if (hasOutput(r.status)) {
        t.inputBytes += r.inputBytes;
        t.outputBytes += r.outputBytes;
    }
}

}  // namespace imgopt
