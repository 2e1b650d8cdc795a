#include "imgopt/preset.hpp"

#include <fmt/format.h>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "imgopt/safe_writer.hpp"

namespace imgopt {
namespace {

using nlohmann::json;

template <typename T, typename Parse>
std::string readEnum(const json& j, const char* key, T& out, Parse parse) {
    if (!j.contains(key)) return {};
    if (!j[key].is_string()) return fmt::format("\"{}\" must be a string", key);
    auto v = parse(j[key].get<std::string>());
    if (!v) return fmt::format("\"{}\" has an unknown value \"{}\"", key, j[key].get<std::string>());
    out = *v;
    return {};
}

std::string readBool(const json& j, const char* key, bool& out) {
    if (!j.contains(key)) return {};
    if (!j[key].is_boolean()) return fmt::format("\"{}\" must be true or false", key);
    out = j[key].get<bool>();
    return {};
}

}  // namespace

std::string optionsToJson(const Options& o, int indent) {
    json q = json::object();
    for (const auto& [f, v] : o.formatQuality) q[std::string(formatInfo(f).name)] = v;
    json j = {{"format", toString(o.format)},
              {"quality", o.quality},
              {"formatQuality", q},
              {"resize", toString(o.resize)},
              {"metadata", toString(o.metadata)},
              {"keepDates", o.keepDates},
              {"outputMode", toString(o.outputMode)},
              {"outputDir", o.outputDir.string()},
              {"suffix", o.suffix},
              {"onConflict", toString(o.onConflict)},
              {"allowLarger", o.allowLarger},
              {"maxPixels", o.maxPixels},
              {"includeHidden", o.includeHidden},
              {"jobs", o.jobs}};
    return j.dump(indent, ' ', false, json::error_handler_t::replace);
}

std::string optionsFromJson(const std::string& text, Options& base) {
    json j;
    try {
        j = json::parse(text);
    } catch (const json::parse_error& e) {
        return fmt::format("not valid JSON: {}", e.what());
    }
    if (!j.is_object()) return "a preset must be a JSON object";
    Options o = base;  // applied only if every key is valid
    std::string err;
    if (!(err = readEnum(j, "format", o.format, parseOutputFormat)).empty()) return err;
    if (!(err = readEnum(j, "resize", o.resize, parseResize)).empty()) return err;
    if (!(err = readEnum(j, "metadata", o.metadata, parseMetadataMode)).empty()) return err;
    if (!(err = readEnum(j, "outputMode", o.outputMode, parseOutputMode)).empty()) return err;
    if (!(err = readEnum(j, "onConflict", o.onConflict, parseConflictPolicy)).empty()) return err;
    for (auto [key, field] : {std::pair{"keepDates", &o.keepDates}, std::pair{"allowLarger", &o.allowLarger},
                              std::pair{"includeHidden", &o.includeHidden}})
        if (!(err = readBool(j, key, *field)).empty()) return err;
    if (j.contains("quality")) {
        if (!j["quality"].is_number_integer()) return "\"quality\" must be a whole number";
        o.quality = j["quality"].get<int>();
    }
    if (j.contains("formatQuality")) {
        if (!j["formatQuality"].is_object()) return "\"formatQuality\" must be an object";
        o.formatQuality.clear();
        for (const auto& [name, v] : j["formatQuality"].items()) {
            const ImageFormat f = formatFromName(name);
            if (f == ImageFormat::Unknown || !formatInfo(f).writable)
                return fmt::format("\"formatQuality\" names an unknown format \"{}\"", name);
            if (!v.is_number_integer()) return fmt::format("quality for {} must be a whole number", name);
            o.formatQuality[f] = v.get<int>();
        }
    }
    if (j.contains("outputDir")) {
        if (!j["outputDir"].is_string()) return "\"outputDir\" must be a string";
        o.outputDir = j["outputDir"].get<std::string>();
    }
    if (j.contains("suffix")) {
        if (!j["suffix"].is_string()) return "\"suffix\" must be a string";
        o.suffix = j["suffix"].get<std::string>();
    }
    if (j.contains("maxPixels")) {
        if (!j["maxPixels"].is_number_unsigned()) return "\"maxPixels\" must be a positive whole number";
        o.maxPixels = j["maxPixels"].get<std::uint64_t>();
    }
    if (j.contains("jobs")) {
        if (!j["jobs"].is_number_integer()) return "\"jobs\" must be a whole number";
        o.jobs = j["jobs"].get<int>();
    }
    if (auto v = o.validate(); !v.empty()) return v;
    base = o;
    return {};
}

std::string loadPreset(const std::filesystem::path& file, Options& base) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return fmt::format("cannot read preset {}", file.string());
    std::stringstream ss;
    ss << in.rdbuf();
    if (auto err = optionsFromJson(ss.str(), base); !err.empty())
        return fmt::format("preset {}: {}", file.string(), err);
    return {};
}

std::string savePreset(const std::filesystem::path& file, const Options& options) {
    const auto absolute = std::filesystem::absolute(file);
    try {
        if (auto err = ensureFolder(absolute.parent_path()); !err.empty()) return err;
        TempFile tmp(absolute.parent_path());
        {
            std::ofstream out(tmp.path(), std::ios::binary | std::ios::trunc);
            out << optionsToJson(options) << "\n";
            if (!out) return "cannot write preset " + file.string();
        }
        return tmp.commit(absolute, true);
    } catch (const std::exception& e) {
        return e.what();
    }
}

}  // namespace imgopt
