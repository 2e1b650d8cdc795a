// Options: parsing of every enumerated choice, validation bounds and the output-format rule.
#include "imgopt/options.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

using namespace imgopt;

namespace {
// What parseOutputFormat gives, with a parse failure recorded as a test failure.
std::optional<ImageFormat> convertTarget(std::string_view name) {
    auto parsed = parseOutputFormat(name);
    if (!parsed) {
        ADD_FAILURE() << name << ": " << parsed.error().message;
        return std::nullopt;
    }
    return *parsed;
}
}  // namespace

TEST(Options, DefaultsAreValid) {
    Options o;
    EXPECT_EQ(o.quality, 90);
    EXPECT_FALSE(o.convertTo.has_value()) << "each file keeps its format";
    EXPECT_EQ(o.metadata, MetadataMode::Icc);
    EXPECT_EQ(o.outputMode, OutputMode::OptimizedSubfolder);
    EXPECT_EQ(o.onConflict, ConflictPolicy::Rename);
    EXPECT_GT(o.maxPixels, 0u);
    EXPECT_TRUE(o.validate());
}

TEST(Options, QualityBounds) {
    Options o;
    for (int q : {1, 50, 90, 100}) {
        o.quality = q;
        EXPECT_TRUE(o.validate()) << q;
    }
    for (int q : {0, -5, 101, 1000}) {
        o.quality = q;
        const auto valid = o.validate();
        EXPECT_FALSE(valid) << q;
        EXPECT_EQ(valid.error().code, ErrorCode::InvalidSettings);
        EXPECT_NE(test::errorText(valid).find("quality"), std::string::npos) << test::errorText(valid);
    }
}

TEST(Options, PerFormatQuality) {
    Options o;
    o.quality = 80;
    o.formatQuality[ImageFormat::Webp] = 70;
    EXPECT_EQ(o.qualityFor(ImageFormat::Webp), 70);
    EXPECT_EQ(o.qualityFor(ImageFormat::Jpeg), 80);
    EXPECT_TRUE(o.validate());
    o.formatQuality[ImageFormat::Avif] = 0;
    EXPECT_FALSE(o.validate());
    o.formatQuality[ImageFormat::Avif] = 101;
    EXPECT_FALSE(o.validate());
}

TEST(Options, ModeSpecificValidation) {
    Options o;
    o.outputMode = OutputMode::OutputDir;
    o.outputDir.clear();
    EXPECT_FALSE(o.validate()) << "output-dir mode needs a folder";
    o.outputDir = "/tmp/out";
    EXPECT_TRUE(o.validate());

    Options s;
    s.outputMode = OutputMode::Suffix;
    s.suffix = "";
    EXPECT_FALSE(s.validate());
    s.suffix = "a/b";
    EXPECT_FALSE(s.validate());
    s.suffix = "-small";
    EXPECT_TRUE(s.validate());

    Options j;
    j.jobs = -1;
    EXPECT_FALSE(j.validate());
    Options p;
    p.maxPixels = 0;
    EXPECT_FALSE(p.validate());
}

TEST(Options, ParseResizeValid) {
    EXPECT_EQ(parseResize("none"), Resize{});
    EXPECT_EQ(parseResize("width:800"), (Resize{ResizeMode::Width, 800}));
    EXPECT_EQ(parseResize("height:600"), (Resize{ResizeMode::Height, 600}));
    EXPECT_EQ(parseResize("long:1920"), (Resize{ResizeMode::LongEdge, 1920}));
    EXPECT_EQ(parseResize("short:1"), (Resize{ResizeMode::ShortEdge, 1}));
}

TEST(Options, ParseResizeRejectsMalformed) {
    for (const char* bad : {"", "width", "width:", "width:0", "width:-5", "width:abc", "width:80x",
                            "depth:80", "800", "width:800:1", " width:800", "WIDTH:800x", "long:1.5"})
        EXPECT_FALSE(parseResize(bad).has_value()) << "'" << bad << "'";
}

TEST(Options, ResizeToStringRoundTrip) {
    for (const char* s : {"none", "width:800", "height:600", "long:1920", "short:100"}) {
        auto r = parseResize(s);
        ASSERT_TRUE(r.has_value()) << s;
        EXPECT_EQ(toString(*r), s);
    }
}

