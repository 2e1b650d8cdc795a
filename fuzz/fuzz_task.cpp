// A whole task on a file, as the engine runs it: validate, plan, encode (shrink-on-load, upright pixels,
// colour and metadata rules, the format's saver), write, verify and commit. The first byte picks the
// settings (output format, resize, metadata), the rest is the file. A result must be a result: a success
// names an output that exists and decodes, a failure says why; nothing is left in the output folder by a
// failure.
#include <cstdlib>
#include <filesystem>

#include "fuzz_support.hpp"
#include "output_planner.hpp"
#include "task_runner.hpp"
#include "validator.hpp"

namespace fs = std::filesystem;

namespace {

imgopt::Options optionsFrom(std::uint8_t b) {
    using namespace imgopt;
    Options o;
    o.outputMode = OutputMode::OutputDir;
    o.outputDir = fuzz::scratch() / "out";
    o.onConflict = ConflictPolicy::Overwrite;
    // Small frames keep each run fast; the pixel limit itself is the header fuzzer's.
    o.maxPixels = 1 << 20;
    // AVIF is left out: libaom's encoder takes seconds per frame and is not ours.
    static const std::optional<ImageFormat> formats[] = {std::nullopt, ImageFormat::Jpeg, ImageFormat::Png,
                                                         ImageFormat::Webp};
    o.convertTo = formats[b & 3];
    o.quality = (b & 4) ? 100 : 75;
    if (b & 8) o.resize = Resize{ResizeMode::LongEdge, 17};
    o.metadata = (b & 16) ? MetadataMode::All : (b & 32) ? MetadataMode::None : MetadataMode::Icc;
    return o;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char*** argv) {
    imgopt::fuzz::start((*argv)[0]);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) return 0;
    const imgopt::Options options = optionsFrom(data[0]);
    const auto file = imgopt::fuzz::writeInput(data + 1, size - 1);
    std::error_code ec;
    fs::remove_all(options.outputDir, ec);
    imgopt::ScanItem item;
    item.id = 1;
    item.path = file;
    item.bytes = size - 1;
    const auto validated = imgopt::validate(item, options);
    if (!validated) return 0;
    imgopt::OutputPlanner planner(options);
    const auto planned = planner.plan(*validated);
    if (!planned) return 0;
    const imgopt::TaskResult r = imgopt::runTask(*planned, options, imgopt::CancelToken{});
    const bool written =
        r.status == imgopt::TaskStatus::Optimized || r.status == imgopt::TaskStatus::KeptOriginal;
    if (written && (!r.output || !fs::exists(*r.output, ec))) std::abort();
    if (!written && r.error.empty()) std::abort();
    if (!written && fs::exists(options.outputDir, ec) && !fs::is_empty(options.outputDir, ec)) std::abort();
    return 0;
}
