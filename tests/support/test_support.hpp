#pragma once
// Test helpers: temporary folders, file hashes, tree copies and paths the build passes in.

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace imgopt::test {

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

fs::path corpusDir();   // IMGOPT_CORPUS_DIR, normalised
bool haveCorpus();
fs::path cliPath();     // IMGOPT_CLI_PATH

}  // namespace imgopt::test
