#pragma once
// Presets: Options as JSON, shared by the GUI's named presets and the CLI's --preset FILE.
// Unknown keys are ignored (forward compatible); a key with a wrong value is an error.

#include <filesystem>
#include <string>

#include "imgopt/options.hpp"

namespace imgopt {

std::string optionsToJson(const Options& options, int indent = 2);
// Applies the keys present in `json` on top of `base`. Returns an error text or "".
std::string optionsFromJson(const std::string& json, Options& base);

std::string loadPreset(const std::filesystem::path& file, Options& base);
std::string savePreset(const std::filesystem::path& file, const Options& options);

}  // namespace imgopt
