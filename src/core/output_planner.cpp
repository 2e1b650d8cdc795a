#include "output_planner.hpp"

#include <fmt/format.h>
#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <cerrno>
#include <cmath>

#include "batch_sizer.hpp"
#include "containment.hpp"
#include "quality_search.hpp"
#include "safe_writer.hpp"

namespace fs = std::filesystem;

namespace imgopt {
namespace {

// The nearest existing folder on the way to `folder`, which is where a write (or mkdir) must be allowed.
fs::path nearestExisting(fs::path folder) {
    std::error_code ec;
    while (!folder.empty() && !fs::exists(folder, ec)) {
        if (folder == folder.parent_path()) break;
        folder = folder.parent_path();
    }
    return folder;
}

}  // namespace

std::pair<int, int> targetSize(const Resize& resize, int w, int h) {
    if (w < 1 || h < 1) return {w, h};
    double scale = 1.0;
    switch (resize.mode) {
        case ResizeMode::None:
            break;
        case ResizeMode::Width:
            scale = double(resize.size) / w;
            break;
        case ResizeMode::Height:
            scale = double(resize.size) / h;
            break;
        case ResizeMode::LongEdge:
            scale = double(resize.size) / std::max(w, h);
            break;
        case ResizeMode::ShortEdge:
            scale = double(resize.size) / std::min(w, h);
            break;
    }
    if (scale >= 1.0) return {w, h};  // only ever shrink
    return {std::max(1, int(std::lround(w * scale))), std::max(1, int(std::lround(h * scale)))};
}

OutputPlanner::OutputPlanner(const Options& options) : options_(options) {}

fs::path OutputPlanner::naturalOutput(const ScanItem& item, ImageFormat outputFormat) const {
    const fs::path& src = item.path;
    const bool keepExt = formatFromExtension(src) == outputFormat;
    const std::string ext =
        keepExt ? src.extension().string() : std::string(formatInfo(outputFormat).canonicalExt);
    const std::string stem = src.stem().string();
    switch (options_.outputMode) {
        case OutputMode::OptimizedSubfolder:
            return src.parent_path() / kOptimizedFolderName / (stem + ext);
        case OutputMode::Suffix:
            return src.parent_path() / (stem + options_.suffix + ext);
        case OutputMode::InPlace:
            return src.parent_path() / (stem + ext);
        case OutputMode::OutputDir: {
            const fs::path dir = fs::absolute(options_.outputDir).lexically_normal();
            if (item.root.empty()) return dir / (stem + ext);
            // Like dragging the folder into DIR: the dropped folder's own name is kept.
            fs::path rootName = item.root.filename();
            if (rootName.empty()) rootName = "root";
            const fs::path rel = src.parent_path().lexically_relative(item.root);
            return (dir / rootName / rel / (stem + ext)).lexically_normal();
        }
    }
    return src;
}

namespace {

std::uint64_t nameKey(const fs::path& p) { return XXH3_64bits(p.native().data(), p.native().size()); }

}  // namespace

ImageFormat sniffFormat(const fs::path& p) {
    const ImageFormat content = formatFromFileContent(p);
    return content != ImageFormat::Unknown ? content : formatFromExtension(p);
}

bool OutputPlanner::taken(const fs::path& p) const {
    const auto key = nameKey(p);
    return taken_.count(key) != 0 || kept_.count(key) != 0;
}

bool OutputPlanner::takenByOther(const fs::path& p, TaskId id) const {
    const auto key = nameKey(p);
    if (kept_.count(key) != 0) return true;
    const auto it = taken_.find(key);
    return it != taken_.end() && it->second != id;
}

void OutputPlanner::drop(TaskId id) { pending_.erase(id); }

// Not taken by another input; a kept output may be (see keep()).
bool OutputPlanner::ownedOrFree(const fs::path& p, TaskId id) const {
    const auto it = taken_.find(nameKey(p));
    return it == taken_.end() || it->second == id;
}

void OutputPlanner::keep(const fs::path& output) { kept_.insert(nameKey(output)); }

// "name-1.ext", "name-2.ext"...: the first that no input has taken (and, with checkDisk, no file holds).
fs::path OutputPlanner::numbered(const fs::path& natural, const fs::path& source, bool checkDisk) const {
    const std::string stem = natural.stem().string();
    const std::string ext = natural.extension().string();
    for (int n = 1;; ++n) {
        fs::path candidate = natural.parent_path() / fmt::format("{}-{}{}", stem, n, ext);
        if (!taken(candidate) && candidate != source && !(checkDisk && existsOnDisk(candidate)))
            return candidate;
    }
}

void OutputPlanner::claim(const ScanItem& item, ImageFormat sniffed, bool own) {
    // In place, outputs lie beside their originals, where the disk decides (plan()); shards refuse that mode.
    if (!claimsNames()) return;
    const ImageFormat out = resolveOutputFormat(options_.convertTo, sniffed);
    if (out == ImageFormat::Unknown) return;  // it will fail validation: no output to name
    fs::path natural = naturalOutput(item, out);
    if (!taken(natural) && natural != item.path) {
        // The usual case holds nothing per file but the name's hash: plan() finds it taken by this id.
        taken_[nameKey(natural)] = own ? item.id : 0;
        return;
    }
    Claim c{std::move(natural), {}};
    c.name = numbered(c.natural, item.path, false);
    taken_[nameKey(c.name)] = own ? item.id : 0;
    if (own) pending_[item.id] = std::move(c);
}

// Collision handling for an output that is not the source itself; may mark the task Skip.
fs::path OutputPlanner::chooseOutput(const ValidatedTask& v, const fs::path& natural,
                                     const std::optional<Claim>& claimed, PlannedTask& t) {
    const TaskId id = v.source.id;
    // The claim holds unless the file turned out to be another format than its first bytes said.
    const fs::path base = claimed && claimed->natural == natural ? claimed->name : natural;
    if (base != natural)
        t.warnings.push_back(fmt::format("another input also maps to {}; written as {}",
                                         natural.filename().string(), base.filename().string()));
    const bool clashesInRun = takenByOther(base, id) || base == v.source.path;
    const bool onDisk = existsOnDisk(base);
    // A converted in-place result never replaces a file beside it: that file may be another original.
    const ConflictPolicy policy =
        options_.outputMode == OutputMode::InPlace && options_.onConflict == ConflictPolicy::Overwrite
            ? ConflictPolicy::Rename
            : options_.onConflict;
    if (clashesInRun || (onDisk && policy == ConflictPolicy::Rename)) {
        // Two inputs never share an output, whatever the policy: the later one gets a numbered name.
        const fs::path chosen = numbered(base, v.source.path, true);
        if (clashesInRun)
            t.warnings.push_back(fmt::format("another input also maps to {}; written as {}",
                                             base.filename().string(), chosen.filename().string()));
        return chosen;
    }
    if (onDisk && policy == ConflictPolicy::Skip) t.action = Action::Skip;
    return base;
}

Expected<PlannedTask> OutputPlanner::plan(const ValidatedTask& v, const std::optional<fs::path>& ownOutput) {
    std::optional<Claim> claimed;
    if (auto it = pending_.find(v.source.id); it != pending_.end()) {
        claimed = std::move(it->second);
        pending_.erase(it);
    }
    PlannedTask t;
    t.source = v.source;
    t.header = v.header;
    t.outputFormat = v.outputFormat;
    t.warnings = v.warnings;
    t.validateSeconds = v.seconds;

    // In place, a file that keeps its format keeps its name too, even a mislabelled one: renaming it would
    // break whatever refers to it.
    const bool keepsFormat = v.outputFormat == v.header.format;
    const fs::path natural = options_.outputMode == OutputMode::InPlace && keepsFormat
                                 ? v.source.path
                                 : naturalOutput(v.source, v.outputFormat);
    const bool inPlaceSame = options_.outputMode == OutputMode::InPlace && natural == v.source.path;
    fs::path chosen = natural;
    if (inPlaceSame) {
        if (takenByOther(natural, v.source.id))
            return fail(ErrorCode::OutputFailed, "another input already writes this file in place");
    } else if (ownOutput && ownedOrFree(*ownOutput, v.source.id) && *ownOutput != v.source.path &&
               ownOutput->parent_path() == natural.parent_path() &&
               formatFromExtension(*ownOutput) == formatFromExtension(natural)) {
        chosen = *ownOutput;
        t.replaceOwnOutput = true;
    } else {
        chosen = chooseOutput(v, natural, claimed, t);
    }
    if (auto contained = checkContained(chosen, outputRoot(v.source, options_)); !contained)
        return Unexpected(std::move(contained).error());

    const fs::path writableFolder = nearestExisting(chosen.parent_path());
    // The disk's own words, as for a failed write: a read-only mount and a folder without write permission
    // both leave the output folder read-only for us.
    if (::access(writableFolder.c_str(), W_OK) != 0)
        return fail(ErrorCode::ReadOnly,
                    fmt::format("the output folder is read-only ({}: {})", writableFolder.string(),
                                errno == EROFS ? "a read-only file system" : "no permission to write"));

    auto [w, h] = targetSize(options_.resize, t.header.uprightWidth(), t.header.uprightHeight());
    const FormatInfo& out = formatInfo(t.outputFormat);
    if (out.maxEdge > 0 && std::max(w, h) > out.maxEdge)
        return fail(ErrorCode::OutputTooLarge,
                    fmt::format("{}x{} pixels is too large for {}, which holds at most {} on a side: choose "
                                "another format or a resize",
                                w, h, out.name, out.maxEdge));

    taken_[nameKey(chosen)] = v.source.id;
    t.output = chosen;
    t.targetWidth = w;
    t.targetHeight = h;
    t.estimatedBytes = estimateTaskBytes(t.header, w, h, t.outputFormat);
    // A visual-quality search holds the decoded source and a decoded candidate besides the encoder's memory.
    if (options_.qualityFor(t.outputFormat).isAuto() && searchableFormat(t.outputFormat) &&
        t.header.pages == 1)
        t.estimatedBytes += searchMemoryBytes(w, h, std::min(4, t.header.bands));
    return t;
}

}  // namespace imgopt