TEST(Options, ParseEnums) {
    EXPECT_EQ(convertTarget("original"), std::optional<ImageFormat>());
    EXPECT_EQ(convertTarget("jpeg"), std::optional(ImageFormat::Jpeg));
    EXPECT_EQ(convertTarget("jpg"), std::optional(ImageFormat::Jpeg));
    EXPECT_EQ(convertTarget("png"), std::optional(ImageFormat::Png));
    EXPECT_EQ(convertTarget("webp"), std::optional(ImageFormat::Webp));
    EXPECT_EQ(convertTarget("avif"), std::optional(ImageFormat::Avif));
    EXPECT_FALSE(parseOutputFormat("tiff").has_value()) << "TIFF is kept, never a conversion target";
    EXPECT_FALSE(parseOutputFormat("heic").has_value()) << "no HEVC encoder: heic is not an output format";
    EXPECT_FALSE(parseOutputFormat("bmp").has_value());
    EXPECT_FALSE(parseOutputFormat("").has_value());

    EXPECT_EQ(parseMetadataMode("none"), MetadataMode::None);
    EXPECT_EQ(parseMetadataMode("icc"), MetadataMode::Icc);
    EXPECT_EQ(parseMetadataMode("all"), MetadataMode::All);
    EXPECT_FALSE(parseMetadataMode("some").has_value());

    EXPECT_EQ(parseConflictPolicy("rename"), ConflictPolicy::Rename);
    EXPECT_EQ(parseConflictPolicy("overwrite"), ConflictPolicy::Overwrite);
    EXPECT_EQ(parseConflictPolicy("skip"), ConflictPolicy::Skip);
    EXPECT_FALSE(parseConflictPolicy("ask").has_value());

    for (auto m :
         {OutputMode::OptimizedSubfolder, OutputMode::OutputDir, OutputMode::Suffix, OutputMode::InPlace})
        EXPECT_EQ(parseOutputMode(toString(m)), m);
    EXPECT_FALSE(parseOutputMode("elsewhere").has_value());
    for (const auto& name : outputFormatChoices()) {
        auto parsed = parseOutputFormat(name);
        ASSERT_TRUE(parsed.has_value()) << name;
        EXPECT_EQ(outputFormatName(*parsed), name);
    }
    for (auto m : {MetadataMode::None, MetadataMode::Icc, MetadataMode::All})
        EXPECT_EQ(parseMetadataMode(toString(m)), m);
}

TEST(Options, ResolveOutputFormatOriginal) {
    EXPECT_EQ(resolveOutputFormat(std::nullopt, ImageFormat::Jpeg), ImageFormat::Jpeg);
    EXPECT_EQ(resolveOutputFormat(std::nullopt, ImageFormat::Png), ImageFormat::Png);
    EXPECT_EQ(resolveOutputFormat(std::nullopt, ImageFormat::Webp), ImageFormat::Webp);
    EXPECT_EQ(resolveOutputFormat(std::nullopt, ImageFormat::Avif), ImageFormat::Avif);
    EXPECT_EQ(resolveOutputFormat(std::nullopt, ImageFormat::Tiff), ImageFormat::Tiff);
    EXPECT_EQ(resolveOutputFormat(std::nullopt, ImageFormat::Heif), ImageFormat::Avif)
        << "HEIC becomes AVIF under original (no HEVC encoder)";
    const auto gif = resolveOutputFormat(std::nullopt, ImageFormat::Gif);
    EXPECT_TRUE(gif == ImageFormat::Gif) << "original keeps GIF (and its animation)";
}

TEST(Options, ResolveOutputFormatExplicit) {
    for (auto in :
         {ImageFormat::Jpeg, ImageFormat::Png, ImageFormat::Heif, ImageFormat::Tiff, ImageFormat::Gif}) {
        EXPECT_EQ(resolveOutputFormat(ImageFormat::Jpeg, in), ImageFormat::Jpeg);
        EXPECT_EQ(resolveOutputFormat(ImageFormat::Png, in), ImageFormat::Png);
        EXPECT_EQ(resolveOutputFormat(ImageFormat::Webp, in), ImageFormat::Webp);
        EXPECT_EQ(resolveOutputFormat(ImageFormat::Avif, in), ImageFormat::Avif);
    }
}

