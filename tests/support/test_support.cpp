#include "test_support.hpp"

#include <glib.h>
#include <sys/mount.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <stdexcept>

namespace imgopt::test {

TempDir::TempDir(const std::string& tag) {
    std::string templ = (fs::temp_directory_path() / (tag + "-XXXXXX")).string();
    if (!mkdtemp(templ.data())) throw std::runtime_error("mkdtemp failed for " + templ);
    path_ = fs::path(templ);
}

TempDir::~TempDir() {
    std::error_code ec;
    // Restore write permission first so that read-only copies and folders can be removed.
    for (auto it = fs::recursive_directory_iterator(path_, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        std::error_code ignore;
        if (it->is_directory(ignore) && !it->is_symlink(ignore))
            fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ignore);
    }
    fs::remove_all(path_, ec);
}

TmpfsMount::TmpfsMount(const fs::path& dir, std::size_t bytes) : dir_(dir), bytes_(bytes) {
    fs::create_directories(dir);
    const std::string options = "size=" + std::to_string(bytes);
    if (::mount("tmpfs", dir.c_str(), "tmpfs", 0, options.c_str()) == 0)
        mounted_ = true;
    else
        error_ = std::string("cannot mount a tmpfs (needs root): ") + std::strerror(errno);
}

TmpfsMount::~TmpfsMount() {
    if (mounted_) ::umount2(dir_.c_str(), MNT_DETACH);
}

bool TmpfsMount::remountReadOnly() {
    const std::string options = "size=" + std::to_string(bytes_);
    return mounted_ && ::mount("tmpfs", dir_.c_str(), "tmpfs", MS_REMOUNT | MS_RDONLY, options.c_str()) == 0;
}

std::string sha256File(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return {};
    GChecksum* sum = g_checksum_new(G_CHECKSUM_SHA256);
    char buf[1 << 16];
    while (in) {
        in.read(buf, sizeof buf);
        if (in.gcount() > 0) g_checksum_update(sum, reinterpret_cast<const guchar*>(buf), in.gcount());
    }
    std::string hex = g_checksum_get_string(sum);
    g_checksum_free(sum);
    return hex;
}

std::map<std::string, std::string> hashTree(const fs::path& root) {
    std::map<std::string, std::string> out;
    for (const auto& rel : listFiles(root)) out[rel] = sha256File(root / rel);
    return out;
}

void copyFileWritable(const fs::path& from, const fs::path& to) {
    fs::create_directories(to.parent_path());
    fs::copy_file(from, to, fs::copy_options::overwrite_existing);
    fs::permissions(
        to, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read);
}

void copyTree(const fs::path& from, const fs::path& to) {
    fs::create_directories(to);
    for (const auto& e : fs::recursive_directory_iterator(from)) {
        const auto rel = fs::relative(e.path(), from);
        if (e.is_directory())
            fs::create_directories(to / rel);
        else if (e.is_regular_file())
            copyFileWritable(e.path(), to / rel);
    }
}

std::vector<std::string> listFiles(const fs::path& root) {
    std::vector<std::string> out;
    std::error_code ec;
    if (!fs::exists(root, ec)) return out;
    for (const auto& e : fs::recursive_directory_iterator(root, ec))
        if (e.is_regular_file() && !e.is_symlink())
            out.push_back(fs::relative(e.path(), root).generic_string());
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::string> leftoverTemps(const fs::path& root) {
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& e : fs::recursive_directory_iterator(root, ec)) {
        const auto name = e.path().filename().string();
        if (name.rfind(".imgopt-", 0) == 0) out.push_back(fs::relative(e.path(), root).generic_string());
    }
    return out;
}

void writeText(const fs::path& file, const std::string& text) {
    fs::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << text;
}

std::string readText(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void writeBytes(const fs::path& file, const std::vector<unsigned char>& bytes) {
    fs::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
}

std::vector<unsigned char> randomBytes(std::size_t n, std::uint32_t seed) {
    std::mt19937 rng(seed);
    std::vector<unsigned char> out(n);
    for (auto& b : out) b = static_cast<unsigned char>(rng() & 0xff);
    return out;
}

fs::path corpusDir() {
#ifdef IMGOPT_CORPUS_DIR
    return fs::path(IMGOPT_CORPUS_DIR).lexically_normal();
#else
    return {};
#endif
}

bool haveCorpus() {
    std::error_code ec;
    const auto dir = corpusDir();
    return !dir.empty() && fs::is_directory(dir, ec) && fs::exists(dir / "README.md", ec);
}

fs::path cliPath() {
#ifdef IMGOPT_CLI_PATH
    return fs::path(IMGOPT_CLI_PATH);
#else
    return {};
#endif
}

}  // namespace imgopt::test
