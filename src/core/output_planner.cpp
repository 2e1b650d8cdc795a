#include "output_planner.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>

#include "batch_sizer.hpp"
#include "containment.hpp"
#include "quality_search.hpp"

namespace fs = std::filesystem;

namespace imgopt {
namespace {

bool existsOnDisk(const fs::path& p) {
    std::error_code ec;
    return fs::exists(fs::symlink_status(p, ec));
}

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

bool OutputPlanner::reserved(const fs::path& p) const {
    return reserved_.count(p) != 0 || kept_.count(p) != 0;
}

void OutputPlanner::keep(const fs::path& output) { kept_.insert(output); }

// Collision handling for an output that is not the source itself; may mark the task Skip.
fs::path OutputPlanner::chooseOutput(const ValidatedTask& v, const fs::path& natural, PlannedTask& t) {
    const bool clashesInRun = reserved(natural) || natural == v.source.path;
    const bool onDisk = existsOnDisk(natural);
    // A converted in-place result never replaces a file beside it: that file may be another original.
    const ConflictPolicy policy =
        options_.outputMode == OutputMode::InPlace && options_.onConflict == ConflictPolicy::Overwrite
            ? ConflictPolicy::Rename
            : options_.onConflict;
    if (clashesInRun || (onDisk && policy == ConflictPolicy::Rename)) {
        // Two inputs never share an output, whatever the policy: the later one gets a numbered name.
        const std::string stem = natural.stem().string();
        const std::string ext = natural.extension().string();
        fs::path chosen;
        for (int n = 1;; ++n) {
            fs::path candidate = natural.parent_path() / fmt::format("{}-{}{}", stem, n, ext);
            if (!reserved(candidate) && !existsOnDisk(candidate) && candidate != v.source.path) {
                chosen = candidate;
                break;
            }
        }
        if (clashesInRun)
            t.warnings.push_back(fmt::format("another input also maps to {}; written as {}",
                                             natural.filename().string(), chosen.filename().string()));
        return chosen;
    }
    if (onDisk && policy == ConflictPolicy::Skip) t.action = Action::Skip;
    return natural;
}

Expected<PlannedTask> OutputPlanner::plan(const ValidatedTask& v, const std::optional<fs::path>& ownOutput) {
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
        if (reserved(natural))
            return fail(ErrorCode::OutputFailed, "another input already writes this file in place");
    } else if (ownOutput && reserved_.count(*ownOutput) == 0 && *ownOutput != v.source.path &&
               ownOutput->parent_path() == natural.parent_path() &&
               formatFromExtension(*ownOutput) == formatFromExtension(natural)) {
        chosen = *ownOutput;
        t.replaceOwnOutput = true;
    } else {
        chosen = chooseOutput(v, natural, t);
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

    reserved_.insert(chosen);
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
