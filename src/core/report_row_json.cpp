#include "report_row_json.hpp"

#include <fmt/format.h>

#include <array>

namespace imgopt {
namespace {

using nlohmann::json;

json nullablePath(const std::optional<std::filesystem::path>& p) {
    return p ? json(p->string()) : json(nullptr);
}
json textOrNull(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }
json secondsOrNull(double s) { return s >= 0 ? json(s) : json(nullptr); }
json formatOrNull(ImageFormat f) {
    return f == ImageFormat::Unknown ? json(nullptr) : json(formatInfo(f).name);
}

// Reading back: a field that is absent or null takes `fallback`; one of another kind is an error.
struct Reader {
    const json& j;
    std::string bad;

    template <typename T>
    T get(const char* key, T fallback) {
        const auto it = j.find(key);
        if (it == j.end() || it->is_null()) return fallback;
        try {
            return it->get<T>();
        } catch (const json::exception&) {
            if (bad.empty()) bad = key;
            return fallback;
        }
    }
    template <typename T>
    std::optional<T> optional(const char* key) {
        const auto it = j.find(key);
        if (it == j.end() || it->is_null()) return std::nullopt;
        return get<T>(key, T{});
    }
};

template <typename E, std::size_t N>
std::optional<E> byName(const std::array<E, N>& all, const std::string& name) {
    for (E e : all)
        if (toString(e) == name) return e;
    return std::nullopt;
}

constexpr std::array kStatuses{TaskStatus::Optimized, TaskStatus::KeptOriginal, TaskStatus::Skipped,
                               TaskStatus::Failed};
constexpr std::array kCodes{
    ErrorCode::InputUnreadable, ErrorCode::InputUnsupported, ErrorCode::InputDamaged,
    ErrorCode::PixelLimit,      ErrorCode::OutputExists,     ErrorCode::OutputFailed,
    ErrorCode::OutputTooLarge,  ErrorCode::NoSpace,          ErrorCode::ReadOnly,
    ErrorCode::Cancelled,       ErrorCode::UpToDate,         ErrorCode::AlreadyOptimized,
    ErrorCode::InvalidSettings, ErrorCode::Internal};

void readTimings(Reader& in, TaskTimings& t) {
    t.processSeconds = in.get("processSeconds", 0.0);
    t.validateSeconds = in.get("validateSeconds", 0.0);
    t.queueWaitSeconds = in.get("queueWaitSeconds", 0.0);
    t.encodeSeconds = in.get("encodeSeconds", 0.0);
    t.writeSeconds = in.get("writeSeconds", 0.0);
    t.searchSeconds = in.get("searchSeconds", 0.0);
    t.start = in.get("startSeconds", -1.0);
    t.end = in.get("endSeconds", -1.0);
    t.validateStart = in.get("validateStartSeconds", -1.0);
    t.validateEnd = in.get("validateEndSeconds", -1.0);
    t.validateWorker = in.get("validateWorker", -1);
}

}  // namespace

json fileJson(const TaskResult& f) {
    return {
        {"input", f.input.string()},
        {"output", nullablePath(f.output)},
        {"status", toString(f.status)},
        {"inputFormat", formatOrNull(f.inputFormat)},
        {"outputFormat", f.output ? formatOrNull(f.outputFormat) : json(nullptr)},
        {"inputBytes", f.inputBytes},
        {"outputBytes", f.output ? json(f.outputBytes) : json(nullptr)},
        {"width", f.width > 0 ? json(f.width) : json(nullptr)},
        {"height", f.height > 0 ? json(f.height) : json(nullptr)},
        {"processSeconds", f.timings.processSeconds},
        {"validateSeconds", f.timings.validateSeconds},
        {"queueWaitSeconds", f.timings.queueWaitSeconds},
        {"encodeSeconds", f.timings.encodeSeconds},
        {"writeSeconds", f.timings.writeSeconds},
        {"searchSeconds", f.timings.searchSeconds},
        {"startSeconds", secondsOrNull(f.timings.start)},
        {"endSeconds", secondsOrNull(f.timings.end)},
        {"validateStartSeconds", secondsOrNull(f.timings.validateStart)},
        {"validateEndSeconds", secondsOrNull(f.timings.validateEnd)},
        {"validateWorker", f.timings.validateWorker >= 0 ? json(f.timings.validateWorker) : json(nullptr)},
        {"chosenQuality", optionalNumber(f.chosenQuality)},
        {"chosenEncoding", textOrNull(f.chosenEncoding)},
        {"score", optionalNumber(f.score)},
        {"trials", f.trials},
        {"sourceQuality", optionalNumber(f.sourceQuality)},
        {"reason", textOrNull(f.reason)},
        {"worker", f.worker >= 0 ? json(f.worker) : json(nullptr)},
        {"batch", f.batch > 0 ? json(f.batch) : json(nullptr)},
        {"estimatedBytes", f.estimatedBytes > 0 ? json(f.estimatedBytes) : json(nullptr)},
        {"priority", f.priority},
        {"warning", textOrNull(f.warning)},
        {"error", textOrNull(f.error)},
        {"errorCode", f.errorCode ? json(toString(*f.errorCode)) : json(nullptr)}};
}

Expected<TaskResult> fileFromJson(const json& j) {
    if (!j.is_object()) return fail(ErrorCode::InputDamaged, "a file entry is not an object");
    Reader in{j, {}};
    TaskResult f;
    f.input = in.get<std::string>("input", {});
    if (f.input.empty()) return fail(ErrorCode::InputDamaged, "a file entry has no \"input\"");
    const auto status = byName(kStatuses, in.get<std::string>("status", {}));
    if (!status)
        return fail(ErrorCode::InputDamaged, fmt::format("{}: no known \"status\"", f.input.string()));
    f.status = *status;
    if (auto out = in.optional<std::string>("output")) f.output = *out;
    f.inputFormat = formatFromName(in.get<std::string>("inputFormat", {}));
    f.outputFormat = formatFromName(in.get<std::string>("outputFormat", {}));
    f.inputBytes = in.get<std::uint64_t>("inputBytes", 0);
    f.outputBytes = in.get<std::uint64_t>("outputBytes", 0);
    f.width = in.get("width", 0);
    f.height = in.get("height", 0);
    readTimings(in, f.timings);
    f.chosenQuality = in.optional<int>("chosenQuality");
    f.chosenEncoding = in.get<std::string>("chosenEncoding", {});
    f.score = in.optional<double>("score");
    f.trials = in.get("trials", 0);
    f.sourceQuality = in.optional<int>("sourceQuality");
    f.reason = in.get<std::string>("reason", {});
    f.worker = in.get("worker", -1);
    f.batch = in.get<std::uint64_t>("batch", 0);
    f.estimatedBytes = in.get<std::uint64_t>("estimatedBytes", 0);
    f.priority = in.get("priority", 0);
    f.warning = in.get<std::string>("warning", {});
    f.error = in.get<std::string>("error", {});
    if (auto code = in.optional<std::string>("errorCode")) f.errorCode = byName(kCodes, *code);
    if (!in.bad.empty())
        return fail(ErrorCode::InputDamaged,
                    fmt::format("{}: \"{}\" is not of the expected kind", f.input.string(), in.bad));
    return f;
}

}  // namespace imgopt
