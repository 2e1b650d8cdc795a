#include "fuzz_support.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "imgopt/runtime.hpp"
#include "vips_runtime.hpp"

namespace fs = std::filesystem;

namespace imgopt::fuzz {

const fs::path& scratch() {
    static const fs::path folder = [] {
        std::error_code ec;
        const fs::path base =
            fs::is_directory("/dev/shm", ec) ? fs::path("/dev/shm") : fs::temp_directory_path();
        fs::path p = base / ("imgopt-fuzz-" + std::to_string(::getpid()));
        fs::create_directories(p, ec);
        return p;
    }();
    return folder;
}

void start(const char* argv0) {
    setenv("XDG_STATE_HOME", (scratch() / "state").c_str(), 1);
    setenv("XDG_DATA_HOME", (scratch() / "data").c_str(), 1);
    setenv("VIPS_WARNING", "0", 1);
    if (auto started = initialize(argv0); !started) {
        std::fprintf(stderr, "%s\n", started.error().message.c_str());
        std::abort();
    }
    showLibraryWarnings(false);
    setTaskThreads(1);
    // The folder goes when the fuzzer exits normally; a crash leaves it for the crash's reproduction.
    std::atexit([] {
        std::error_code ec;
        fs::remove_all(scratch(), ec);
    });
}

fs::path writeInput(const std::uint8_t* data, std::size_t size, const char* name) {
    const fs::path file = scratch() / name;
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), std::streamsize(size));
    return file;
}

}  // namespace imgopt::fuzz
