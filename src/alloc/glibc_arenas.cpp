// Linked into the executables (not the library): caps glibc's malloc arenas at two before any thread starts.
// With one arena per thread, libvips' worker threads each keep freed frames in their own arena; two arenas
// gave the lowest peak RSS and the shortest wall time of the allocators measured (docs/benchmarks.md,
// "Allocator"). An explicit MALLOC_ARENA_MAX in the environment wins.
#include <cstdlib>
#include <malloc.h>

namespace {
__attribute__((constructor)) void limitMallocArenas() {
    if (std::getenv("MALLOC_ARENA_MAX")) return;
    mallopt(M_ARENA_MAX, 2);
    // Lets the report name the allocator set-up really in use.
    setenv("MALLOC_ARENA_MAX", "2", 0);
}
}  // namespace
