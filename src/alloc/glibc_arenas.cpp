// Linked into the executables (not the library); runs before main and before any thread starts.
//
// Two arenas: with one arena per thread, libvips' worker threads each keep freed frames in their own arena;
// two arenas gave the lowest peak RSS and the shortest wall time of the allocators measured
// (docs/benchmarks.md, "Allocator"). An explicit MALLOC_ARENA_MAX in the environment wins.
//
// Transparent huge pages for malloc: image frames are tens of MB, and on the benchmark VM every first touch
// of a 4 KiB page cost a slow page fault (a fifth of a PNG encode was kernel time). glibc only asks for huge
// pages when the tunable glibc.malloc.hugetlb=1 is set, and tunables are read by the dynamic loader before
// any code of ours runs, so the process re-executes itself once with the tunable added. With it the default
// benchmark job took 3.0-3.4 s instead of 3.6-4.2 s, at 2-4 MB more peak RSS (docs/benchmarks.md, "Huge
// pages"). Skipped when the kernel has THP off, when the tunable is already there, or when
// IMGOPT_NO_HUGEPAGES is set.
#include <malloc.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>

namespace {

bool kernelOffersHugePages() {
    std::ifstream in("/sys/kernel/mm/transparent_hugepage/enabled");
    std::string modes;
    std::getline(in, modes);
    // The active mode is the bracketed one: "always [madvise] never".
    return modes.find("[always]") != std::string::npos || modes.find("[madvise]") != std::string::npos;
}

void reexecWithHugePages(char** argv) {
    if (!argv || !argv[0] || std::getenv("IMGOPT_NO_HUGEPAGES")) return;
    const char* tunables = std::getenv("GLIBC_TUNABLES");
    if (tunables && std::strstr(tunables, "glibc.malloc.hugetlb")) return;
    if (!kernelOffersHugePages()) return;
    std::string value = tunables && *tunables ? std::string(tunables) + ":" : std::string();
    value += "glibc.malloc.hugetlb=1";
    if (setenv("GLIBC_TUNABLES", value.c_str(), 1) != 0) return;
    execv("/proc/self/exe", argv);
    // Still here: the exec failed (no /proc, say). Run on with small pages, and leave the environment as
    // found.
    if (tunables)
        setenv("GLIBC_TUNABLES", tunables, 1);
    else
        unsetenv("GLIBC_TUNABLES");
}

// glibc passes argc, argv and envp to ELF constructors.
__attribute__((constructor)) void configureMalloc(int, char** argv, char**) {
    reexecWithHugePages(argv);
    if (std::getenv("MALLOC_ARENA_MAX")) return;
    mallopt(M_ARENA_MAX, 2);
    // Lets the report name the allocator set-up really in use.
    setenv("MALLOC_ARENA_MAX", "2", 0);
}

}  // namespace
