#include "output_commit.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include "safe_writer.hpp"

namespace fs = std::filesystem;

namespace imgopt {
namespace {

Fingerprint sourceFingerprint(const fs::path& source) {
    Fingerprint fp = statFingerprint(source).value_or(Fingerprint{});
    fp.hash = hashFile(source);
    return fp;
}

OutputRecord recordFor(const PlannedTask& task, const fs::path& output, Fingerprint outputFp, bool written,
                       ImageFormat outputFormat, int width, int height) {
    OutputRecord r;
    r.source = task.source.path;
    r.sourceFp = sourceFingerprint(task.source.path);
    r.output = output;
    r.outputFp = std::move(outputFp);
    r.written = written;
    r.inputFormat = task.header.format;
    r.outputFormat = outputFormat;
    r.width = width;
    r.height = height;
    return r;
}

// A record that cannot be written costs the rerun its shortcut (and undo its entry), never the output.
void record(const TaskContext& c, const OutputRecord& r, std::vector<std::string>& warnings) {
    if (!c.state) return;
    if (auto s = c.state->record(r, c.settings); !s)
        warnings.push_back("the run state could not record this output (" + s.error().message + ")");
}

Fingerprint writtenFingerprint(const fs::path& temp, const std::vector<std::uint8_t>& bytes) {
    Fingerprint fp = statFingerprint(temp).value_or(Fingerprint{});
    fp.hash = hashBytes(bytes);
    return fp;
}

// In place: the original goes to the Trash (as a second name), then the temp file takes its path.
Status replaceInPlace(const PlannedTask& task, TempFile& tmp, const OutputRecord& rec, const TaskContext& c,
                      std::vector<std::string>& warnings) {
    const fs::path& original = task.source.path;
    const Trash fallback;
    auto entry = (c.trash ? *c.trash : fallback).keep(original);
    if (!entry) return Unexpected(std::move(entry).error());
    record(c, rec, warnings);
    const TrashRecord trashed{0, original, *entry, task.output, rec.outputFp};
    if (c.state)
        if (auto s = c.state->recordTrashed(trashed); !s)
            warnings.push_back("undo will not know this file (" + s.error().message +
                               "); the original is in " + entry->file.string());
    const fs::path folder = task.output.parent_path();
    syncFolder(folder);  // the temp file's name reaches the disk before it replaces anything
    const bool samePath = task.output == original;
    if (auto committed = tmp.commit(task.output, samePath || task.replaceOwnOutput); !committed) {
        Trash::discard(*entry);
        if (c.state) (void)c.state->forgetTrashed(trashed);
        return committed;
    }
    // A converted result has its own name; the original leaves its path only now (its copy is in the Trash).
    if (!samePath && ::unlink(original.c_str()) != 0) warnings.push_back("the original could not be removed");
    syncFolder(folder);
    return {};
}

}  // namespace

Status commitEncoded(const PlannedTask& task, const Options& options, const EncodedImage& enc,
                     const TaskContext& context, std::vector<std::string>& warnings) {
    const bool inPlace = options.outputMode == OutputMode::InPlace;
    if (auto v = verifyEncoded(enc.bytes, task.outputFormat, enc.width, enc.height); !v) return v;
    auto created = TempFile::create(task.output.parent_path());
    if (!created) return Unexpected(std::move(created).error());
    TempFile& tmp = *created;
    if (auto written = tmp.write(enc.bytes, inPlace); !written) return written;
    // Before an original is replaced, what is on the disk must decode, every pixel of it.
    if (inPlace)
        if (auto v = verifyDecodes(tmp.path()); !v) return v;
    if (options.keepDates) copyModificationTime(task.source.path, tmp.path());
    // A replacement keeps the original's permissions; new files get the process's defaults.
    if (inPlace) copyPermissions(task.source.path, tmp.path());
    const OutputRecord rec = recordFor(task, task.output, writtenFingerprint(tmp.path(), enc.bytes), true,
                                       task.outputFormat, enc.width, enc.height);
    if (inPlace) return replaceInPlace(task, tmp, rec, context, warnings);
    record(context, rec, warnings);
    const bool replace = task.replaceOwnOutput ||
                         (options.onConflict == ConflictPolicy::Overwrite && existsOnDisk(task.output));
    return tmp.commit(task.output, replace);
}

Status commitKeptOriginal(const PlannedTask& task, const Options& options, const TaskContext& context,
                          std::vector<std::string>& warnings) {
    const int w = task.header.uprightWidth(), h = task.header.uprightHeight();
    if (options.outputMode == OutputMode::InPlace) {
        Fingerprint fp = sourceFingerprint(task.source.path);
        record(context, recordFor(task, task.source.path, fp, false, task.header.format, w, h), warnings);
        return {};
    }
    // Same format, so the planned name already has the source's extension.
    const bool replace = task.replaceOwnOutput || options.onConflict == ConflictPolicy::Overwrite;
    return copyIntoPlace(task.source.path, task.output, replace, [&](const fs::path& temp) {
        if (options.keepDates) copyModificationTime(task.source.path, temp);
        Fingerprint fp = statFingerprint(temp).value_or(Fingerprint{});
        fp.hash = hashFile(temp);
        record(context, recordFor(task, task.output, fp, false, task.header.format, w, h), warnings);
    });
}

}  // namespace imgopt
