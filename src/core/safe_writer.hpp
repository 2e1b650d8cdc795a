#pragma once
// Stage 6, write: every output is first written to a temporary file in its target folder, verified, then
// renamed into place. A TempFile that is not committed removes itself, so a failed or cancelled task leaves
// nothing behind. Thread-safe: no shared state; names are unique per process and call.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <vector>

#include "imgopt/format.hpp"
#include "imgopt/result.hpp"

namespace imgopt {

class TempFile {
public:
    // Creates (exclusively) a hidden temporary file in `folder`, making the folder if needed.
    static Expected<TempFile> create(const std::filesystem::path& folder);
    ~TempFile();
    TempFile(TempFile&& other) noexcept;
    TempFile& operator=(TempFile&&) = delete;
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;

    const std::filesystem::path& path() const { return path_; }
    // Writes `bytes` as the file's whole content. With `sync`, the data reaches the disk before this returns
    // (used before an original is replaced). Errors say what the disk said: NoSpace, ReadOnly, OutputFailed.
    Status write(const std::vector<std::uint8_t>& bytes, bool sync);
    // Atomically renames onto `target`; replaces it only when `replace` is true.
    Status commit(const std::filesystem::path& target, bool replace);

    static bool isTempName(const std::filesystem::path& p);

private:
    TempFile() = default;

    std::filesystem::path path_;
    std::vector<std::filesystem::path> createdFolders_;  // made by this file, deepest first
    bool committed_ = false;
};

// Reads the header of an encoder's output (in memory, before it is written): the expected format and
// dimensions (of one frame, for an animation).
Status verifyEncoded(const std::vector<std::uint8_t>& bytes, ImageFormat expected, int width, int height);

// Decodes every pixel of a written file: the check before an original is replaced.
Status verifyDecodes(const std::filesystem::path& file);

// Copies `source` into a temp file beside `target` and commits it (the kept-original copy). `beforeCommit`
// sees the finished temp file just before the rename (to set its times, and record it).
Status copyIntoPlace(const std::filesystem::path& source, const std::filesystem::path& target, bool replace,
                     const std::function<void(const std::filesystem::path& temp)>& beforeCommit = {});

// Copies the modification time of `from` onto `to`; best effort.
void copyModificationTime(const std::filesystem::path& from, const std::filesystem::path& to);

// Copies the permission bits of `from` onto `to`; best effort.
void copyPermissions(const std::filesystem::path& from, const std::filesystem::path& to);

// Makes a folder's entries durable (fsync on the folder) after a file in it was created, renamed or
// removed; best effort, as some file systems cannot sync a folder.
void syncFolder(const std::filesystem::path& folder);

// Makes the folder (and parents).
Status ensureFolder(const std::filesystem::path& folder);

std::uint64_t fileSize(const std::filesystem::path& p);
// Whether anything is at `p`, a dangling symlink included (it still takes the name).
bool existsOnDisk(const std::filesystem::path& p);

}  // namespace imgopt
