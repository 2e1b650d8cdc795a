#include "run_state.hpp"

#include <fmt/format.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdlib>
#include <unordered_map>

namespace fs = std::filesystem;

namespace imgopt {
namespace {

constexpr int kSchemaVersion = 1;

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS runs(
  id INTEGER PRIMARY KEY, started_at INTEGER NOT NULL, undone_at INTEGER);
CREATE TABLE IF NOT EXISTS outputs(
  source TEXT NOT NULL, settings TEXT NOT NULL,
  source_size INTEGER NOT NULL, source_mtime INTEGER NOT NULL, source_hash TEXT NOT NULL,
  output TEXT NOT NULL, output_size INTEGER NOT NULL, output_mtime INTEGER NOT NULL, output_hash TEXT NOT NULL,
  written INTEGER NOT NULL, input_format TEXT, output_format TEXT, width INTEGER, height INTEGER,
  recorded_at INTEGER NOT NULL,
  PRIMARY KEY(source, settings));
CREATE INDEX IF NOT EXISTS outputs_by_output ON outputs(output);
CREATE TABLE IF NOT EXISTS trashed(
  run INTEGER NOT NULL, original TEXT NOT NULL, trash_file TEXT NOT NULL, trash_info TEXT NOT NULL,
  written TEXT NOT NULL, written_size INTEGER NOT NULL, written_mtime INTEGER NOT NULL,
  written_hash TEXT NOT NULL, restored_at INTEGER,
  PRIMARY KEY(run, original));
)sql";

constexpr const char* kOutputColumns =
    "source, source_size, source_mtime, source_hash, output, output_size, output_mtime, output_hash, "
    "written, "
    "input_format, output_format, width, height, recorded_at";

// The two output look-ups, formatted once: the statement cache finds a prepared statement by its text.
const std::string& outputsWrittenTo() {
    static const std::string sql =
        fmt::format("SELECT {} FROM outputs WHERE output = ?1 AND written = 1", kOutputColumns);
    return sql;
}
const std::string& outputsOfSourceWith() {
    static const std::string sql =
        fmt::format("SELECT {} FROM outputs WHERE source = ?1 AND settings = ?2", kOutputColumns);
    return sql;
}

std::int64_t nowNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// A source written within two seconds of its record may have changed again within the file system's time
// granularity; its bytes decide.
bool recentlyModified(const Fingerprint& fp, std::int64_t recordedAtNs) {
    return recordedAtNs - fp.mtimeNs < 2'000'000'000;
}

}  // namespace

// The connection's statements, each prepared once and reused: the run state is asked once or twice for every
// file, and parsing the same SQL each time was part of a tiny image's cost (docs/benchmarks.md, "Per-file
// cost").
struct StatementCache {
    struct Entry {
        sqlite3_stmt* stmt = nullptr;
        bool inUse = false;
    };
    std::unordered_map<std::string, Entry> entries;
    ~StatementCache() {
        for (auto& [sql, e] : entries) sqlite3_finalize(e.stmt);
    }
};

namespace {

// A statement from the cache, reset and unbound on every path out. A statement still in use further up the
// stack (none is nested today) gets a fresh one of its own.
class Statement {
public:
    Statement(sqlite3* db, StatementCache& cache, const std::string& sql) {
        auto& entry = cache.entries[sql];
        if (!entry.stmt)
            sqlite3_prepare_v3(db, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &entry.stmt, nullptr);
        if (entry.stmt && !entry.inUse) {
            entry_ = &entry;
            entry.inUse = true;
            stmt_ = entry.stmt;
        } else {
            sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt_, nullptr);
        }
    }
    ~Statement() {
        if (!entry_) {
            sqlite3_finalize(stmt_);
            return;
        }
        sqlite3_reset(stmt_);
        sqlite3_clear_bindings(stmt_);
        entry_->inUse = false;
    }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    bool ok() const { return stmt_ != nullptr; }
    Statement& bind(int i, const std::string& v) {
        sqlite3_bind_text(stmt_, i, v.c_str(), int(v.size()), SQLITE_TRANSIENT);
        return *this;
    }
    Statement& bind(int i, std::int64_t v) {
        sqlite3_bind_int64(stmt_, i, v);
        return *this;
    }
    int step() { return stmt_ ? sqlite3_step(stmt_) : SQLITE_MISUSE; }
    std::int64_t integer(int col) const { return sqlite3_column_int64(stmt_, col); }
    std::string text(int col) const {
        const auto* t = sqlite3_column_text(stmt_, col);
        return t ? reinterpret_cast<const char*>(t) : "";
    }

private:
    StatementCache::Entry* entry_ = nullptr;  // null: a one-off statement, finalized here
    sqlite3_stmt* stmt_ = nullptr;
};

