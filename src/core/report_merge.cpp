#include "imgopt/report_merge.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>

#include "imgopt/preset.hpp"
#include "report_builder.hpp"
#include "report_row_json.hpp"

namespace fs = std::filesystem;

namespace imgopt {
namespace {

using nlohmann::json;

// Builds one JSON value from SAX events.
struct Builder {
    json root;
    std::vector<json*> stack;
    json* slot = nullptr;

    json* put(json v) {
        if (stack.empty()) {
            root = std::move(v);
            return &root;
        }
        json& top = *stack.back();
        if (top.is_array()) {
            top.push_back(std::move(v));
            return &top.back();
        }
        *slot = std::move(v);
        return slot;
    }
    void open(json empty) { stack.push_back(put(std::move(empty))); }
    void key(const std::string& k) { slot = &(*stack.back())[k]; }
    void close() { stack.pop_back(); }
};

// A report's top level is built whole, except the rows of "files", each handed over as soon as it is read.
class ReportReader final : public json::json_sax_t {
public:
    explicit ReportReader(std::function<bool(json&&)> onRow) : onRow_(std::move(onRow)) {}

    json& top() { return top_.root; }
    const std::string& error() const { return error_; }

    bool null() override { return scalar(nullptr); }
    bool boolean(bool v) override { return scalar(v); }
    bool number_integer(number_integer_t v) override { return scalar(v); }
    bool number_unsigned(number_unsigned_t v) override { return scalar(v); }
    bool number_float(number_float_t v, const string_t&) override { return scalar(v); }
    bool string(string_t& v) override { return scalar(v); }
    bool binary(binary_t& v) override { return scalar(json::binary(v)); }
    bool start_object(std::size_t) override {
        if (mode_ == Mode::Files) {
            row_ = Builder{};
            mode_ = Mode::Row;
        }
        (mode_ == Mode::Row ? row_ : top_).open(json::object());
        return true;
    }
    bool end_object() override {
        if (mode_ != Mode::Row) {
            top_.close();
            return true;
        }
        row_.close();
        if (!row_.stack.empty()) return true;
        mode_ = Mode::Files;
        return onRow_(std::move(row_.root));
    }
    bool start_array(std::size_t) override {
        if (mode_ == Mode::Top && top_.stack.size() == 1 && topKey_ == "files") {
            top_.put(json::array());
            mode_ = Mode::Files;
            return true;
        }
        (mode_ == Mode::Row ? row_ : top_).open(json::array());
        return true;
    }
    bool end_array() override {
        if (mode_ == Mode::Files) {
            mode_ = Mode::Top;
            return true;
        }
        (mode_ == Mode::Row ? row_ : top_).close();
        return true;
    }
    bool key(string_t& k) override {
        if (mode_ == Mode::Row) {
            row_.key(k);
        } else {
            top_.key(k);
            if (top_.stack.size() == 1) topKey_ = k;
        }
        return true;
    }
    bool parse_error(std::size_t at, const std::string&, const nlohmann::detail::exception& e) override {
        error_ = fmt::format("not valid JSON at byte {}: {}", at, e.what());
        return false;
    }

private:
    enum class Mode { Top, Files, Row };
    bool scalar(json v) {
        if (mode_ == Mode::Files) return true;  // not a row; fileFromJson would refuse it anyway
        (mode_ == Mode::Row ? row_ : top_).put(std::move(v));
        return true;
    }

