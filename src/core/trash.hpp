#pragma once
// The freedesktop.org Trash (Trash specification 1.0), for in-place mode: an original goes to the Trash
// before the new file takes its place, as ImageOptim does, so that every replacement can be undone (by
// ImgOpt's undo, or by hand from the file manager's Trash).
//
// Which trash: the home trash ($XDG_DATA_HOME/Trash, by default ~/.local/share/Trash) for files on its
// device; for files on other mounts $topdir/.Trash/$uid when an administrator made $topdir/.Trash (a sticky
// folder, not a link), else $topdir/.Trash-$uid. When none of those can be used, the original is copied into
// the home trash. Each entry is info/NAME.trashinfo, made first with O_EXCL (which reserves NAME, as the
// specification asks), then files/NAME.
//
// keep() leaves the original where it is (a hard link, or a copy on another disk), so that the caller can
// replace it with one atomic rename: at every moment the path holds either the original or the new file.
//
// Thread rules: reentrant; names are reserved with O_EXCL, so parallel tasks (and processes) never collide.

#include <filesystem>

#include "imgopt/result.hpp"

namespace imgopt {

struct TrashEntry {
    std::filesystem::path file;  // .../files/NAME
    std::filesystem::path info;  // .../info/NAME.trashinfo
};

class Trash {
public:
    // `homeTrash` is the home trash folder; empty: homeTrashFolder().
    explicit Trash(std::filesystem::path homeTrash = {});

    // $XDG_DATA_HOME/Trash, or ~/.local/share/Trash.
    static std::filesystem::path homeTrashFolder();

    // Puts a second copy of `original` into the Trash (a hard link when the trash is on its disk), with its
    // .trashinfo, and syncs both. The original stays. Errors name the trash folder and the cause.
    Expected<TrashEntry> keep(const std::filesystem::path& original) const;

    // Removes an entry whose replacement did not happen (the original is still in place).
    static void discard(const TrashEntry& entry);

    // Puts an entry's file back at `to` and removes its .trashinfo; replaces a file at `to` only when
    // `replace`.
    static Status restore(const TrashEntry& entry, const std::filesystem::path& to, bool replace);

private:
    std::filesystem::path home_;
};

}  // namespace imgopt
