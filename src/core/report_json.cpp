#include <nlohmann/json.hpp>
#include <sstream>

#include "imgopt/preset.hpp"
#include "imgopt/report_writer.hpp"
#include "report_row_json.hpp"

namespace imgopt {
namespace {

using nlohmann::json;

json percentilesJson(const Percentiles& p) {
    return {{"p50", p.p50}, {"p90", p.p90}, {"p99", p.p99}, {"max", p.max}, {"mean", p.mean}};
}

json summaryJson(const RunReport& r) {
    const auto& s = r.summary;
    return {{"files", s.files},
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
            {"duplicates", r.scanDuplicates},
            {"scored", s.scored},
            {"minScore", optionalNumber(s.minScore)},
            {"meanScore", optionalNumber(s.meanScore)},
            {"searchSeconds", s.searchSeconds}};
}

}  // namespace

void writeJson(const RunReport& r, std::ostream& out) {
    json j;
    j["tool"] = {{"name", r.toolName}, {"version", r.toolVersion}};
    j["settings"] = json::parse(optionsToJson(r.settings));
    j["summary"] = summaryJson(r);
    j["files"] = "@FILES@";  // streamed in its place, one row at a time
    json batches = json::array();
    for (const auto& b : r.batches)
        batches.push_back({{"number", b.number},
                           {"size", b.size},
                           {"estimatedBytes", b.estimatedBytes},
                           {"budgetBytes", b.budgetBytes},
                           {"availableBytes", b.availableBytes},
                           {"startSeconds", b.startSeconds},
                           {"seconds", b.seconds},
                           {"rounds", b.rounds}});
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
    j["notices"] = r.notices;
    if (r.shard) j["shard"] = {{"index", r.shard->index}, {"count", r.shard->count}};
    if (r.mergedShards > 0) j["mergedShards"] = r.mergedShards;
    // File names are bytes on Linux; invalid UTF-8 is replaced rather than failing the whole report.
    constexpr auto replace = json::error_handler_t::replace;
    const std::string text = j.dump(2, ' ', false, replace);
    const std::string marker = "\"@FILES@\"";
    const auto at = text.find(marker);
    out << text.substr(0, at) << '[';
    bool first = true;
    for (const auto& f : r.files) {
        std::string row = fileJson(f).dump(2, ' ', false, replace);
        // Indented as the rows of a nested array.
        for (std::size_t p = row.find('\n'); p != std::string::npos; p = row.find('\n', p + 5))
            row.replace(p, 1, "\n    ");
        out << (first ? "\n    " : ",\n    ") << row;
        first = false;
    }
    out << (first ? "]" : "\n  ]") << text.substr(at + marker.size()) << '\n';
}

std::string reportToJson(const RunReport& r) {
    std::ostringstream out;
    writeJson(r, out);
    return out.str();
}

}  // namespace imgopt
