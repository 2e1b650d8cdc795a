#pragma once
// Fingerprints for the run state (run_state.hpp): what a file is, cheaply (size and modification time) and
// surely (an xxHash of its bytes), and what the settings of a run are (a hash of every option that changes
// an output's bytes or its place).
// Thread-safe: pure functions.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>

#include "imgopt/options.hpp"

namespace imgopt {

struct Fingerprint {
    std::uint64_t size = 0;
    std::int64_t mtimeNs = 0;  // nanoseconds since the epoch
    std::string hash;          // 16 hex digits of XXH3-64; empty when not computed

    // Same size and modification time: the cheap test, a stat.
    bool sameStat(const Fingerprint& other) const { return size == other.size && mtimeNs == other.mtimeNs; }
};

// Size and mtime of `file` (following links); no hash. Empty when it is missing or not a regular file.
std::optional<Fingerprint> statFingerprint(const std::filesystem::path& file);

// XXH3-64 of a file's bytes, read with our own I/O; empty when unreadable.
std::string hashFile(const std::filesystem::path& file);
std::string hashBytes(std::span<const std::uint8_t> bytes);

// True when `file` is the file `recorded` describes: the same size and mtime, or, when only the mtime
// differs (a copy, a touch, a file system with coarse times), the same bytes. `recent` asks for the bytes
// even when size and mtime agree, for a record made within the file system's time granularity.
bool matches(const std::filesystem::path& file, const Fingerprint& recorded, bool recent = false);

// 16 hex digits identifying every option that changes what a run writes or where: formats, qualities,
// resize, metadata, dates, output mode and place. Left out: the conflict policy, the pixel limit, hidden
// files, jobs, dry run and force, which change what is attempted, not what an output holds.
std::string settingsHash(const Options& options);

}  // namespace imgopt