    std::function<bool(json&&)> onRow_;
    Builder top_, row_;
    Mode mode_ = Mode::Top;
    std::string topKey_;
    std::string error_;
};

struct Merge {
    RunReport out;
    std::optional<Options> settings;
    std::set<int> shards;
    int shardCount = 0;
    std::set<std::string> scanErrors, notices, machines;
};

std::uint64_t count(const json& j, const char* key) { return j.value(key, std::uint64_t(0)); }

Status addShard(Merge& m, const json& top, const fs::path& path) {
    const auto shard = top.find("shard");
    if (shard == top.end()) return {};
    const int index = shard->value("index", 0), total = shard->value("count", 0);
    if (m.shardCount != 0 && total != m.shardCount)
        return fail(ErrorCode::InvalidSettings,
                    fmt::format("{} is shard {}/{}, of another split than the reports before it (of {})",
                                path.string(), index, total, m.shardCount));
    if (!m.shards.insert(index).second)
        return fail(ErrorCode::InvalidSettings,
                    fmt::format("{}: shard {}/{} is already among the reports", path.string(), index, total));
    m.shardCount = total;
    return {};
}

Status addTop(Merge& m, const json& top, const fs::path& path) {
    const std::string name = fs::path(path).filename().string();
    if (!top.is_object() || top.value(json::json_pointer("/tool/name"), std::string()) != "imgopt" ||
        !top.contains("settings") || !top.contains("summary"))
        return fail(ErrorCode::InputUnsupported, fmt::format("{} is not an ImgOpt JSON report", name));
    auto settings = optionsFromJson(top["settings"].dump(), Options{});
    if (!settings)
        return fail(ErrorCode::InputDamaged, fmt::format("{}: {}", name, settings.error().message));
    if (m.settings && !(*m.settings == *settings))
        return fail(ErrorCode::InvalidSettings,
                    fmt::format("{} was made with other settings than the reports before it: only the shards "
                                "of one job can be merged",
                                name));
    if (auto s = addShard(m, top, path); !s) return s;
    RunReport& r = m.out;
    if (!m.settings) {
        r.settings = *settings;
        r.toolVersion = top.value(json::json_pointer("/tool/version"), std::string());
        r.vipsThreadsPerWorker = top.value(json::json_pointer("/workers/vipsThreadsPerWorker"), 0);
        const json& sys = top.value("system", json::object());
        r.system = {
            sys.value("cpu", ""),     sys.value("cores", 0), sys.value("memoryBytes", std::uint64_t(0)),
            sys.value("libvips", ""), sys.value("os", ""),   sys.value("allocator", "")};
    }
    m.settings = *settings;
    const json& s = top["summary"];
    // The shards ran side by side: the job took as long as the longest.
    r.summary.wallSeconds = std::max(r.summary.wallSeconds, s.value("wallSeconds", 0.0));
    r.summary.pausedSeconds = std::max(r.summary.pausedSeconds, s.value("pausedSeconds", 0.0));
    r.peakRssBytes = std::max(r.peakRssBytes, count(s, "peakRssBytes"));
    r.scanNotImages += count(s, "notImages");
    r.scanHiddenSkipped += count(s, "hiddenSkipped");
    r.scanDuplicates += count(s, "duplicates");
    const json& w = top.value("workers", json::object());
    r.workers += w.value("count", 0);
    for (double v : w.value("busySeconds", std::vector<double>{})) r.workerBusySeconds.push_back(v);
    for (double v : w.value("validateSeconds", std::vector<double>{})) r.workerValidateSeconds.push_back(v);
    for (const auto& e : top.value("scanErrors", std::vector<std::string>{})) m.scanErrors.insert(e);
    for (const auto& n : top.value("notices", std::vector<std::string>{})) m.notices.insert(n);
    m.machines.insert(top.value(json::json_pointer("/system/cpu"), std::string()));
    return {};
}

Status readOne(Merge& m, const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(ErrorCode::InputUnreadable, fmt::format("cannot read the report {}", path.string()));
    Error rowError;
    ReportReader reader([&](json&& row) {
        auto f = fileFromJson(row);
        if (!f) {
            rowError = f.error();
            return false;
        }
        f->id = m.out.files.size() + 1;
        m.out.files.push_back(*f);
        return true;
    });
    const bool parsed = json::sax_parse(in, &reader);
    const std::string name = path.filename().string();
    if (!rowError.message.empty())
        return fail(ErrorCode::InputDamaged, fmt::format("{}: {}", name, rowError.message));
    if (!parsed)
        return fail(ErrorCode::InputDamaged,
                    fmt::format("{} is not an ImgOpt JSON report: {}", name,
                                reader.error().empty() ? "it ends early" : reader.error()));
    return addTop(m, reader.top(), path);
}

}  // namespace

Expected<RunReport> mergeReports(const std::vector<fs::path>& jsonReports) {
    if (jsonReports.empty()) return fail(ErrorCode::InvalidSettings, "no reports to merge");
    Merge m;
    for (const auto& path : jsonReports)
        if (auto s = readOne(m, path); !s) return Unexpected(std::move(s).error());
    RunReport& r = m.out;
    r.mergedShards = int(jsonReports.size());
    r.scanErrors.assign(m.scanErrors.begin(), m.scanErrors.end());
    r.notices.assign(m.notices.begin(), m.notices.end());
    r.notices.push_back(fmt::format(
        "merged from {} reports: counts, bytes and percentiles cover all their files; the wall time is the "
        "longest report's, and memory and batch charts stay in each report",
        jsonReports.size()));
    if (m.shardCount > 0 && int(m.shards.size()) < m.shardCount) {
        std::vector<int> missing;
        for (int k = 1; k <= m.shardCount; ++k)
            if (!m.shards.count(k)) missing.push_back(k);
        r.notices.push_back(fmt::format("shards missing: {} of {}; their files are not in this report",
                                        fmt::join(missing, ", "), m.shardCount));
    }
    if (m.machines.size() > 1)
        r.notices.push_back(
            fmt::format("the shards ran on {} kinds of machine; the first is described", m.machines.size()));
    summarise(r);
    return r;
}

}  // namespace imgopt
