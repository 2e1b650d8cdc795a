#include "shard.hpp"

#include <xxhash.h>

namespace imgopt {

std::string shardKey(const std::filesystem::path& path, const std::filesystem::path& root) {
    if (root.empty()) return path.filename().generic_string();
    return path.lexically_relative(root).generic_string();
}

int shardOf(const std::filesystem::path& path, const std::filesystem::path& root, int count) {
    if (count <= 1) return 1;
    const std::string key = shardKey(path, root);
    return int(XXH3_64bits(key.data(), key.size()) % std::uint64_t(count)) + 1;
}

bool inShard(const std::filesystem::path& path, const std::filesystem::path& root, const Shard& shard) {
    return shardOf(path, root, shard.count) == shard.index;
}

}  // namespace imgopt
