// imgopt-memory-model: measures the real peak memory of single tasks (decode, resize, encode, write) by input
// format, output format, pixels and bands, each in a process of its own, and fits the registry's memory
// factors to them (docs/benchmarks.md, "Memory model"). The measurements are written as JSON, which
// tests/unit/memory_model_test.cpp holds the estimates against.
//
//   imgopt-memory-model OUT.json        measure the grid (each case twice, the higher peak kept), write
//   OUT.json imgopt-memory-model --one IN FMT    (internal) run one task and print its peak bytes
// benchmarks/fit-memory-model.py fits the registry's factors to OUT.json.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>
#include <vips/vips8>

#include "imgopt/runtime.hpp"
#include "output_planner.hpp"
#include "process_memory.hpp"
#include "task_runner.hpp"
#include "validator.hpp"
#include "vips_runtime.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using vips::VImage;

namespace {

std::uint64_t currentRss() {
    std::ifstream in("/proc/self/statm");
    std::uint64_t size = 0, resident = 0;
    in >> size >> resident;
    return resident * std::uint64_t(::sysconf(_SC_PAGESIZE));
}

// A photo-like image: gradient, soft blobs and grain, so that codecs work as hard as on a real photo.
VImage photoLike(int width, int height, int bands) {
    VImage xy = VImage::xyz(width, height);
    VImage x = xy[0] * (255.0 / width);
    VImage y = xy[1] * (255.0 / height);
    VImage grain = VImage::gaussnoise(width, height, VImage::option()->set("sigma", 12.0)->set("mean", 0.0));
    VImage rgb = (x * 0.7 + y * 0.3 + grain)
                     .bandjoin(y * 0.6 + 40 + grain)
                     .bandjoin((255.0 - x) * 0.5 + 30 + grain)
                     .cast(VIPS_FORMAT_UCHAR)
                     .copy(VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
    if (bands == 1) return rgb.colourspace(VIPS_INTERPRETATION_B_W);
    if (bands == 4) return rgb.bandjoin((x * 0.5 + 128).cast(VIPS_FORMAT_UCHAR));
    return rgb;
}

// Runs one file through validate, plan and runTask, as a worker does, and prints the task's peak: the
// high-water mark of RSS during the task less the RSS before it.
int runOne(const fs::path& input, const std::string& format) {
    imgopt::Options options;
    if (format != "original") options.convertTo = *imgopt::parseOutputFormat(format);
    options.outputMode = imgopt::OutputMode::OutputDir;
    options.outputDir = input.parent_path() / ("out-" + std::to_string(::getpid()));
    options.allowLarger = true;
    imgopt::ScanItem item{1, input, {}, fs::file_size(input)};
    auto validated = imgopt::validate(item, options);
    if (!validated) return std::fprintf(stderr, "%s\n", validated.error().error.message.c_str()), 1;
    imgopt::OutputPlanner planner(options);
    auto planned = planner.plan(*validated);
    if (!planned) return std::fprintf(stderr, "%s\n", planned.error().message.c_str()), 1;
    // A big image runs alone on every core: the most threads, and so the most per-thread buffers.
    imgopt::setTaskThreads(int(std::max(1u, std::thread::hardware_concurrency())));
    const std::uint64_t before = currentRss();
    imgopt::resetPeakRss();
    const auto result = imgopt::runTask(*planned, options, imgopt::CancelToken{});
    const std::uint64_t peak = imgopt::peakRssSinceReset().value_or(0);
    fs::remove_all(options.outputDir);
    if (result.status == imgopt::TaskStatus::Failed)
        return std::fprintf(stderr, "%s\n", result.error.c_str()), 1;
    std::printf("%llu %llu %llu\n", (unsigned long long)(peak > before ? peak - before : 0),
                (unsigned long long)planned->estimatedBytes, (unsigned long long)before);
    return 0;
}

struct Case {
    std::string input;   // registry name of the input format
    std::string output;  // "original" or a conversion target
    int width, height, bands;
};

std::vector<Case> grid() {
    std::vector<Case> cases;
    const std::pair<int, int> sizes[] = {{1200, 800}, {2400, 1600}, {4800, 3200}};
    for (auto [w, h] : sizes) {
        for (const char* in : {"jpeg", "png", "webp", "tiff"}) cases.push_back({in, "original", w, h, 3});
        for (const char* in : {"png", "webp", "tiff"}) cases.push_back({in, "original", w, h, 4});
        cases.push_back({"jpeg", "original", w, h, 1});
        cases.push_back({"png", "original", w, h, 1});
        for (const char* out : {"png", "webp"}) cases.push_back({"jpeg", out, w, h, 3});
        cases.push_back({"png", "jpeg", w, h, 4});
        cases.push_back({"webp", "jpeg", w, h, 3});
    }
    // AVIF and GIF encoders are slow: two sizes.
    for (auto [w, h] : {sizes[0], sizes[1]}) {
        cases.push_back({"avif", "original", w, h, 3});
        cases.push_back({"jpeg", "avif", w, h, 3});
        cases.push_back({"gif", "original", w, h, 3});
    }
    return cases;
}

fs::path makeInput(const fs::path& dir, const Case& c) {
    const auto path = dir / (c.input + "-" + std::to_string(c.width) + "x" + std::to_string(c.height) + "-" +
                             std::to_string(c.bands) +
                             std::string(imgopt::formatInfo(imgopt::formatFromName(c.input)).canonicalExt));
    if (!fs::exists(path)) photoLike(c.width, c.height, c.bands).write_to_file(path.c_str());
    return path;
}

// Runs one case in a fresh process, so that no earlier task's freed memory hides this one's peak.
std::optional<std::array<std::uint64_t, 3>> measure(const char* self, const fs::path& input,
                                                    const std::string& out) {
    int fds[2];
    if (::pipe(fds) != 0) return std::nullopt;
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::dup2(fds[1], STDOUT_FILENO);
        ::close(fds[0]);
        ::execl(self, self, "--one", input.c_str(), out.c_str(), static_cast<char*>(nullptr));
        std::_Exit(127);
    }
    ::close(fds[1]);
    char buffer[256] = {};
    const ssize_t n = ::read(fds[0], buffer, sizeof buffer - 1);
    ::close(fds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    unsigned long long peak = 0, estimate = 0, before = 0;
    if (n <= 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0 ||
        std::sscanf(buffer, "%llu %llu %llu", &peak, &estimate, &before) != 3)
        return std::nullopt;
    return std::array<std::uint64_t, 3>{peak, estimate, before};
}

}  // namespace

int main(int argc, char** argv) {
    if (auto started = imgopt::initialize(argv[0]); !started) return 1;
    imgopt::showLibraryWarnings(false);
    if (argc == 4 && std::string(argv[1]) == "--one") return runOne(argv[2], argv[3]);
    if (argc != 2) return std::fprintf(stderr, "usage: %s OUT.json\n", argv[0]), 2;
    const fs::path dir = fs::temp_directory_path() / ("imgopt-memory-model-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    json rows = json::array();
    for (const Case& c : grid()) {
        const auto input = makeInput(dir, c);
        auto m = measure("/proc/self/exe", input, c.output);
        // Peaks move a little from run to run (allocator arenas, huge pages): the higher of two is kept.
        if (const auto again = measure("/proc/self/exe", input, c.output);
            m && again && (*again)[0] > (*m)[0])
            m = again;
        if (!m) {
            std::fprintf(stderr, "failed: %s -> %s %dx%d\n", c.input.c_str(), c.output.c_str(), c.width,
                         c.height);
            continue;
        }
        rows.push_back({{"input", c.input},
                        {"output", c.output},
                        {"width", c.width},
                        {"height", c.height},
                        {"bands", c.bands},
                        {"peakBytes", (*m)[0]},
                        {"estimateBeforeFit", (*m)[1]},
                        {"baselineRss", (*m)[2]}});
        std::printf("%-5s -> %-8s %5dx%-5d %d bands: peak %6.1f MB, estimate %6.1f MB\n", c.input.c_str(),
                    c.output.c_str(), c.width, c.height, c.bands, double((*m)[0]) / 1e6,
                    double((*m)[1]) / 1e6);
        std::fflush(stdout);
    }
    fs::remove_all(dir);
    std::ofstream(argv[1]) << json{{"measurements", rows}}.dump(2) << "\n";
    return 0;
}
