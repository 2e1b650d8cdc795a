#include <fmt/format.h>

#include <sstream>

#include "imgopt/progress.hpp"
#include "imgopt/report_writer.hpp"

namespace imgopt {
namespace {

// RFC 4180: quote every text field, double inner quotes.
std::string quoted(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string optional(const std::optional<int>& v) { return v ? std::to_string(*v) : std::string(); }

}  // namespace

void writeCsv(const RunReport& r, std::ostream& out) {
    out << "input,output,status,inputFormat,outputFormat,inputBytes,outputBytes,savedPercent,width,height,"
           "processSeconds,queueWaitSeconds,encodeSeconds,writeSeconds,worker,batch,priority,warning,error,"
           "searchSeconds,chosenQuality,chosenEncoding,score,trials,sourceQuality,reason\n";
    // One row at a time: a report of a million files is never held as one string.
    for (const auto& f : r.files) {
        const bool hasOutput = f.output.has_value();
        const std::string saved = hasOutput && f.inputBytes > 0
                                      ? fmt::format("{:.2f}", savingPercent(f.inputBytes, f.outputBytes))
                                      : "";
        out << fmt::format(
            "{},{},{},{},{},{},{},{},{},{},{:.4f},{:.4f},{:.4f},{:.4f},{},{},{},{},{},",
            quoted(f.input.string()), hasOutput ? quoted(f.output->string()) : "", toString(f.status),
            f.inputFormat == ImageFormat::Unknown ? "" : formatInfo(f.inputFormat).name,
            hasOutput ? formatInfo(f.outputFormat).name : "", f.inputBytes,
            hasOutput ? std::to_string(f.outputBytes) : "", saved, f.width > 0 ? std::to_string(f.width) : "",
            f.height > 0 ? std::to_string(f.height) : "", f.timings.processSeconds,
            f.timings.queueWaitSeconds, f.timings.encodeSeconds, f.timings.writeSeconds,
            f.worker >= 0 ? std::to_string(f.worker) : "", f.batch > 0 ? std::to_string(f.batch) : "",
            f.priority, quoted(f.warning), quoted(f.error));
        out << fmt::format("{:.4f},{},{},{},{},{},{}\n", f.timings.searchSeconds, optional(f.chosenQuality),
                           quoted(f.chosenEncoding), f.score ? fmt::format("{:.5f}", *f.score) : "", f.trials,
                           optional(f.sourceQuality), quoted(f.reason));
    }
}

std::string reportToCsv(const RunReport& r) {
    std::ostringstream out;
    writeCsv(r, out);
    return out.str();
}

}  // namespace imgopt
