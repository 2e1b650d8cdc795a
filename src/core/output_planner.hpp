#pragma once
// Stage 3, plan: decides where each output goes, and resolves collisions so that two inputs never map to one
// output. Names come in two steps:
// - claim(), as each file is scanned: outside in-place mode, every scanned file claims its output name in
// scan
//   order, from its path and a sniff of its first bytes. Two inputs that map to one name are told apart here,
//   whatever later happens to them (validated, failed, or taken by another shard of a sharded job), so the
//   names depend on the list of files alone (docs/scale-out.md).
// - plan(), after validation: the file's own claim, unless a file already on disk is in the way (the conflict
//   policy) or its output format turned out other than the sniff said.
// Thread rules: an OutputPlanner is used from one thread at a time (the engine, under its mutex, in scan
// order, so names are stable from run to run).

#include <cstdint>
#include <filesystem>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "imgopt/options.hpp"
#include "imgopt/result.hpp"
#include "imgopt/task.hpp"
#include "validator.hpp"

namespace imgopt {

class OutputPlanner {
public:
    explicit OutputPlanner(const Options& options);

    // The path an output would have before collision handling.
    std::filesystem::path naturalOutput(const ScanItem& item, ImageFormat outputFormat) const;

    // Errors: ReadOnly (the target folder cannot be written), OutputTooLarge, OutputFailed (another input
    // already writes this file in place, or the output would leave its root through a link).
    // `ownOutput`: this source's output from an earlier run, still ImgOpt's (run_state.hpp); it is reused and
    // replaced rather than given a numbered name beside it.
    Expected<PlannedTask> plan(const ValidatedTask& task,
                               const std::optional<std::filesystem::path>& ownOutput = {});

    // Claims `item`'s output name (see above). `own`: the item is this process's to plan, with its id;
    // otherwise (another shard's) the name is only held, so that no file of this process takes it.
    // `sniffed`: sniffFormat(item.path), read by the caller outside its lock. Only when claimsNames().
    void claim(const ScanItem& item, ImageFormat sniffed, bool own);
    bool claimsNames() const { return options_.outputMode != OutputMode::InPlace; }
    // A conversion names every output alike: the first bytes matter only when files keep their format.
    bool needsSniff() const { return claimsNames() && !options_.convertTo; }
    // Forgets the claim of an input that will not be planned (failed, skipped); its name stays taken.
    void drop(TaskId id);

    // Claims the output of a source skipped as up to date, so that no other input of this run writes there.
    // Only that source's own replacement may take it (a converted in-place original whose run was cut short).
    void keep(const std::filesystem::path& output);

private:
    struct Claim {
        std::filesystem::path natural, name;  // name != natural: another input claimed natural first
    };
    bool taken(const std::filesystem::path& p) const;                    // by any input, or kept
    bool takenByOther(const std::filesystem::path& p, TaskId id) const;  // by another input, or kept
    bool ownedOrFree(const std::filesystem::path& p, TaskId id) const;
    std::filesystem::path numbered(const std::filesystem::path& natural, const std::filesystem::path& source,
                                   bool checkDisk) const;
    std::filesystem::path chooseOutput(const ValidatedTask& v, const std::filesystem::path& natural,
                                       const std::optional<Claim>& claimed, PlannedTask& t);

    Options options_;
    // Output names taken in this run (by the hash of the path, 64-bit XXH3: a million names cost a few
    // megabytes), and by which input; 0 for an input of another shard.
    std::unordered_map<std::uint64_t, TaskId> taken_;
    std::unordered_set<std::uint64_t> kept_;     // outputs of up-to-date sources
    std::unordered_map<TaskId, Claim> pending_;  // claims of this process's inputs not planned yet
};

// What a file's first bytes say it is, else what its name says.
ImageFormat sniffFormat(const std::filesystem::path& path);

// Target dimensions (upright) after the resize rule; never larger than the source.
std::pair<int, int> targetSize(const Resize& resize, int uprightWidth, int uprightHeight);

}  // namespace imgopt
