#pragma once
// Helpers for the end-to-end tests: run the CLI, read its JSON report, look up file entries.

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "image_factory.hpp"
#include "process.hpp"
#include "test_support.hpp"

namespace imgopt::test {

using nlohmann::json;

inline std::string describe(const ProcessResult& r) {
    return "exit " + std::to_string(r.exitCode) + " (signal " + std::to_string(r.signal) + ")\n--- stdout\n" +
           r.out.substr(0, 4000) + "\n--- stderr\n" + r.err.substr(0, 4000);
}

inline json loadJson(const fs::path& file) {
    std::ifstream in(file);
    if (!in) {
        ADD_FAILURE() << "no report at " << file;
        return json::object();
    }
    try {
        return json::parse(in);
    } catch (const std::exception& e) {
        ADD_FAILURE() << "report " << file << " is not JSON: " << e.what();
        return json::object();
    }
}

// The report's file entries keyed by the input's path relative to `base` (generic form).
inline std::map<std::string, json> entriesByInput(const json& report, const fs::path& base) {
    std::map<std::string, json> out;
    if (!report.contains("files")) return out;
    for (const auto& f : report["files"]) {
        const fs::path in = f.value("input", std::string());
        out[in.lexically_relative(base).generic_string()] = f;
    }
    return out;
}

inline std::string str(const json& j, const char* key) {
    return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

inline bool isSuccess(const json& entry) {
    const auto s = str(entry, "status");
    return s == "optimized" || s == "kept-original";
}

inline std::string lowerCase(std::string s) {
    for (auto& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// The 4-byte major brand of an ISO-BMFF (HEIF/AVIF) file.
inline std::string isoBrand(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    char head[12] = {};
    in.read(head, 12);
    return std::string(head + 8, 4);
}

}  // namespace imgopt::test