OutputRecord readOutput(const Statement& s) {
    OutputRecord r;
    r.source = s.text(0);
    r.sourceFp = {std::uint64_t(s.integer(1)), s.integer(2), s.text(3)};
    r.output = s.text(4);
    r.outputFp = {std::uint64_t(s.integer(5)), s.integer(6), s.text(7)};
    r.written = s.integer(8) != 0;
    r.inputFormat = formatFromName(s.text(9));
    r.outputFormat = formatFromName(s.text(10));
    r.width = int(s.integer(11));
    r.height = int(s.integer(12));
    r.recordedAtNs = s.integer(13);
    return r;
}

std::string formatName(ImageFormat f) { return std::string(formatInfo(f).name); }

bool sameInode(const fs::path& a, const fs::path& b) {
    struct stat sa {
    }, sb{};
    return ::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

}  // namespace

fs::path RunState::defaultFolder() {
    if (const char* state = std::getenv("XDG_STATE_HOME"); state && *state == '/')
        return fs::path(state) / "imgopt";
    const char* home = std::getenv("HOME");
    return fs::path(home && *home ? home : "/") / ".local/state/imgopt";
}

Expected<std::unique_ptr<RunState>> RunState::open(const fs::path& folder, bool readOnly) {
    const fs::path file = folder / "state.sqlite3";
    const auto cannot = [&](const std::string& why) {
        return fail(ErrorCode::OutputFailed,
                    fmt::format("cannot open the run state {}: {}", file.string(), why));
    };
    std::error_code ec;
    if (!readOnly) fs::create_directories(folder, ec);
    if (ec) return cannot(ec.message());
    sqlite3* db = nullptr;
    const int flags =
        (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(file.c_str(), &db, flags, nullptr) != SQLITE_OK) {
        const std::string why = db ? sqlite3_errmsg(db) : "out of memory";
        sqlite3_close_v2(db);
        return cannot(why);
    }
    std::unique_ptr<RunState> state(new RunState(db, readOnly));
    // Another ImgOpt process may hold the write lock for a moment.
    sqlite3_busy_timeout(db, 10'000);
    if (!readOnly) {
        // WAL: a killed writer leaves a journal the next open replays; NORMAL syncs at checkpoints, which
        // survives any process crash (only a power cut may lose the newest records, never the file).
        if (auto s = state->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"); !s)
            return cannot(s.error().message);
        if (auto s = state->exec(kSchema); !s) return cannot(s.error().message);
        if (auto s = state->exec(fmt::format("PRAGMA user_version={};", kSchemaVersion).c_str()); !s)
            return cannot(s.error().message);
    }
    return state;
}

RunState::RunState(sqlite3* db, bool readOnly)
    : db_(db), statements_(std::make_unique<StatementCache>()), readOnly_(readOnly) {}

RunState::~RunState() {
    statements_.reset();  // finalized before the connection closes
    sqlite3_close_v2(db_);
}

Status RunState::exec(const char* sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) == SQLITE_OK) return {};
    std::string text = message ? message : sqlite3_errmsg(db_);
    sqlite3_free(message);
    return fail(ErrorCode::OutputFailed, text);
}

