// jemalloc reads this symbol at start-up. Freed pages go back to the system after one second instead of ten:
// a batch frees a large decoded frame every few hundred milliseconds, and with the default decay those frames
// pile up in RSS (measured in docs/benchmarks.md, "Allocator").
extern "C" {
extern const char* malloc_conf;
__attribute__((used)) const char* malloc_conf = "dirty_decay_ms:1000,muzzy_decay_ms:0";
}
