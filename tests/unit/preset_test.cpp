// Presets: Options <-> JSON, unknown keys ignored, wrong values rejected.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "imgopt/preset.hpp"
#include "test_support.hpp"

using namespace imgopt;
using nlohmann::json;

namespace {

Options unusualOptions() {
    Options o;
    o.format = OutputFormat::Webp;
    o.quality = 73;
    o.formatQuality[ImageFormat::Avif] = 55;
    o.formatQuality[ImageFormat::Jpeg] = 81;
    o.resize = Resize{ResizeMode::LongEdge, 1600};
    o.metadata = MetadataMode::All;
    o.keepDates = true;
    o.outputMode = OutputMode::Suffix;
    o.suffix = "-small";
    o.onConflict = ConflictPolicy::Skip;
    o.allowLarger = true;
    o.maxPixels = 12345678;
    o.includeHidden = true;
    return o;
}

// The key under which a preset stores `wanted`, or "" (reported as a failure by the caller).
std::string keyHolding(const json& j, const json& wanted, std::initializer_list<const char*> candidates) {
    for (const char* k : candidates)
        if (j.contains(k) && j[k] == wanted) return k;
    return {};
}

}  // namespace

TEST(Preset, RoundTripKeepsEveryField) {
    const Options original = unusualOptions();
    const std::string text = optionsToJson(original);
    json parsed;
    ASSERT_NO_THROW(parsed = json::parse(text)) << text;
    EXPECT_TRUE(parsed.is_object());
    Options back;  // defaults
    EXPECT_EQ(optionsFromJson(text, back), "") << text;
    EXPECT_EQ(back.format, original.format);
    EXPECT_EQ(back.quality, original.quality);
    EXPECT_EQ(back.formatQuality, original.formatQuality);
    EXPECT_EQ(back.resize, original.resize);
    EXPECT_EQ(back.metadata, original.metadata);
    EXPECT_EQ(back.keepDates, original.keepDates);
    EXPECT_EQ(back.onConflict, original.onConflict);
    EXPECT_EQ(back.allowLarger, original.allowLarger);
    EXPECT_EQ(back.maxPixels, original.maxPixels);
    EXPECT_EQ(back.includeHidden, original.includeHidden);
    EXPECT_EQ(back.suffix, original.suffix);
}

TEST(Preset, DefaultsRoundTrip) {
    Options back = unusualOptions();
    EXPECT_EQ(optionsFromJson(optionsToJson(Options{}), back), "");
    EXPECT_EQ(back.format, Options{}.format);
    EXPECT_EQ(back.quality, 90);
    EXPECT_EQ(back.resize, Resize{});
    EXPECT_EQ(back.metadata, MetadataMode::Icc);
}

TEST(Preset, PartialJsonAppliesOnTopOfBase) {
    Options base = unusualOptions();
    const json full = json::parse(optionsToJson(Options{}));
    const std::string qKey = keyHolding(full, 90, {"quality"});
    ASSERT_FALSE(qKey.empty()) << "preset JSON has no \"quality\" key: " << full.dump();
    json partial;
    partial[qKey] = 42;
    EXPECT_EQ(optionsFromJson(partial.dump(), base), "");
    EXPECT_EQ(base.quality, 42);
    EXPECT_EQ(base.format, OutputFormat::Webp) << "keys not present keep the base value";
    EXPECT_EQ(base.metadata, MetadataMode::All);
}

TEST(Preset, UnknownKeysAreIgnored) {
    Options base;
    EXPECT_EQ(optionsFromJson(R"({"someFutureKey": [1, 2, 3], "another": {"x": 1}})", base), "");
    EXPECT_EQ(base, Options{});
}

TEST(Preset, RejectsMalformedJson) {
    Options base;
    EXPECT_NE(optionsFromJson("{not json", base), "");
    EXPECT_NE(optionsFromJson("", base), "");
    EXPECT_NE(optionsFromJson("[1,2]", base), "") << "a preset is an object";
}

TEST(Preset, RejectsBadValues) {
    const json full = json::parse(optionsToJson(Options{}));
    ASSERT_TRUE(full.contains("quality")) << full.dump();
    const std::string fmtKey = keyHolding(full, "original", {"format", "outputFormat"});
    ASSERT_FALSE(fmtKey.empty()) << full.dump();
    const std::string resizeKey = keyHolding(full, "none", {"resize"});
    const std::string metaKey = keyHolding(full, "icc", {"keepMetadata", "metadata", "keep-metadata"});

    std::vector<json> bad;
    bad.push_back({{"quality", 0}});
    bad.push_back({{"quality", 101}});
    bad.push_back({{"quality", "high"}});
    bad.push_back({{fmtKey, "bmp"}});
    bad.push_back({{fmtKey, 3}});
    if (!resizeKey.empty()) bad.push_back({{resizeKey, "width:0"}});
    if (!resizeKey.empty()) bad.push_back({{resizeKey, "sideways:10"}});
    if (!metaKey.empty()) bad.push_back({{metaKey, "everything"}});
    for (const auto& j : bad) {
        Options base;
        EXPECT_NE(optionsFromJson(j.dump(), base), "") << "accepted " << j.dump();
    }
}

TEST(Preset, FileRoundTrip) {
    test::TempDir dir;
    const auto file = dir / "my preset.json";
    const Options o = unusualOptions();
    ASSERT_EQ(savePreset(file, o), "");
    ASSERT_TRUE(std::filesystem::exists(file));
    Options back;
    EXPECT_EQ(loadPreset(file, back), "");
    EXPECT_EQ(back.quality, o.quality);
    EXPECT_EQ(back.format, o.format);
    EXPECT_EQ(back.resize, o.resize);

    Options missing;
    EXPECT_NE(loadPreset(dir / "nope.json", missing), "");
}
