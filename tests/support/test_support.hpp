#pragma once
// Test helpers: temporary folders, file hashes, tree copies and paths the build passes in.

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <ostream>
#include <string>
#include <type_traits>
#include <vector>

#include "imgopt/result.hpp"

namespace imgopt {
// gtest prints these in failure messages.
inline void PrintTo(const Error& e, std::ostream* os) { *os << toString(e.code) << ": " << e.message; }
template <class T, class E>
void PrintTo(const Expected<T, E>& x, std::ostream* os) {
    if (x.has_value())
        *os << "a value";
    else
        *os << "an error (" << ::testing::PrintToString(x.error()) << ")";
}
}  // namespace imgopt

namespace imgopt::test {

// The message of a failed result, or "" when it succeeded: lets a test assert on the text it expects.
template <class T, class E>
std::string errorText(const Expected<T, E>& x) {
    if (x.has_value()) return {};
    if constexpr (std::is_same_v<E, Error>)
        return x.error().message;
    else
        return x.error().error.message;
}

// The value of a result that should succeed; otherwise a test failure with its message, and an empty value.
template <class T>
T valueOrFail(Expected<T> x) {
    if (x) return std::move(*x);
    ADD_FAILURE() << x.error().message;
    return T{};
}

namespace fs = std::filesystem;

// A fresh folder under the system temp dir, removed (with everything in it) when the object dies.
class TempDir {
public:
    explicit TempDir(const std::string& tag = "imgopt-test");
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const fs::path& path() const { return path_; }
    fs::path operator/(const fs::path& p) const { return path_ / p; }

private:
    fs::path path_;
};

// A tmpfs of `bytes` mounted on `dir` (made if needed) while the object lives: a small disk to fill, or a
// second file system. Needs root (CAP_SYS_ADMIN); when mounting is refused, mounted() is false and error()
// says why, for the test's skip message. Declare it after the TempDir that holds `dir`.
class TmpfsMount {
public:
    TmpfsMount(const fs::path& dir, std::size_t bytes);
    ~TmpfsMount();
    TmpfsMount(const TmpfsMount&) = delete;
    TmpfsMount& operator=(const TmpfsMount&) = delete;

    bool mounted() const { return mounted_; }
    const std::string& error() const { return error_; }
    // Makes the file system read-only (as a disk mounted read-only is); false when refused.
    bool remountReadOnly();

private:
    fs::path dir_;
    std::size_t bytes_ = 0;
    bool mounted_ = false;
    std::string error_;
};

// Lower-case hex SHA-256 of a file's bytes ("" when unreadable).
std::string sha256File(const fs::path& file);
// Relative path -> SHA-256 of every regular file under `root`.
std::map<std::string, std::string> hashTree(const fs::path& root);

// Copies a tree; copies are owner-writable (the corpus is read-only) so the run can write beside them.
void copyTree(const fs::path& from, const fs::path& to);
void copyFileWritable(const fs::path& from, const fs::path& to);

// Every regular file under `root` (recursive), relative, sorted.
std::vector<std::string> listFiles(const fs::path& root);
// Files whose name is one of our temporaries (".imgopt-" prefix) anywhere under `root`.
std::vector<std::string> leftoverTemps(const fs::path& root);

void writeText(const fs::path& file, const std::string& text);
std::string readText(const fs::path& file);
void writeBytes(const fs::path& file, const std::vector<unsigned char>& bytes);
std::vector<unsigned char> randomBytes(std::size_t n, std::uint32_t seed);

fs::path corpusDir();  // IMGOPT_CORPUS_DIR, normalised
bool haveCorpus();
fs::path cliPath();  // IMGOPT_CLI_PATH

}  // namespace imgopt::test
