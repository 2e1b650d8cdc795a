#pragma once
// Undo of an in-place run. In place, every original goes to the freedesktop.org Trash before the smaller
// file takes its place, and the run state records both (docs/robustness.md). Undo puts the originals of the
// newest in-place run back, from the Trash, but only where the file is still the one ImgOpt wrote: a file
// changed since (edited, replaced, removed) is left alone with a message, and its original stays in the
// Trash. The CLI's --undo and the GUI's Edit > Undo Last Run call this.
// Thread rules: blocking file work; call it from a worker thread in a GUI.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "imgopt/result.hpp"

namespace imgopt {

struct UndoFile {
    std::filesystem::path original;  // where the original goes back to
    std::filesystem::path written;   // what ImgOpt wrote in its place (the same path unless converted)
    bool restored = false;
    std::string message;  // why it was not restored, in words
};

struct UndoReport {
    bool found = false;      // false: no in-place run is left to undo
    std::string runStarted;  // local time the run started, "2026-12-01 14:03:22"
    std::vector<UndoFile> files;

    std::size_t restored() const;
    std::size_t refused() const;
};

// Undoes the newest in-place run not undone yet. `stateFolder` empty: the default run state location.
// Error when the run state cannot be opened. The run counts as undone afterwards, also when some files were
// refused (their originals stay in the Trash, where a file manager can restore them).
Expected<UndoReport> undoLastRun(const std::filesystem::path& stateFolder = {});

}  // namespace imgopt
