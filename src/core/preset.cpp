#include "imgopt/preset.hpp"

#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <type_traits>

#include "safe_writer.hpp"

namespace imgopt {
namespace {

using nlohmann::json;

Unexpected<Error> invalid(std::string message) {
    return fail(ErrorCode::InvalidSettings, std::move(message));
}

template <typename T, typename Parse>
Status readEnum(const json& j, const char* key, T& out, Parse parse) {
    if (!j.contains(key)) return {};
    if (!j[key].is_string()) return invalid(fmt::format("\"{}\" must be a string", key));
    auto v = parse(j[key].get<std::string>());
    if (!v) return invalid(fmt::format("\"{}\": {}", key, v.error().message));
    out = *v;
    return {};
}

Status readBool(const json& j, const char* key, bool& out) {
    if (!j.contains(key)) return {};
    if (!j[key].is_boolean()) return invalid(fmt::format("\"{}\" must be true or false", key));
    out = j[key].get<bool>();
    return {};
}

template <typename T>
Status readNumber(const json& j, const char* key, T& out) {
    if (!j.contains(key)) return {};
    if (std::is_unsigned_v<T> ? !j[key].is_number_unsigned() : !j[key].is_number_integer())
        return invalid(
            fmt::format("\"{}\" must be a whole number{}", key, std::is_unsigned_v<T> ? " above 0" : ""));
    out = j[key].get<T>();
    return {};
}

Status readString(const json& j, const char* key, std::string& out) {
    if (!j.contains(key)) return {};
    if (!j[key].is_string()) return invalid(fmt::format("\"{}\" must be a string", key));
    out = j[key].get<std::string>();
    return {};
}

// A quality is a whole number or "auto"; the range is checked by Options::validate.
Expected<Quality> qualityValue(const json& v, const std::string& what) {
    if (v.is_number_integer()) return Quality(v.get<int>());
    if (v.is_string() && v.get<std::string>() == "auto") return Quality::automatic();
    return invalid(fmt::format("{} must be a whole number or \"auto\"", what));
}

json qualityJson(Quality q) { return q.isAuto() ? json("auto") : json(q.value()); }

Status readQuality(const json& j, Quality& out) {
    if (!j.contains("quality")) return {};
    auto q = qualityValue(j["quality"], "\"quality\"");
    if (!q) return Unexpected(std::move(q).error());
    out = *q;
    return {};
}

Status readFormatQuality(const json& j, std::map<ImageFormat, Quality>& out) {
    if (!j.contains("formatQuality")) return {};
    if (!j["formatQuality"].is_object()) return invalid("\"formatQuality\" must be an object");
    out.clear();
    for (const auto& [name, v] : j["formatQuality"].items()) {
        const ImageFormat f = formatFromName(name);
        if (f == ImageFormat::Unknown || !formatInfo(f).writable())
            return invalid(fmt::format("\"formatQuality\" names an unknown format \"{}\"", name));
        auto q = qualityValue(v, fmt::format("quality for {}", name));
        if (!q) return Unexpected(std::move(q).error());
        out[f] = *q;
    }
    return {};
}

// Every key of `j` that Options knows, applied to `o`; the error is the first invalid key's.
Status readOptions(const json& j, Options& o) {
    std::string outputDir = o.outputDir.string();
    Status steps[] = {
        readEnum(j, "format", o.convertTo, parseOutputFormat),
        readEnum(j, "resize", o.resize, parseResize),
        readEnum(j, "metadata", o.metadata, parseMetadataMode),
        readEnum(j, "outputMode", o.outputMode, parseOutputMode),
        readEnum(j, "onConflict", o.onConflict, parseConflictPolicy),
        readEnum(j, "visualTarget", o.visualTarget, parseVisualTarget),
        readBool(j, "keepDates", o.keepDates),
        readBool(j, "allowLarger", o.allowLarger),
        readBool(j, "includeHidden", o.includeHidden),
        readQuality(j, o.quality),
        readFormatQuality(j, o.formatQuality),
        readString(j, "outputDir", outputDir),
        readString(j, "suffix", o.suffix),
        readNumber(j, "maxPixels", o.maxPixels),
        readNumber(j, "jobs", o.jobs),
    };
    for (auto& step : steps)
        if (!step) return step;
    o.outputDir = outputDir;
    return {};
}

}  // namespace

std::string optionsToJson(const Options& o, int indent) {
    json q = json::object();
    for (const auto& [f, v] : o.formatQuality) q[std::string(formatInfo(f).name)] = qualityJson(v);
    json j = {{"format", outputFormatName(o.convertTo)},
              {"quality", qualityJson(o.quality)},
              {"formatQuality", q},
              {"visualTarget", toString(o.visualTarget)},
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

Expected<Options> optionsFromJson(const std::string& text, const Options& base) {
    json j;
    try {
        j = json::parse(text);
    } catch (const json::parse_error& e) {
        return invalid(fmt::format("not valid JSON: {}", e.what()));
    }
    if (!j.is_object()) return invalid("a preset must be a JSON object");
    Options o = base;  // returned only if every key is valid
    if (auto read = readOptions(j, o); !read) return Unexpected(std::move(read).error());
    if (auto valid = o.validate(); !valid) return Unexpected(std::move(valid).error());
    return o;
}

Expected<Options> loadPreset(const std::filesystem::path& file, const Options& base) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return invalid(fmt::format("cannot read preset {}", file.string()));
    std::stringstream ss;
    ss << in.rdbuf();
    auto options = optionsFromJson(ss.str(), base);
    if (!options) return invalid(fmt::format("preset {}: {}", file.string(), options.error().message));
    return options;
}

Status savePreset(const std::filesystem::path& file, const Options& options) {
    const auto absolute = std::filesystem::absolute(file);
    if (auto made = ensureFolder(absolute.parent_path()); !made) return made;
    auto tmp = TempFile::create(absolute.parent_path());
    if (!tmp) return Unexpected(std::move(tmp).error());
    {
        std::ofstream out(tmp->path(), std::ios::binary | std::ios::trunc);
        out << optionsToJson(options) << "\n";
        out.flush();
        if (!out) return fail(ErrorCode::OutputFailed, "cannot write preset " + file.string());
    }
    return tmp->commit(absolute, true);
}

}  // namespace imgopt
