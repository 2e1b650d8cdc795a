#include "safe_writer.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <utility>
#include <vips/vips8>

#include "header_reader.hpp"

namespace fs = std::filesystem;

namespace imgopt {
namespace {
constexpr std::string_view kTempPrefix = ".imgopt-";
std::atomic<unsigned> g_counter{0};

// The disk's own words for a failed write, so that a full disk is never reported as a damaged image.
Unexpected<Error> writeError(int err, const fs::path& file) {
    const std::string folder = file.parent_path().string();
    switch (err) {
        case ENOSPC:
        case EDQUOT:
            return fail(ErrorCode::NoSpace, fmt::format("no space left on the output disk ({})", folder));
        case EROFS:
        case EACCES:
        case EPERM:
            return fail(ErrorCode::ReadOnly, fmt::format("the output folder is read-only ({})", folder));
        default:
            return fail(ErrorCode::OutputFailed,
                        fmt::format("cannot write the output in {}: {}", folder, std::strerror(err)));
    }
}

}  // namespace

Expected<TempFile> TempFile::create(const fs::path& folder) {
    TempFile file;
    // O_EXCL makes the name ours even if another process picked the same one.
    for (int attempt = 0; attempt < 100; ++attempt) {
        const auto name =
            fmt::format("{}{}-{}-{}.tmp", kTempPrefix, ::getpid(), g_counter.fetch_add(1), attempt);
        const auto candidate = folder / name;
        int fd = ::open(candidate.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0644);
        if (fd < 0 && errno == ENOENT) {
            // The folder is made only now, when a file is about to go into it, and may have been removed
            // by a failing task's clean-up in between.
            std::error_code ec;
            for (fs::path p = folder; !p.empty() && !fs::exists(p, ec) && p != p.parent_path();
                 p = p.parent_path())
                file.createdFolders_.push_back(p);
            fs::create_directories(folder, ec);
            fd = ::open(candidate.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0644);
        }
        if (fd >= 0) {
            ::close(fd);
            file.path_ = candidate;
            return file;
        }
        if (errno != EEXIST) return writeError(errno, candidate);
    }
    return fail(ErrorCode::OutputFailed, "cannot find a free temporary file name in " + folder.string());
}

Status TempFile::write(const std::vector<std::uint8_t>& bytes, bool sync) {
    const int fd = ::open(path_.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
    if (fd < 0) return writeError(errno, path_);
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const int err = n < 0 ? errno : EIO;
            ::close(fd);
            return writeError(err, path_);
        }
        done += std::size_t(n);
    }
    if (sync && ::fsync(fd) != 0) {
        const int err = errno;
        ::close(fd);
        return writeError(err, path_);
    }
    // A failing close can be the first sign of a full disk on network file systems.
    if (::close(fd) != 0) return writeError(errno, path_);
    return {};
}

TempFile::TempFile(TempFile&& other) noexcept
    : path_(std::exchange(other.path_, {})),
      createdFolders_(std::move(other.createdFolders_)),
      committed_(other.committed_) {}

TempFile::~TempFile() {
    if (!committed_ && !path_.empty()) {
        ::unlink(path_.c_str());
        // Folders made for this file go too, deepest first; rmdir() leaves any that another task now uses.
        for (const auto& folder : createdFolders_) ::rmdir(folder.c_str());
    }
}

Status TempFile::commit(const fs::path& target, bool replace) {
    const auto failed = [](int err) {
        if (err == EEXIST)
            return fail(ErrorCode::OutputFailed, "the output file appeared meanwhile; left it untouched");
        return fail(ErrorCode::OutputFailed,
                    fmt::format("cannot move the output into place: {}", std::strerror(err)));
    };
    if (replace) {
        if (::rename(path_.c_str(), target.c_str()) != 0) return failed(errno);
    } else if (::renameat2(AT_FDCWD, path_.c_str(), AT_FDCWD, target.c_str(), RENAME_NOREPLACE) != 0) {
        // No-clobber rename, so a file that appeared meanwhile is never replaced. Filesystems without
        // RENAME_NOREPLACE get link(), which also fails on an existing target.
        if (errno != EINVAL && errno != ENOSYS) return failed(errno);
        if (::link(path_.c_str(), target.c_str()) != 0) return failed(errno);
        ::unlink(path_.c_str());
    }
    committed_ = true;
    return {};
}

bool TempFile::isTempName(const fs::path& p) {
    const auto name = p.filename().string();
    return name.rfind(kTempPrefix, 0) == 0 && name.size() > 4 && name.ends_with(".tmp");
}

Status verifyEncoded(const std::vector<std::uint8_t>& bytes, ImageFormat expected, int width, int height) {
    const auto wrong = [](std::string message) { return fail(ErrorCode::OutputFailed, std::move(message)); };
    auto header = readHeader(bytes.data(), bytes.size());
    if (!header) return wrong("the encoded file does not read back: " + header.error().message);
    const auto& h = *header;
    if (h.format != expected)
        return wrong(fmt::format("the encoded file reads back as {}, not {}", formatInfo(h.format).name,
                                 formatInfo(expected).name));
    const int pageHeight = h.pages > 1 && h.height % h.pages == 0 ? h.height / h.pages : h.height;
    if (h.width != width || (h.height != height && pageHeight != height))
        return wrong(
            fmt::format("the encoded file is {}x{}, expected {}x{}", h.width, h.height, width, height));
    return {};
}

Status verifyDecodes(const fs::path& file) {
    if (auto decoded = decodesCompletely(file); !decoded)
        return fail(ErrorCode::OutputFailed, "the written file does not decode: " + decoded.error().message);
    return {};
}

Status copyIntoPlace(const fs::path& source, const fs::path& target, bool replace,
                     const std::function<void(const fs::path&)>& beforeCommit) {
    auto tmp = TempFile::create(target.parent_path());
    if (!tmp) return Unexpected(std::move(tmp).error());
    std::error_code ec;
    fs::copy_file(source, tmp->path(), fs::copy_options::overwrite_existing, ec);
    if (ec) return writeError(ec.value(), tmp->path());
    if (beforeCommit) beforeCommit(tmp->path());
    return tmp->commit(target, replace);
}

void copyModificationTime(const fs::path& from, const fs::path& to) {
    struct stat st {};
    if (::stat(from.c_str(), &st) != 0) return;
    const struct timespec times[2] = {st.st_atim, st.st_mtim};
    ::utimensat(AT_FDCWD, to.c_str(), times, 0);
}

void copyPermissions(const fs::path& from, const fs::path& to) {
    struct stat st {};
    if (::stat(from.c_str(), &st) == 0) ::chmod(to.c_str(), st.st_mode & 07777);
}

void syncFolder(const fs::path& folder) {
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

Status ensureFolder(const fs::path& folder) {
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec)
        return fail(ErrorCode::OutputFailed,
                    fmt::format("cannot create folder {}: {}", folder.string(), ec.message()));
    return {};
}

bool existsOnDisk(const fs::path& p) {
    std::error_code ec;
    return fs::exists(fs::symlink_status(p, ec));
}

std::uint64_t fileSize(const fs::path& p) {
    std::error_code ec;
    const auto n = fs::file_size(p, ec);
    return ec ? 0 : n;
}

}  // namespace imgopt
