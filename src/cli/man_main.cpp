// imgopt-manpage: writes imgopt(1) for the build, from the same option definitions as imgopt --help.
// `imgopt-manpage FILE` (stdout without FILE). A build tool: it is not installed, its output is.

#include <cstdio>
#include <fstream>

#include "cli_options.hpp"

int main(int argc, char** argv) {
    const std::string page = imgopt::cli::manPage();
    if (argc < 2) return std::fputs(page.c_str(), stdout) < 0 ? 1 : 0;
    std::ofstream out(argv[1], std::ios::binary | std::ios::trunc);
    out << page;
    out.close();
    if (!out) {
        std::fprintf(stderr, "imgopt-manpage: cannot write %s\n", argv[1]);
        return 1;
    }
    return 0;
}
