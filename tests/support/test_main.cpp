// The main() of every test executable: starts libvips once (as the CLI and the GUI do), then runs the tests.
#include <cstdio>
#include <gtest/gtest.h>

#include "imgopt/runtime.hpp"

int main(int argc, char** argv) {
    testing::InitGoogleTest(&argc, argv);
    if (auto started = imgopt::initialize(argv[0]); !started) {
        std::fprintf(stderr, "%s\n", started.error().message.c_str());
        return 1;
    }
    imgopt::showLibraryWarnings(false);
    return RUN_ALL_TESTS();
}
