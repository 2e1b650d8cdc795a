#include "scanner.hpp"

#include <fmt/format.h>
#include <xxhash.h>

#include <algorithm>

#include "safe_writer.hpp"
#include "shard.hpp"

namespace fs = std::filesystem;

namespace imgopt {
namespace {

bool isHidden(const fs::path& p) {
    const auto name = p.filename().string();
    return !name.empty() && name[0] == '.' && name != "." && name != "..";
}

// A file in a folder scan with no image extension is only taken when its content is an image we read.
bool contentIsImage(const fs::path& p) { return formatFromFileContent(p) != ImageFormat::Unknown; }

// The folder's entries, sorted by name. Iterating can fail half-way (the folder vanishes, a permission
// changes); then the folder is reported as unreadable rather than half-listed.
Expected<std::vector<fs::directory_entry>> listFolder(const fs::path& dir) {
    const auto unreadable = [&](const std::error_code& ec) {
        return fail(ErrorCode::InputUnreadable,
                    fmt::format("cannot read folder {}: {}", dir.string(), ec.message()));
    };
    std::error_code ec;
    fs::directory_iterator iter(dir, fs::directory_options::skip_permission_denied, ec);
    if (ec) return unreadable(ec);
    std::vector<fs::directory_entry> entries;
    for (; iter != fs::directory_iterator(); iter.increment(ec)) {
        if (ec) return unreadable(ec);
        entries.push_back(*iter);
    }
    if (ec) return unreadable(ec);
    std::sort(entries.begin(), entries.end(),
              [](const auto& a, const auto& b) { return a.path().filename() < b.path().filename(); });
    return entries;
}

}  // namespace

Scanner::Scanner(const Options& options, std::optional<Shard> shard) : options_(options), shard_(shard) {}

bool Scanner::counts(const fs::path& path, const fs::path& root) const {
    return !shard_ || inShard(path, root, *shard_);
}

bool Scanner::isOwnOutputDir(const fs::path& dir) const {
    if (dir.filename() == kOptimizedFolderName) return true;
    if (options_.outputMode == OutputMode::OutputDir && !options_.outputDir.empty()) {
        std::error_code ec;
        const auto out = fs::weakly_canonical(options_.outputDir, ec);
        if (!ec && fs::weakly_canonical(dir, ec) == out) return true;
    }
    return false;
}

bool Scanner::admit(const fs::path& path, const fs::path& root, bool explicitFile,
                    const std::function<void(ScanItem)>& onItem) {
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(path, ec);
    const fs::path key = ec ? path : canonical;
    if (!seen_.insert(XXH3_64bits(key.native().data(), key.native().size())).second) {
        if (counts(path, root)) ++summary_.duplicates;
        return false;
    }
    if (!explicitFile && !hasImageExtension(path) && !contentIsImage(path)) {
        if (counts(path, root)) ++summary_.notImages;
        return false;
    }
    ScanItem item;
    item.id = nextId_++;
    item.path = path;
    item.root = root;
    item.bytes = fs::file_size(path, ec);
    if (ec) item.bytes = 0;
    if (counts(path, root)) ++summary_.files;
    onItem(std::move(item));
    return true;
}

void Scanner::scanFolder(const fs::path& root, const std::function<void(ScanItem)>& onItem,
                         const CancelToken* cancel) {
    std::error_code ec;
    const fs::path canonicalRoot = fs::weakly_canonical(root, ec);
    // Explicit stack, sorted entries: stable order, and no recursion depth limit on deep trees.
    std::vector<fs::path> stack{root};
    std::vector<fs::path> visitedDirs;
    while (!stack.empty()) {
        if (cancel && cancel->cancelled()) return;
        const fs::path dir = stack.back();
        stack.pop_back();
        const fs::path realDir = fs::weakly_canonical(dir, ec);
        // A symlinked folder is followed only when it stays inside the dropped root and was not seen before,
        // which rules out loops.
        const auto realStr = realDir.string();
        const auto rootStr = canonicalRoot.string();
        if (realStr != rootStr && realStr.rfind(rootStr + "/", 0) != 0) continue;
        if (std::find(visitedDirs.begin(), visitedDirs.end(), realDir) != visitedDirs.end()) continue;
        visitedDirs.push_back(realDir);

        auto entries = listFolder(dir);
        if (!entries) {
            summary_.errors.push_back(entries.error().message);
            continue;
        }
        std::vector<fs::path> subdirs;
        for (const auto& e : *entries) {
            const fs::path& p = e.path();
            if (isHidden(p) && !options_.includeHidden) {
                if (!TempFile::isTempName(p) && counts(p, root)) ++summary_.hiddenSkipped;
                continue;
            }
            if (TempFile::isTempName(p)) continue;
            if (e.is_directory(ec)) {
                if (!isOwnOutputDir(p)) subdirs.push_back(p);
            } else if (e.is_regular_file(ec)) {
                if (e.is_symlink(ec)) {
                    const fs::path target = fs::weakly_canonical(p, ec);
                    if (target.string().rfind(rootStr + "/", 0) != 0) continue;  // never leave the root
                }
                admit(p, root, false, onItem);
            }
        }
        // Reverse so that popping from the back visits folders in name order.
        for (auto it = subdirs.rbegin(); it != subdirs.rend(); ++it) stack.push_back(*it);
    }
}

ScanSummary Scanner::scan(const std::vector<fs::path>& inputs, const std::function<void(ScanItem)>& onItem,
                          const CancelToken* cancel) {
    summary_ = {};
    for (const auto& raw : inputs) {
        if (cancel && cancel->cancelled()) break;
        std::error_code ec;
        fs::path clean = fs::absolute(raw, ec).lexically_normal();
        if (ec) clean = raw.lexically_normal();
        if (clean.filename().empty()) clean = clean.parent_path();  // "dir/" -> "dir"
        const auto st = fs::status(clean, ec);
        // A missing or odd path still becomes a task, so it gets its own per-file error like any bad input.
        if (!ec && fs::is_directory(st))
            scanFolder(clean, onItem, cancel);
        else
            admit(clean, {}, true, onItem);
    }
    return summary_;
}

}  // namespace imgopt
