#pragma once
// Presets: Options as JSON, shared by the GUI's named presets and the CLI's --preset FILE.
// Unknown keys are ignored (forward compatible); a key with a wrong value is an error.

#include <filesystem>
#include <string>

#include "imgopt/options.hpp"
#include "imgopt/result.hpp"

namespace imgopt {

std::string optionsToJson(const Options& options, int indent = 2);
// The keys present in `json` applied on top of `base`; an error when any key is invalid.
Expected<Options> optionsFromJson(const std::string& json, const Options& base);

Expected<Options> loadPreset(const std::filesystem::path& file, const Options& base);
Status savePreset(const std::filesystem::path& file, const Options& options);

}  // namespace imgopt
