#include <nlohmann/json.hpp>

#include "imgopt/preset.hpp"
#include "imgopt/report_writer.hpp"

namespace imgopt {
namespace {

using nlohmann::json;

json nullablePath(const std::optional<std::filesystem::path>& p) {
    return p ? json(p->string()) : json(nullptr);
}
json textOrNull(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }
json optionalNumber(const std::optional<std::uint64_t>& v) { return v ? json(*v) : json(nullptr); }
json secondsOrNull(double s) { return s >= 0 ? json(s) : json(nullptr); }

json percentilesJson(const Percentiles& p) {
    return {{"p50", p.p50}, {"p90", p.p90}, {"p99", p.p99}, {"max", p.max}, {"mean", p.mean}};
}

json fileJson(const TaskResult& f) {
    return json(
        {{"input", f.input.string()},
         {"output", nullablePath(f.output)},
         {"status", toString(f.status)},
         {"inputFormat",
          f.inputFormat == ImageFormat::Unknown ? json(nullptr) : json(formatInfo(f.inputFormat).name)},
         {"outputFormat", f.output ? json(formatInfo(f.outputFormat).name) : json(nullptr)},
         {"inputBytes", f.inputBytes},
         {"outputBytes", f.output ? json(f.outputBytes) : json(nullptr)},
         {"width", f.width > 0 ? json(f.width) : json(nullptr)},
         {"height", f.height > 0 ? json(f.height) : json(nullptr)},
         {"processSeconds", f.timings.processSeconds},
         {"validateSeconds", f.timings.validateSeconds},
         {"queueWaitSeconds", f.timings.queueWaitSeconds},
         {"encodeSeconds", f.timings.encodeSeconds},
         {"writeSeconds", f.timings.writeSeconds},
         {"startSeconds", secondsOrNull(f.timings.start)},
         {"endSeconds", secondsOrNull(f.timings.end)},
         {"validateStartSeconds", secondsOrNull(f.timings.validateStart)},
         {"validateEndSeconds", secondsOrNull(f.timings.validateEnd)},
         {"validateWorker", f.timings.validateWorker >= 0 ? json(f.timings.validateWorker) : json(nullptr)},
         {"worker", f.worker >= 0 ? json(f.worker) : json(nullptr)},
         {"batch", f.batch > 0 ? json(f.batch) : json(nullptr)},
         {"estimatedBytes", f.estimatedBytes > 0 ? json(f.estimatedBytes) : json(nullptr)},
         {"priority", f.priority},
         {"warning", textOrNull(f.warning)},
         {"error", textOrNull(f.error)},
         {"errorCode", f.errorCode ? json(toString(*f.errorCode)) : json(nullptr)}});
}

}  // namespace

std::string reportToJson(const RunReport& r) {
    json j;
    j["tool"] = {{"name", r.toolName}, {"version", r.toolVersion}};
    j["settings"] = json::parse(optionsToJson(r.settings));
    const auto& s = r.summary;
    j["summary"] = {{"files", s.files},
                    {"optimized", s.optimized},
                    {"keptOriginal", s.keptOriginal},
                    {"skipped", s.skipped},
                    {"failed", s.failed},
                    {"inputBytes", s.inputBytes},
                    {"outputBytes", s.outputBytes},
                    {"savedBytes", s.savedBytes},
                    {"wallSeconds", s.wallSeconds},
                    {"pausedSeconds", s.pausedSeconds},
                    {"imagesPerSecond", r.imagesPerSecond},
                    {"inputMegabytesPerSecond", r.inputMegabytesPerSecond},
                    {"peakRssBytes", r.peakRssBytes},
                    {"notImages", r.scanNotImages},
                    {"hiddenSkipped", r.scanHiddenSkipped},
                    {"duplicates", r.scanDuplicates}};
    json files = json::array();
    for (const auto& f : r.files) files.push_back(fileJson(f));
    j["files"] = std::move(files);
    json batches = json::array();
    for (const auto& b : r.batches)
        batches.push_back({{"number", b.number},
                           {"size", b.size},
                           {"estimatedBytes", b.estimatedBytes},
                           {"budgetBytes", b.budgetBytes},
                           {"availableBytes", b.availableBytes},
                           {"startSeconds", b.startSeconds},
                           {"seconds", b.seconds}});
    j["batches"] = std::move(batches);
    json memory = json::array();
    for (const auto& m : r.memory)
        memory.push_back({{"seconds", m.seconds},
                          {"rssBytes", m.rssBytes},
                          {"availableBytes", m.availableBytes},
                          {"totalBytes", m.totalBytes},
                          {"cgroupUsageBytes", optionalNumber(m.cgroupUsage)},
                          {"cgroupLimitBytes", optionalNumber(m.cgroupLimit)}});
    j["memory"] = std::move(memory);
    j["workers"] = {{"count", r.workers},
                    {"vipsThreadsPerWorker", r.vipsThreadsPerWorker},
                    {"busySeconds", r.workerBusySeconds},
                    {"validateSeconds", r.workerValidateSeconds}};
    j["system"] = {
        {"cpu", r.system.cpu},         {"cores", r.system.cores}, {"memoryBytes", r.system.memoryBytes},
        {"libvips", r.system.libvips}, {"os", r.system.os},       {"allocator", r.system.allocator}};
    j["timings"] = {{"processSeconds", percentilesJson(r.processSeconds)},
                    {"queueWaitSeconds", percentilesJson(r.queueWaitSeconds)}};
    j["scanErrors"] = r.scanErrors;
    // File names are bytes on Linux; invalid UTF-8 is replaced rather than failing the whole report.
    return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace imgopt
