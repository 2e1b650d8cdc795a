// The memory model against the task peaks that benchmarks/imgopt-memory-model measured (tests/data/
// memory_model.json; docs/benchmarks.md, "Memory model"): every estimate at least the measured peak, so that
// admission never plans more than there is, and at most twice it, so that it never idles a worker for
// nothing.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "batch_sizer.hpp"

using namespace imgopt;

TEST(MemoryModel, EstimatesHoldAgainstMeasuredPeaks) {
    std::ifstream in(std::string(IMGOPT_TEST_DATA_DIR) + "/memory_model.json");
    ASSERT_TRUE(in) << "tests/data/memory_model.json is missing";
    const auto recorded = nlohmann::json::parse(in)["measurements"];
    ASSERT_GE(recorded.size(), 30u);
    for (const auto& m : recorded) {
        ImageHeader h;
        h.format = formatFromName(m["input"].get<std::string>());
        h.width = m["width"];
        h.height = m["height"];
        h.bands = m["bands"];
        h.hasAlpha = h.bands == 2 || h.bands == 4;
        const std::string output = m["output"];
        const ImageFormat out = output == "original" ? h.format : formatFromName(output);
        const double peak = m["peakBytes"];
        const double estimate = double(estimateTaskBytes(h, h.width, h.height, out));
        const std::string what = output + " from " + m["input"].get<std::string>() + " " +
                                 std::to_string(h.width) + "x" + std::to_string(h.height) + ", " +
                                 std::to_string(h.bands) + " bands";
        EXPECT_GE(estimate, peak) << what << ": the estimate is below the measured peak";
        EXPECT_LE(estimate, 2.0 * peak) << what << ": the estimate is more than twice the measured peak";
    }
}