std::vector<OutputRecord> RunState::outputsLocked(const std::string& select, const std::string& a,
                                                  const std::string& b) {
    Statement s(db_, *statements_, select);
    std::vector<OutputRecord> out;
    if (!s.ok()) return out;
    s.bind(1, a);
    if (!b.empty()) s.bind(2, b);
    while (s.step() == SQLITE_ROW) out.push_back(readOutput(s));
    return out;
}

void RunState::dropStaleTrashLocked(const fs::path& original) {
    Statement s(
        db_, *statements_,
        "SELECT run, trash_file, trash_info FROM trashed WHERE original = ?1 AND restored_at IS NULL");
    if (!s.ok()) return;
    s.bind(1, original.string());
    std::vector<std::pair<std::int64_t, TrashEntry>> stale;
    // The Trash holds another name for the file still in place: the replacement never happened.
    while (s.step() == SQLITE_ROW)
        if (sameInode(s.text(1), original)) stale.push_back({s.integer(0), TrashEntry{s.text(1), s.text(2)}});
    for (const auto& [run, entry] : stale) {
        Trash::discard(entry);
        Statement del(db_, *statements_, "DELETE FROM trashed WHERE run = ?1 AND original = ?2");
        del.bind(1, run).bind(2, original.string()).step();
    }
}

PriorOutput RunState::check(const fs::path& source, const std::string& settings, bool inPlace, bool force) {
    std::lock_guard lock(mutex_);
    PriorOutput out;
    if (inPlace) {
        if (!readOnly_) dropStaleTrashLocked(source);
        for (auto& r : outputsLocked(outputsWrittenTo(), source.string()))
            if (matches(source, r.outputFp)) {
                out.kind = PriorOutput::Kind::AlreadyOptimized;
                out.record = std::move(r);
                return out;
            }
    }
    auto rows = outputsLocked(outputsOfSourceWith(), source.string(), settings);
    if (rows.empty()) return out;
    OutputRecord& r = rows.front();
    const bool outputOurs = matches(r.output, r.outputFp);
    if (inPlace && r.output == source) {
        // Kept in place (not smaller): the file is still what was looked at then.
        if (outputOurs && !force) out.kind = PriorOutput::Kind::UpToDate;
    } else if (outputOurs) {
        const bool sourceSame = matches(source, r.sourceFp, recentlyModified(r.sourceFp, r.recordedAtNs));
        // In place, a converted file's original still being there means the run stopped before the Trash
        // took it: redo it, replacing our own output.
        if (sourceSame && !force && !inPlace)
            out.kind = PriorOutput::Kind::UpToDate;
        else
            out.ownOutput = r.output;
    }
    if (out.kind != PriorOutput::Kind::None) out.record = std::move(r);
    return out;
}

std::int64_t RunState::runIdLocked() {
    if (run_ != 0) return run_;
    Statement s(db_, *statements_, "INSERT INTO runs(started_at) VALUES(?1)");
    s.bind(1, nowNs());
    if (s.step() == SQLITE_DONE) run_ = sqlite3_last_insert_rowid(db_);
    return run_;
}

Status RunState::record(OutputRecord r, const std::string& settings) {
    if (readOnly_) return {};
    std::lock_guard lock(mutex_);
    static const std::string sql = fmt::format(
        "INSERT OR REPLACE INTO outputs(settings, {}) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
        "?10, ?11, ?12, ?13, ?14, ?15)",
        kOutputColumns);
    Statement s(db_, *statements_, sql);
    s.bind(1, settings).bind(2, r.source.string()).bind(3, std::int64_t(r.sourceFp.size));
    s.bind(4, r.sourceFp.mtimeNs).bind(5, r.sourceFp.hash).bind(6, r.output.string());
    s.bind(7, std::int64_t(r.outputFp.size)).bind(8, r.outputFp.mtimeNs).bind(9, r.outputFp.hash);
    s.bind(10, std::int64_t(r.written))
        .bind(11, formatName(r.inputFormat))
        .bind(12, formatName(r.outputFormat));
    s.bind(13, std::int64_t(r.width)).bind(14, std::int64_t(r.height)).bind(15, nowNs());
    if (s.step() != SQLITE_DONE) return fail(ErrorCode::OutputFailed, sqlite3_errmsg(db_));
    return {};
}

