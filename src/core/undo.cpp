#include "imgopt/undo.hpp"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ctime>

#include "run_state.hpp"
#include "safe_writer.hpp"

namespace fs = std::filesystem;

namespace imgopt {
namespace {

bool sameFile(const fs::path& a, const fs::path& b) {
    struct stat sa {
    }, sb{};
    return ::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

std::string localTime(std::int64_t ns) {
    const std::time_t t = std::time_t(ns / 1'000'000'000);
    std::tm local{};
    ::localtime_r(&t, &local);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &local);
    return text;
}

UndoFile undoOne(RunState& state, const TrashRecord& r) {
    UndoFile f{r.original, r.written, false, {}};
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(r.entry.file, ec))) {
        f.message = fmt::format("its original is no longer in the Trash ({})", r.entry.file.string());
        return f;
    }
    if (r.written == r.original && sameFile(r.entry.file, r.original)) {
        // The run stopped between putting the original into the Trash and replacing it: the original never
        // left, and the Trash only held a second name for it.
        Trash::discard(r.entry);
        f.restored = true;
        (void)state.markRestored(r);
        return f;
    }
    if (!matches(r.written, r.writtenFp)) {
        f.message = fmt::format(
            "{} changed or was removed after ImgOpt wrote it, so it is left as it is; the "
            "original stays in the Trash as {}",
            r.written.string(), r.entry.file.string());
        return f;
    }
    const bool samePath = r.written == r.original;
    // In place the original replaces our file in one rename; a converted file's original returns beside it
    // (never over another file), and then our file goes.
    if (auto back = Trash::restore(r.entry, r.original, samePath); !back) {
        f.message = back.error().message;
        return f;
    }
    if (!samePath) {
        ::unlink(r.written.c_str());
        syncFolder(r.written.parent_path());
    }
    f.restored = true;
    if (auto marked = state.markRestored(r); !marked)
        f.message = "restored, but the run state could not record it: " + marked.error().message;
    return f;
}

}  // namespace

std::size_t UndoReport::restored() const {
    std::size_t n = 0;
    for (const auto& f : files) n += f.restored ? 1 : 0;
    return n;
}

std::size_t UndoReport::refused() const { return files.size() - restored(); }

Expected<UndoReport> undoLastRun(const fs::path& stateFolder) {
    auto opened = RunState::open(stateFolder.empty() ? RunState::defaultFolder() : stateFolder);
    if (!opened) return Unexpected(std::move(opened).error());
    RunState& state = **opened;
    UndoReport report;
    const auto run = state.lastUndoableRun();
    if (!run) return report;
    report.found = true;
    report.runStarted = localTime(run->startedAtNs);
    for (const auto& r : state.trashedIn(run->id)) report.files.push_back(undoOne(state, r));
    if (auto s = state.markUndone(run->id); !s) return Unexpected(std::move(s).error());
    return report;
}

}  // namespace imgopt
