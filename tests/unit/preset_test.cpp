// Presets: Options <-> JSON, unknown keys ignored, wrong values rejected.
#include "imgopt/preset.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

using namespace imgopt;
using nlohmann::json;

namespace {

Options unusualOptions() {
    Options o;
    o.convertTo = ImageFormat::Webp;
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
    auto parsedBack = optionsFromJson(text, Options{});  // on top of the defaults
    ASSERT_TRUE(parsedBack.has_value()) << text;
    const Options& back = *parsedBack;
    EXPECT_EQ(back.convertTo, original.convertTo);
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
    auto parsed = optionsFromJson(optionsToJson(Options{}), unusualOptions());
    ASSERT_TRUE(parsed.has_value());
    const Options& back = *parsed;
    EXPECT_EQ(back.convertTo, Options{}.convertTo);
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
    auto applied = optionsFromJson(partial.dump(), base);
    ASSERT_TRUE(applied.has_value());
    EXPECT_EQ(applied->quality, 42);
    EXPECT_EQ(applied->convertTo, std::optional(ImageFormat::Webp)) << "keys not present keep the base value";
    EXPECT_EQ(applied->metadata, MetadataMode::All);
}

TEST(Preset, UnknownKeysAreIgnored) {
    EXPECT_EQ(optionsFromJson(R"({"someFutureKey": [1, 2, 3], "another": {"x": 1}})", Options{}), Options{});
}

TEST(Preset, RejectsMalformedJson) {
    EXPECT_FALSE(optionsFromJson("{not json", Options{}));
    EXPECT_FALSE(optionsFromJson("", Options{}));
    EXPECT_FALSE(optionsFromJson("[1,2]", Options{})) << "a preset is an object";
    EXPECT_EQ(optionsFromJson("[1,2]", Options{}).error().code, ErrorCode::InvalidSettings);
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
        EXPECT_FALSE(optionsFromJson(j.dump(), Options{})) << "accepted " << j.dump();
    }
}

TEST(Preset, AutoQualityAndVisualTargetRoundTrip) {
    Options o;
    o.quality = Quality::automatic();
    o.formatQuality[ImageFormat::Png] = 95;
    o.formatQuality[ImageFormat::Webp] = Quality::automatic();
    o.visualTarget = VisualTarget::Small;
    const json j = json::parse(optionsToJson(o));
    EXPECT_EQ(j["quality"], "auto");
    EXPECT_EQ(j["formatQuality"]["webp"], "auto");
    EXPECT_EQ(j["formatQuality"]["png"], 95);
    EXPECT_EQ(j["visualTarget"], "small");
    auto back = optionsFromJson(j.dump(), Options{});
    ASSERT_TRUE(back.has_value()) << test::errorText(back);
    EXPECT_TRUE(back->quality.isAuto());
    EXPECT_EQ(back->formatQuality, o.formatQuality);
    EXPECT_EQ(back->visualTarget, VisualTarget::Small);
    EXPECT_EQ(*back, o);
    for (const json& bad : {json{{"quality", "automatic"}}, json{{"visualTarget", "best"}},
                            json{{"formatQuality", {{"jpeg", "high"}}}}, json{{"visualTarget", 1}}})
        EXPECT_FALSE(optionsFromJson(bad.dump(), Options{})) << "accepted " << bad.dump();
}

TEST(Preset, FileRoundTrip) {
    test::TempDir dir;
    const auto file = dir / "my preset.json";
    const Options o = unusualOptions();
    ASSERT_TRUE(savePreset(file, o));
    ASSERT_TRUE(std::filesystem::exists(file));
    auto back = loadPreset(file, Options{});
    ASSERT_TRUE(back.has_value()) << test::errorText(back);
    EXPECT_EQ(back->quality, o.quality);
    EXPECT_EQ(back->convertTo, o.convertTo);
    EXPECT_EQ(back->resize, o.resize);

    const auto missing = loadPreset(dir / "nope.json", Options{});
    ASSERT_FALSE(missing.has_value());
    EXPECT_NE(missing.error().message.find("nope.json"), std::string::npos) << missing.error().message;
}
