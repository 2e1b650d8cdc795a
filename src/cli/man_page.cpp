#include "man_page.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <sstream>
#include <vector>

namespace imgopt::cli {
namespace {

// "N:INT in [1 - 100]" -> "N": CLI11 appends its validators' descriptions to the value name.
std::string valueName(const CLI::Option& option) {
    const std::string full = option.get_type_name();
    return full.substr(0, full.find(':'));
}

std::string optionHeading(const CLI::Option& option) {
    std::vector<std::string> names;
    for (const auto& s : option.get_snames()) names.push_back("\\fB" + roffEscape("-" + s) + "\\fR");
    for (const auto& l : option.get_lnames()) names.push_back("\\fB" + roffEscape("--" + l) + "\\fR");
    std::string heading;
    for (const auto& n : names) heading += (heading.empty() ? "" : ", ") + n;
    if (option.get_type_size() > 0 && !valueName(option).empty())
        heading += " \\fI" + valueName(option) + "\\fR";
    return heading;
}

// CLI11's own notes on an option: what it cannot be combined with.
std::string optionNotes(const CLI::Option& option) {
    std::vector<std::string> excluded;
    for (const CLI::Option* other : option.get_excludes()) excluded.push_back(other->get_name());
    if (excluded.empty()) return {};
    std::sort(excluded.begin(), excluded.end());  // a set of pointers has no stable order
    std::string list;
    for (const auto& e : excluded) list += (list.empty() ? "" : ", ") + e;
    return " Cannot be combined with " + list + ".";
}

void writeHeader(std::ostream& out, const CLI::App& app, const std::string& version) {
    const std::string description = app.get_description();
    const std::string firstLine = description.substr(0, description.find('\n'));
    // "ImgOpt: makes folders ... data." -> "makes folders ... data"
    const auto colon = firstLine.find(": ");
    std::string purpose = colon == std::string::npos ? firstLine : firstLine.substr(colon + 2);
    if (!purpose.empty() && purpose.back() == '.') purpose.pop_back();
    out << ".\\\" imgopt(1), generated at build time from the options of imgopt --help. Do not edit.\n"
        << fmt::format(".TH IMGOPT 1 \"\" \"ImgOpt {}\" \"User Commands\"\n", version) << ".SH NAME\n"
        << "imgopt \\- " << roffEscape(purpose) << "\n";
}

void writeSynopsisAndDescription(std::ostream& out, const CLI::App& app) {
    const auto positionals = app.get_options([](const CLI::Option* o) { return o->get_positional(); });
    out << ".SH SYNOPSIS\n.B imgopt\n[\\fIOPTIONS\\fR]";
    for (const CLI::Option* p : positionals) out << " \\fI" << roffEscape(valueName(*p)) << "\\fR";
    out << "\n.SH DESCRIPTION\n";
    std::string description = app.get_description();
    std::replace(description.begin(), description.end(), '\n', ' ');
    out << roffEscape(description) << "\n";
    for (const CLI::Option* p : positionals) {
        out << ".TP\n\\fI" << roffEscape(valueName(*p)) << "\\fR\n"
            << roffEscape(p->get_description()) << "\n";
    }
}

void writeOptions(std::ostream& out, const CLI::App& app) {
    out << ".SH OPTIONS\n";
    for (const CLI::Option* option :
         app.get_options([](const CLI::Option* o) { return o->nonpositional(); })) {
        out << ".TP\n"
            << optionHeading(*option) << "\n"
            << roffEscape(option->get_description() + optionNotes(*option)) << "\n";
    }
}

// What the option table cannot say: exit codes, where outputs land, and typical calls.
void writeClosingSections(std::ostream& out) {
    out << R"(.SH OUTPUT PLACEMENT
By default a file ROOT/a/b.jpg found in a dropped folder ROOT is written to ROOT/a/optimized/b.jpg.
With \fB\-\-output\-dir\fR \fIDIR\fR it goes to DIR/ROOT/a/b.jpg, as if ROOT had been copied into DIR;
with \fB\-\-suffix\fR \fI_small\fR to ROOT/a/b_small.jpg; with \fB\-\-in\-place\fR it replaces
ROOT/a/b.jpg, and only when the result is smaller.
Every output is written to a temporary file in the target folder, read back, and only then renamed
into place, so a cancelled run leaves no partial files.
.SH ENVIRONMENT
.TP
.B IMGOPT_MEMORY_LIMIT
caps the memory the run plans for, as a size such as \fI400M\fR or \fI2G\fR (K, M, G and T are powers
of 1024).
Without it, tasks are admitted while their measured memory estimates fit into half of the available memory
(or of the cgroup's headroom); with it, into the limit less what the process uses before its first task.
A task whose estimate exceeds the whole budget runs alone.
.SH EXIT STATUS
.TP
.B 0
every file succeeded
.TP
.B 1
a file failed, or a path could not be read
.TP
.B 2
the command line is wrong
.TP
.B 130
the run was interrupted
.SH EXAMPLES
.TP
.B imgopt ~/Pictures/trip
optimizes every image under trip into optimized/ folders beside them
.TP
.B imgopt shop/ \-f webp \-\-quality 80 \-\-resize long:1600 \-\-report shop.html
converts to WebP at quality 80, at most 1600 pixels on the long edge, and writes an HTML report
.TP
.B imgopt photos/ \-\-dry\-run
shows each input, its planned output and the action, and writes nothing
.SH SEE ALSO
The desktop app, \fBimgopt\-gui\fR, runs the same engine; the presets it saves are the files
\fB\-\-preset\fR reads.
.BR vips (1)
is the image library underneath.
)";
}

}  // namespace

std::string roffEscape(const std::string& text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    bool wordStart = true;
    bool inOption = false;
    for (char c : text) {
        if (c == '\\') out += "\\e";
        // A dash that starts a word (--in-place), and every dash inside such a word, is a minus sign; a
        // dash inside an ordinary word (per-format) stays a hyphen.
        else if (c == '-' && (wordStart || inOption)) {
            out += "\\-";
            inOption = true;
        } else
            out += c;
        wordStart = c == ' ' || c == '(' || c == '[' || c == '\n' || c == '"';
        if (wordStart) inOption = false;
    }
    // Lines starting with . or ' would be read as requests.
    std::string guarded;
    std::istringstream lines(out);
    for (std::string line; std::getline(lines, line);) {
        if (!guarded.empty()) guarded += '\n';
        if (!line.empty() && (line.front() == '.' || line.front() == '\'')) guarded += "\\&";
        guarded += line;
    }
    return guarded;
}

std::string renderManPage(const CLI::App& app, const std::string& version) {
    std::ostringstream out;
    writeHeader(out, app, version);
    writeSynopsisAndDescription(out, app);
    writeOptions(out, app);
    writeClosingSections(out);
    return out.str();
}

}  // namespace imgopt::cli
