#include "trash.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iterator>
#include <optional>
#include <vector>

#include "safe_writer.hpp"

namespace fs = std::filesystem;

namespace imgopt {
namespace {

std::optional<dev_t> deviceOf(fs::path p) {
    struct stat st {};
    for (; !p.empty(); p = p.parent_path()) {
        if (::stat(p.c_str(), &st) == 0) return st.st_dev;
        if (p == p.parent_path()) break;
    }
    return std::nullopt;
}

// The mount point of the file system `folder` is on: the last folder upwards with the same device.
fs::path topDir(const fs::path& folder) {
    struct stat st {};
    if (::stat(folder.c_str(), &st) != 0) return folder;
    fs::path top = folder;
    for (fs::path up = folder.parent_path(); up != top; top = up, up = up.parent_path()) {
        struct stat parent {};
        if (::stat(up.c_str(), &parent) != 0 || parent.st_dev != st.st_dev) break;
    }
    return top;
}

// The trash folders are the user's alone (mode 0700, as the specification asks); their parents are made
// with the usual permissions.
bool makePrivateFolder(const fs::path& folder) {
    std::error_code ec;
    fs::create_directories(folder.parent_path(), ec);
    if (::mkdir(folder.c_str(), 0700) != 0 && errno != EEXIST) return false;
    struct stat st {};
    return ::lstat(folder.c_str(), &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == ::getuid();
}

// The trash on `original`'s own mount other than the home trash, as the specification orders them;
// empty when neither can be used.
fs::path topdirTrash(const fs::path& top) {
    const std::string uid = std::to_string(::getuid());
    struct stat st {};
    const fs::path shared = top / ".Trash";
    if (::lstat(shared.c_str(), &st) == 0 && S_ISDIR(st.st_mode) && (st.st_mode & S_ISVTX) &&
        makePrivateFolder(shared / uid))
        return shared / uid;
    const fs::path own = top / (".Trash-" + uid);
    return makePrivateFolder(own) ? own : fs::path();
}

// RFC 2396 escaping of a path for the Path= key: everything but unreserved characters and '/'.
std::string escaped(const std::string& path) {
    std::string out;
    for (unsigned char c : path) {
        if (std::isalnum(c) || std::strchr("-_.~/!*'()", c))
            out += char(c);
        else
            out += fmt::format("%{:02X}", c);
    }
    return out;
}

std::string deletionDate() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    ::localtime_r(&now, &local);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &local);
    return text;
}

Unexpected<Error> trashError(const fs::path& trash, const std::string& what, int err) {
    return fail(ErrorCode::OutputFailed,
                fmt::format("cannot put the original into the Trash ({}): {}: {}; the "
                            "original is untouched",
                            trash.string(), what, std::strerror(err)));
}

// Writes and syncs the .trashinfo at `info`, which the caller made with O_EXCL as `fd`.
bool writeInfo(int fd, const std::string& pathValue) {
    const std::string text =
        fmt::format("[Trash Info]\nPath={}\nDeletionDate={}\n", escaped(pathValue), deletionDate());
    const bool ok = ::write(fd, text.data(), text.size()) == ssize_t(text.size()) && ::fsync(fd) == 0;
    return ::close(fd) == 0 && ok;
}

// rename() that never replaces; file systems without RENAME_NOREPLACE get link() and unlink().
int moveNoReplace(const fs::path& from, const fs::path& to) {
    if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return 0;
    if (errno != EINVAL && errno != ENOSYS) return -1;
    if (::link(from.c_str(), to.c_str()) != 0) return -1;
    ::unlink(from.c_str());
    return 0;
}

// A copy of `original` at `target`, written through a synced temp file; replaces `target` only when asked.
Status copyInto(const fs::path& original, const fs::path& target, bool replace) {
    std::ifstream in(original, std::ios::binary);
    std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.eof() && in.fail())
        return fail(ErrorCode::InputUnreadable, "cannot read the original to copy it");
    auto tmp = TempFile::create(target.parent_path());
    if (!tmp) return Unexpected(std::move(tmp).error());
    if (auto w = tmp->write(bytes, true); !w) return w;
    copyModificationTime(original, tmp->path());
    copyPermissions(original, tmp->path());
    return tmp->commit(target, replace);
}