TEST(Options, QualityLabels) {
    EXPECT_EQ(qualityLabel(100), "Lossless");
    EXPECT_EQ(qualityLabel(90), "Near-lossless");
    EXPECT_EQ(qualityLabel(70), "Excellent");
    EXPECT_EQ(qualityLabel(50), "Good");
    EXPECT_EQ(qualityLabel(30), "Fair");
    EXPECT_EQ(qualityLabel(10), "Poor");
}

TEST(Options, EqualityIsValueEquality) {
    Options a, b;
    EXPECT_EQ(a, b);
    b.quality = 70;
    EXPECT_NE(a, b);
}

TEST(Options, ParseErrorsListWhatIsAccepted) {
    const auto format = parseOutputFormat("bmp");
    ASSERT_FALSE(format.has_value());
    EXPECT_EQ(format.error().code, ErrorCode::InvalidSettings);
    for (const auto& name : outputFormatChoices())
        EXPECT_NE(format.error().message.find(name), std::string::npos) << format.error().message;
    const auto policy = parseConflictPolicy("ask");
    ASSERT_FALSE(policy.has_value());
    EXPECT_NE(policy.error().message.find("rename, overwrite, skip"), std::string::npos)
        << policy.error().message;
    EXPECT_FALSE(parseResize("long:0").has_value());
    EXPECT_FALSE(parseResize("wide:10").has_value());
}

TEST(Options, AConversionTargetIsValidatedAgainstTheRegistry) {
    Options o;
    o.convertTo = ImageFormat::Heif;
    EXPECT_FALSE(o.validate()) << "HEIC is read but never written";
    o.convertTo = ImageFormat::Webp;
    EXPECT_TRUE(o.validate());
}

TEST(Options, AutoQualityIsValidEverywhere) {
    Options o;
    o.quality = Quality::automatic();
    EXPECT_TRUE(o.validate());
    EXPECT_TRUE(o.qualityFor(ImageFormat::Png).isAuto());
    o.quality = 80;
    o.formatQuality[ImageFormat::Jpeg] = Quality::automatic();
    EXPECT_TRUE(o.validate());
    EXPECT_TRUE(o.qualityFor(ImageFormat::Jpeg).isAuto());
    EXPECT_FALSE(o.qualityFor(ImageFormat::Webp).isAuto());
    EXPECT_EQ(o.qualityFor(ImageFormat::Webp), 80);
    // Where no search applies (animations, GIF), auto encodes at the fixed fallback.
    EXPECT_EQ(Quality::automatic().value(), Quality::kFallback);
    EXPECT_NE(Quality::automatic(), Quality(Quality::kFallback)) << "auto is not the number it falls back to";
}

TEST(Options, ParseQuality) {
    EXPECT_TRUE(parseQuality("auto")->isAuto());
    EXPECT_EQ(parseQuality("1"), Quality(1));
    EXPECT_EQ(parseQuality("90"), Quality(90));
    EXPECT_EQ(parseQuality("100"), Quality(100));
    for (const char* bad : {"", "0", "101", "-3", "9o", "Auto", "auto ", "90.5"}) {
        const auto q = parseQuality(bad);
        EXPECT_FALSE(q.has_value()) << "'" << bad << "'";
        if (!q) {
            EXPECT_NE(q.error().message.find("auto"), std::string::npos) << "the message lists auto";
        }
    }
    for (Quality q : {Quality::automatic(), Quality(1), Quality(55), Quality(100)})
        EXPECT_EQ(parseQuality(toString(q)), q) << toString(q);
}

TEST(Options, ParseVisualTarget) {
    EXPECT_EQ(Options{}.visualTarget, VisualTarget::High);
    for (auto t : {VisualTarget::High, VisualTarget::Balanced, VisualTarget::Small})
        EXPECT_EQ(parseVisualTarget(toString(t)), t);
    EXPECT_EQ(toString(VisualTarget::Balanced), "balanced");
    const auto bad = parseVisualTarget("best");
    ASSERT_FALSE(bad.has_value());
    EXPECT_NE(bad.error().message.find("high, balanced, small"), std::string::npos) << bad.error().message;
}
