#pragma once
// Which share of a sharded job a file belongs to (--shard K/N, docs/scale-out.md). The key is the file's path
// relative to the folder it was dropped with (its name alone for a dropped file), so the partition is the
// same on every machine, whatever the mount point, and the same from run to run. Pure functions.

#include <filesystem>

#include "imgopt/options.hpp"

namespace imgopt {

std::string shardKey(const std::filesystem::path& path, const std::filesystem::path& root);
// 1..count: XXH3-64 of the key (its UTF-8/byte string with '/' separators), modulo count.
int shardOf(const std::filesystem::path& path, const std::filesystem::path& root, int count);
bool inShard(const std::filesystem::path& path, const std::filesystem::path& root, const Shard& shard);

}  // namespace imgopt
