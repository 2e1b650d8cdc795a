#pragma once
// A JPEG's own quality, read from its quantisation tables (DQT) without decoding: the tables are compared
// with the standard ones (ITU-T T.81 Annex K) scaled the way libjpeg scales them for each quality 1..100, and
// the nearest quality wins. The search never encodes a JPEG above it (quality_search.cpp). Also reads whether
// the chroma was subsampled (SOF sampling factors), so a re-encode keeps full chroma when the source had it.
// Thread-safe: pure functions.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>

namespace imgopt {

struct JpegTables {
    int quality = 0;     // 1..100, the nearest libjpeg quality
    bool exact = false;  // the tables are exactly libjpeg's for that quality
};

// The estimate from the file's header (only the bytes before the scan are read); nullopt when the file holds
// no quantisation table (not a JPEG, damaged, or unreadable).
std::optional<JpegTables> estimateJpegQuality(const std::filesystem::path& file);
// The same from the file's bytes (its start is enough: everything up to the first scan).
std::optional<JpegTables> estimateJpegQuality(std::span<const std::uint8_t> bytes);

}  // namespace imgopt