// Reserves NAME in `trash` and puts `original` there under it.
Expected<TrashEntry> enter(const fs::path& trash, const fs::path& original, const std::string& pathValue,
                           bool link) {
    const fs::path files = trash / "files", info = trash / "info";
    if (!makePrivateFolder(trash) || !makePrivateFolder(files) || !makePrivateFolder(info))
        return trashError(trash, "cannot make its folders", errno);
    const std::string stem = original.stem().string(), ext = original.extension().string();
    for (int n = 1; n < 10'000; ++n) {
        const std::string name = n == 1 ? original.filename().string() : fmt::format("{}.{}{}", stem, n, ext);
        TrashEntry e{files / name, info / (name + ".trashinfo")};
        const int fd = ::open(e.info.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
        if (fd < 0 && errno == EEXIST) continue;
        if (fd < 0) return trashError(trash, "cannot write its info file", errno);
        if (!writeInfo(fd, pathValue)) {
            const int err = errno;
            ::unlink(e.info.c_str());
            return trashError(trash, "cannot write its info file", err);
        }
        bool taken = false;
        Status placed;
        if (link && ::link(original.c_str(), e.file.c_str()) != 0) {
            taken = errno == EEXIST;
            placed = trashError(trash, "cannot link the original", errno);
        } else if (!link) {
            taken = existsOnDisk(e.file);
            if (!taken) placed = copyInto(original, e.file, false);
        }
        if (placed && !taken) {
            syncFolder(info);
            syncFolder(files);
            return e;
        }
        ::unlink(e.info.c_str());
        if (!taken) return Unexpected(std::move(placed).error());
    }
    return trashError(trash, "no free name", EEXIST);
}

}  // namespace

Trash::Trash(fs::path homeTrash) : home_(homeTrash.empty() ? homeTrashFolder() : std::move(homeTrash)) {}

fs::path Trash::homeTrashFolder() {
    if (const char* data = std::getenv("XDG_DATA_HOME"); data && *data == '/')
        return fs::path(data) / "Trash";
    const char* home = std::getenv("HOME");
    return fs::path(home && *home ? home : "/") / ".local/share/Trash";
}

Expected<TrashEntry> Trash::keep(const fs::path& original) const {
    const fs::path folder = original.parent_path();
    const auto dev = deviceOf(folder);
    if (dev && deviceOf(home_) == dev) {
        if (auto entry = enter(home_, original, original.string(), true)) return entry;
    } else if (const fs::path top = topDir(folder), trash = topdirTrash(top); !trash.empty()) {
        if (auto entry = enter(trash, original, original.lexically_relative(top).string(), true))
            return entry;
    }
    // No trash on the original's disk, or no hard links there: a copy in the home trash keeps the promise,
    // at the cost of the copy.
    return enter(home_, original, original.string(), false);
}

void Trash::discard(const TrashEntry& entry) {
    ::unlink(entry.file.c_str());
    ::unlink(entry.info.c_str());
}

Status Trash::restore(const TrashEntry& entry, const fs::path& to, bool replace) {
    int rc = replace ? ::rename(entry.file.c_str(), to.c_str()) : moveNoReplace(entry.file, to);
    if (rc != 0 && errno == EXDEV) {
        // A copy that went to the home trash on another disk comes back as a copy.
        if (auto copied = copyInto(entry.file, to, replace); !copied) return copied;
        ::unlink(entry.file.c_str());
        rc = 0;
    }
    if (rc != 0)
        return fail(ErrorCode::OutputFailed, fmt::format("cannot move {} back to {}: {}", entry.file.string(),
                                                         to.string(), std::strerror(errno)));
    ::unlink(entry.info.c_str());
    syncFolder(to.parent_path());
    return {};
}

}  // namespace imgopt
