#include "imgopt/safe_writer.hpp"

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vips/vips8>

#include "imgopt/header_reader.hpp"
#include "imgopt/vips_runtime.hpp"

namespace fs = std::filesystem;

namespace imgopt {
namespace {
constexpr std::string_view kTempPrefix = ".imgopt-";
std::atomic<unsigned> g_counter{0};
}  // namespace

TempFile::TempFile(const fs::path& folder) {
    // O_EXCL makes the name ours even if another process picked the same one.
    for (int attempt = 0; attempt < 100; ++attempt) {
        const auto name = fmt::format("{}{}-{}-{}.tmp", kTempPrefix, ::getpid(), g_counter.fetch_add(1), attempt);
        const auto candidate = folder / name;
        int fd = ::open(candidate.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0644);
        if (fd < 0 && errno == ENOENT) {
            // The folder is made only now, when a file is about to go into it, and may have been removed
            // by a failing task's clean-up in between.
            std::error_code ec;
            for (fs::path p = folder; !p.empty() && !fs::exists(p, ec) && p != p.parent_path(); p = p.parent_path())
                createdFolders_.push_back(p);
            fs::create_directories(folder, ec);
            fd = ::open(candidate.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0644);
        }
        if (fd >= 0) {
            ::close(fd);
            path_ = candidate;
            return;
        }
        if (errno != EEXIST) throw std::runtime_error(fmt::format("cannot create a file in {}: {}", folder.string(),
                                                                  std::strerror(errno)));
    }
    throw std::runtime_error("cannot find a free temporary file name in " + folder.string());
}

TempFile::~TempFile() {
    if (!committed_ && !path_.empty()) {
        ::unlink(path_.c_str());
        // Folders made for this file go too, deepest first; rmdir() leaves any that another task now uses.
        for (const auto& folder : createdFolders_) ::rmdir(folder.c_str());
    }
}

std::string TempFile::commit(const fs::path& target, bool replace) {
    if (replace) {
        if (::rename(path_.c_str(), target.c_str()) != 0)
            return fmt::format("cannot move the output into place: {}", std::strerror(errno));
    } else if (::renameat2(AT_FDCWD, path_.c_str(), AT_FDCWD, target.c_str(), RENAME_NOREPLACE) != 0) {
        // No-clobber rename, so a file that appeared meanwhile is never replaced. Filesystems without
        // RENAME_NOREPLACE get link(), which also fails on an existing target.
        if (errno == EEXIST) return "the output file appeared meanwhile; left it untouched";
        if (errno != EINVAL && errno != ENOSYS)
            return fmt::format("cannot move the output into place: {}", std::strerror(errno));
        if (::link(path_.c_str(), target.c_str()) != 0)
            return errno == EEXIST ? std::string("the output file appeared meanwhile; left it untouched")
                                   : fmt::format("cannot move the output into place: {}", std::strerror(errno));
        ::unlink(path_.c_str());
    }
    committed_ = true;
    return {};
}

bool TempFile::isTempName(const fs::path& p) {
    const auto name = p.filename().string();
    return name.rfind(kTempPrefix, 0) == 0 && name.size() > 4 && name.ends_with(".tmp");
}

VerifyOutcome verifyOutput(const fs::path& file, ImageFormat expected, int width, int height, bool fullDecode) {
    auto header = readHeader(file);
    if (auto* err = std::get_if<HeaderError>(&header))
        return {false, "the written file does not read back: " + err->message};
    const auto& h = std::get<ImageHeader>(header);
    if (h.format != expected)
        return {false, fmt::format("the written file reads back as {}, not {}", formatInfo(h.format).name,
                                   formatInfo(expected).name)};
    const int pageHeight = h.pages > 1 && h.height % h.pages == 0 ? h.height / h.pages : h.height;
    if (h.width != width || (h.height != height && pageHeight != height))
        return {false, fmt::format("the written file is {}x{}, expected {}x{}", h.width, h.height, width, height)};
    if (fullDecode) {
        try {
            auto image = vips::VImage::new_from_file(
                file.c_str(), vips::VImage::option()->set("access", VIPS_ACCESS_SEQUENTIAL)->set("fail_on",
                                                                                               VIPS_FAIL_ON_WARNING));
            (void)image.avg();
        } catch (const vips::VError&) {
            const auto detail = takeVipsErrorFor({file.string()});
            return {false, "the written file does not decode" + (detail.empty() ? "" : ": " + detail)};
        }
    }
    return {true, {}};
}

std::string copyIntoPlace(const fs::path& source, const fs::path& target, bool replace) {
    try {
        TempFile tmp(target.parent_path());
        std::error_code ec;
        fs::copy_file(source, tmp.path(), fs::copy_options::overwrite_existing, ec);
        if (ec) return fmt::format("cannot copy the original: {}", ec.message());
        return tmp.commit(target, replace);
    } catch (const std::exception& e) {
        return e.what();
    }
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

std::string ensureFolder(const fs::path& folder) {
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec) return fmt::format("cannot create folder {}: {}", folder.string(), ec.message());
    return {};
}

std::uint64_t fileSize(const fs::path& p) {
    std::error_code ec;
    const auto n = fs::file_size(p, ec);
    return ec ? 0 : n;
}

}  // namespace imgopt
