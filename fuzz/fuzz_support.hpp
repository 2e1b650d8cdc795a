#pragma once
// What every fuzz target needs: libvips started once, quietly, and a private scratch folder in which the
// fuzzer's bytes become a file (the core reads files, as the tools give it paths).
// Thread rules: one fuzzing thread per process, as libFuzzer runs.

#include <cstddef>
#include <cstdint>
#include <filesystem>

namespace imgopt::fuzz {

// Starts libvips (one thread per pipeline, warnings off) and points the run state and the Trash at the
// scratch folder. Call from LLVMFuzzerInitialize.
void start(const char* argv0);

// The scratch folder of this process, on a tmpfs when there is one.
const std::filesystem::path& scratch();

// Writes `data` as the whole content of scratch()/`name` and returns its path.
std::filesystem::path writeInput(const std::uint8_t* data, std::size_t size, const char* name = "input");

}  // namespace imgopt::fuzz
