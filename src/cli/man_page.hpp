#pragma once
// imgopt(1): the manual page in roff (the man macros), written from the CLI11 App that parseCommandLine()
// builds. Name, synopsis, description and every option come from that App, so the man page lists exactly
// what --help lists; only the closing sections (exit status, output placement, examples) are written here.

#include <string>

namespace CLI {
class App;
}

namespace imgopt::cli {

std::string renderManPage(const CLI::App& app, const std::string& version);

// `text` made safe for roff: backslashes escaped, option dashes as \- (so they copy as ASCII hyphen-minus),
// and a line that would start with a control character guarded.
std::string roffEscape(const std::string& text);

}  // namespace imgopt::cli
