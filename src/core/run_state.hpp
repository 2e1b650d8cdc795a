#pragma once
// The run state: what earlier runs wrote, in SQLite (WAL mode) at $XDG_STATE_HOME/imgopt/state.sqlite3
// (~/.local/state/imgopt/ by default). It makes runs resumable and repeatable:
// - each output is recorded BEFORE it is renamed into place, with the fingerprints of its source and of the
//   bytes being committed, so a run killed at any moment leaves a record for every output that exists;
// - a rerun skips a source whose output is up to date (same source, same settings, the output still the
//   bytes we wrote), at the cost of a stat; `force` redoes it;
// - in place, a file whose bytes are the ones ImgOpt wrote is "already optimized" and never re-encoded,
//   even with `force`: re-encoding our own output is generation loss;
// - originals moved to the Trash in place are recorded per run, for undo (undo.hpp).
// SQLite's WAL journal survives a killed process: the database always opens, and a transaction is either
// whole or absent.
//
// Thread rules: one connection, serialised by one mutex; every method may be called from any thread.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "fingerprint.hpp"
#include "imgopt/format.hpp"
#include "imgopt/result.hpp"
#include "imgopt/task.hpp"
#include "trash.hpp"

struct sqlite3;

namespace imgopt {

// One output as recorded.
struct OutputRecord {
    std::filesystem::path source;
    Fingerprint sourceFp;  // with its hash
    std::filesystem::path output;
    Fingerprint outputFp;  // with its hash
    bool written = true;   // ImgOpt's encode; false when the original was kept (or copied)
    ImageFormat inputFormat = ImageFormat::Unknown;
    ImageFormat outputFormat = ImageFormat::Unknown;
    int width = 0;
    int height = 0;
    std::int64_t recordedAtNs = 0;  // set by record()
};

// An original that an in-place run put into the Trash.
struct TrashRecord {
    std::int64_t run = 0;
    std::filesystem::path original;
    TrashEntry entry;
    std::filesystem::path written;  // what took its place (the same path, or the converted file's)
    Fingerprint writtenFp;
};

// What check() found for a source.
struct PriorOutput {
    enum class Kind { None, UpToDate, AlreadyOptimized };
    Kind kind = Kind::None;
    OutputRecord record;                             // the record behind UpToDate / AlreadyOptimized
    std::optional<std::filesystem::path> ownOutput;  // an earlier output of this source that is still ours
};

struct RunInfo {
    std::int64_t id = 0;
    std::int64_t startedAtNs = 0;
};

struct StatementCache;

class RunState {
public:
    // $XDG_STATE_HOME/imgopt, or ~/.local/state/imgopt.
    static std::filesystem::path defaultFolder();
    // Opens (or creates) the database in `folder`. `readOnly` (dry runs) never creates nor writes; it fails
    // when there is no database yet.
    static Expected<std::unique_ptr<RunState>> open(const std::filesystem::path& folder,
                                                    bool readOnly = false);
    ~RunState();
    RunState(const RunState&) = delete;
    RunState& operator=(const RunState&) = delete;

    // What an earlier run left for `source` under `settings`. In place, also drops Trash entries of
    // replacements that never happened (a run killed between the two steps).
    PriorOutput check(const std::filesystem::path& source, const std::string& settings, bool inPlace,
                      bool force);

    // Records an output just before it is committed; the row replaces an earlier one of the same source and
    // settings.
    Status record(OutputRecord r, const std::string& settings);
    // Records an original moved to the Trash by this engine's run (begun on first use).
    Status recordTrashed(TrashRecord r);
    // Drops such a record when the replacement failed after all (the entry was discarded).
    Status forgetTrashed(const TrashRecord& r);

    // The newest run that put originals into the Trash and was not undone yet.
    std::optional<RunInfo> lastUndoableRun();
    std::vector<TrashRecord> trashedIn(std::int64_t run);  // those not restored yet
    Status markRestored(const TrashRecord& r);
    Status markUndone(std::int64_t run);

private:
    explicit RunState(sqlite3* db, bool readOnly);
    Status exec(const char* sql);
    std::int64_t runIdLocked();
    std::vector<OutputRecord> outputsLocked(const std::string& select, const std::string& a,
                                            const std::string& b = {});
    void dropStaleTrashLocked(const std::filesystem::path& original);

    std::mutex mutex_;
    sqlite3* db_ = nullptr;                       // guarded by mutex_
    std::unique_ptr<StatementCache> statements_;  // db_'s prepared statements; guarded by mutex_
    bool readOnly_ = false;
    std::int64_t run_ = 0;  // this process's run, 0 until something is recorded; guarded by mutex_
};

}  // namespace imgopt
