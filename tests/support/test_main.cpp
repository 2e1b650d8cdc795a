// The main() of every test executable: starts libvips once (as the CLI and the GUI do), then runs the tests.
#include <cstdio>
#include <gtest/gtest.h>
#include <string>

#include "imgopt/vips_runtime.hpp"

int main(int argc, char** argv) {
    testing::InitGoogleTest(&argc, argv);
    std::string error;
    if (!imgopt::initVips(argv[0], &error)) {
        std::fprintf(stderr, "cannot start libvips: %s\n", error.c_str());
        return 1;
    }
    imgopt::showVipsWarnings(false);
    return RUN_ALL_TESTS();
}