Status RunState::recordTrashed(TrashRecord r) {
    if (readOnly_) return {};
    std::lock_guard lock(mutex_);
    const std::int64_t run = runIdLocked();
    Statement s(
        db_, *statements_,
        "INSERT OR REPLACE INTO trashed(run, original, trash_file, trash_info, written, written_size, "
        "written_mtime, written_hash) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    s.bind(1, run).bind(2, r.original.string()).bind(3, r.entry.file.string()).bind(4, r.entry.info.string());
    s.bind(5, r.written.string()).bind(6, std::int64_t(r.writtenFp.size)).bind(7, r.writtenFp.mtimeNs);
    s.bind(8, r.writtenFp.hash);
    if (run == 0 || s.step() != SQLITE_DONE) return fail(ErrorCode::OutputFailed, sqlite3_errmsg(db_));
    return {};
}

Status RunState::forgetTrashed(const TrashRecord& r) {
    if (readOnly_) return {};
    std::lock_guard lock(mutex_);
    Statement s(db_, *statements_, "DELETE FROM trashed WHERE run = ?1 AND original = ?2");
    s.bind(1, runIdLocked()).bind(2, r.original.string());
    if (s.step() != SQLITE_DONE) return fail(ErrorCode::OutputFailed, sqlite3_errmsg(db_));
    return {};
}

std::optional<RunInfo> RunState::lastUndoableRun() {
    std::lock_guard lock(mutex_);
    Statement s(db_, *statements_,
                "SELECT id, started_at FROM runs WHERE undone_at IS NULL AND EXISTS(SELECT 1 FROM trashed "
                "WHERE trashed.run = runs.id AND restored_at IS NULL) ORDER BY id DESC LIMIT 1");
    if (s.step() != SQLITE_ROW) return std::nullopt;
    return RunInfo{s.integer(0), s.integer(1)};
}

std::vector<TrashRecord> RunState::trashedIn(std::int64_t run) {
    std::lock_guard lock(mutex_);
    Statement s(db_, *statements_,
                "SELECT original, trash_file, trash_info, written, written_size, written_mtime, written_hash "
                "FROM trashed WHERE run = ?1 AND restored_at IS NULL ORDER BY original");
    s.bind(1, run);
    std::vector<TrashRecord> out;
    while (s.step() == SQLITE_ROW)
        out.push_back(TrashRecord{run, s.text(0), TrashEntry{s.text(1), s.text(2)}, s.text(3),
                                  Fingerprint{std::uint64_t(s.integer(4)), s.integer(5), s.text(6)}});
    return out;
}

Status RunState::markRestored(const TrashRecord& r) {
    std::lock_guard lock(mutex_);
    Statement s(db_, *statements_, "UPDATE trashed SET restored_at = ?1 WHERE run = ?2 AND original = ?3");
    s.bind(1, nowNs()).bind(2, r.run).bind(3, r.original.string());
    if (s.step() != SQLITE_DONE) return fail(ErrorCode::OutputFailed, sqlite3_errmsg(db_));
    // The restored file is a source again, and what was written there is gone.
    Statement forget(db_, *statements_, "DELETE FROM outputs WHERE source = ?1 OR output = ?2");
    forget.bind(1, r.original.string()).bind(2, r.written.string()).step();
    return {};
}

Status RunState::markUndone(std::int64_t run) {
    std::lock_guard lock(mutex_);
    Statement s(db_, *statements_, "UPDATE runs SET undone_at = ?1 WHERE id = ?2");
    s.bind(1, nowNs()).bind(2, run);
    if (s.step() != SQLITE_DONE) return fail(ErrorCode::OutputFailed, sqlite3_errmsg(db_));
    return {};
}

}  // namespace imgopt
