#include "containment.hpp"

#include <fmt/format.h>

namespace fs = std::filesystem;

namespace imgopt {
namespace {

bool inside(const fs::path& path, const fs::path& root) {
    const auto rel = path.lexically_relative(root);
    return !rel.empty() && *rel.begin() != "..";
}

fs::path resolved(const fs::path& p) {
    std::error_code ec;
    auto r = fs::weakly_canonical(p, ec);
    return ec ? p.lexically_normal() : r;
}

}  // namespace

fs::path outputRoot(const ScanItem& item, const Options& options) {
    if (options.outputMode == OutputMode::OutputDir)
        return fs::absolute(options.outputDir).lexically_normal();
    return item.root.empty() ? item.path.parent_path() : item.root;
}

Status checkContained(const fs::path& output, const fs::path& root) {
    const fs::path realRoot = resolved(root);
    const fs::path folder = output.parent_path();
    if (inside(resolved(folder), realRoot)) return {};
    // Name the first link on the way from the root that leads out.
    fs::path walk = root;
    const fs::path rel = folder.lexically_relative(root);
    if (!rel.empty() && *rel.begin() != "..") {
        for (const auto& part : rel) {
            walk /= part;
            std::error_code ec;
            if (!fs::is_symlink(fs::symlink_status(walk, ec))) continue;
            const fs::path target = resolved(walk);
            if (inside(target, realRoot)) continue;
            return fail(
                ErrorCode::OutputFailed,
                fmt::format("the output folder {} is a link to {}, outside {}; nothing is written through it",
                            walk.string(), target.string(), root.string()));
        }
    }
    return fail(ErrorCode::OutputFailed,
                fmt::format("the output {} would land outside {}; nothing is written there", output.string(),
                            root.string()));
}

}  // namespace imgopt
