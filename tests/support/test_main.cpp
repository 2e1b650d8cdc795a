// The main() of every test executable: starts libvips once (as the CLI and the GUI do), points the run state
// and the Trash at a private folder (inherited by the CLI processes the tests start), then runs the tests.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>

#include "imgopt/runtime.hpp"
#include "test_support.hpp"

int main(int argc, char** argv) {
    testing::InitGoogleTest(&argc, argv);
    // A test must never read or write the user's run state or Trash; every test process gets its own.
    const imgopt::test::TempDir home("imgopt-test-home");
    setenv("XDG_STATE_HOME", (home / "state").c_str(), 1);
    setenv("XDG_DATA_HOME", (home / "data").c_str(), 1);
    if (auto started = imgopt::initialize(argv[0]); !started) {
        std::fprintf(stderr, "%s\n", started.error().message.c_str());
        return 1;
    }
    imgopt::showLibraryWarnings(false);
    return RUN_ALL_TESTS();
}
