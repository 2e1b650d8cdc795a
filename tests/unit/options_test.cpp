// Options: parsing of every enumerated choice, validation bounds and the output-format rule.
#include <gtest/gtest.h>

#include "imgopt/options.hpp"

using namespace imgopt;

TEST(Options, DefaultsAreValid) {
    Options o;
    EXPECT_EQ(o.quality, 90);
    EXPECT_EQ(o.format, OutputFormat::Original);
    EXPECT_EQ(o.metadata, MetadataMode::Icc);
    EXPECT_EQ(o.outputMode, OutputMode::OptimizedSubfolder);
    EXPECT_EQ(o.onConflict, ConflictPolicy::Rename);
    EXPECT_GT(o.maxPixels, 0u);
    EXPECT_EQ(o.validate(), "");
}

TEST(Options, QualityBounds) {
    Options o;
    for (int q : {1, 50, 90, 100}) {
        o.quality = q;
        EXPECT_EQ(o.validate(), "") << q;
    }
    for (int q : {0, -5, 101, 1000}) {
        o.quality = q;
        const auto msg = o.validate();
        EXPECT_FALSE(msg.empty()) << q;
        EXPECT_NE(msg.find("quality"), std::string::npos) << msg;
    }
}

TEST(Options, PerFormatQuality) {
    Options o;
    o.quality = 80;
    o.formatQuality[ImageFormat::Webp] = 70;
    EXPECT_EQ(o.qualityFor(ImageFormat::Webp), 70);
    EXPECT_EQ(o.qualityFor(ImageFormat::Jpeg), 80);
    EXPECT_EQ(o.validate(), "");
    o.formatQuality[ImageFormat::Avif] = 0;
    EXPECT_FALSE(o.validate().empty());
    o.formatQuality[ImageFormat::Avif] = 101;
    EXPECT_FALSE(o.validate().empty());
}

TEST(Options, ModeSpecificValidation) {
    Options o;
    o.outputMode = OutputMode::OutputDir;
    o.outputDir.clear();
    EXPECT_FALSE(o.validate().empty()) << "output-dir mode needs a folder";
    o.outputDir = "/tmp/out";
    EXPECT_EQ(o.validate(), "");

    Options s;
    s.outputMode = OutputMode::Suffix;
    s.suffix = "";
    EXPECT_FALSE(s.validate().empty());
    s.suffix = "a/b";
    EXPECT_FALSE(s.validate().empty());
    s.suffix = "-small";
    EXPECT_EQ(s.validate(), "");

    Options j;
    j.jobs = -1;
    EXPECT_FALSE(j.validate().empty());
    Options p;
    p.maxPixels = 0;
    EXPECT_FALSE(p.validate().empty());
}

TEST(Options, ParseResizeValid) {
    EXPECT_EQ(parseResize("none"), Resize{});
    EXPECT_EQ(parseResize("width:800"), (Resize{ResizeMode::Width, 800}));
    EXPECT_EQ(parseResize("height:600"), (Resize{ResizeMode::Height, 600}));
    EXPECT_EQ(parseResize("long:1920"), (Resize{ResizeMode::LongEdge, 1920}));
    EXPECT_EQ(parseResize("short:1"), (Resize{ResizeMode::ShortEdge, 1}));
}

TEST(Options, ParseResizeRejectsMalformed) {
    for (const char* bad : {"", "width", "width:", "width:0", "width:-5", "width:abc", "width:80x", "depth:80",
                            "800", "width:800:1", " width:800", "WIDTH:800x", "long:1.5"})
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
    EXPECT_EQ(parseOutputFormat("original"), OutputFormat::Original);
    EXPECT_EQ(parseOutputFormat("jpeg"), OutputFormat::Jpeg);
    EXPECT_EQ(parseOutputFormat("png"), OutputFormat::Png);
    EXPECT_EQ(parseOutputFormat("webp"), OutputFormat::Webp);
    EXPECT_EQ(parseOutputFormat("avif"), OutputFormat::Avif);
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

    for (auto m : {OutputMode::OptimizedSubfolder, OutputMode::OutputDir, OutputMode::Suffix, OutputMode::InPlace})
        EXPECT_EQ(parseOutputMode(toString(m)), m);
    EXPECT_FALSE(parseOutputMode("elsewhere").has_value());
    for (auto f : {OutputFormat::Original, OutputFormat::Jpeg, OutputFormat::Png, OutputFormat::Webp,
                   OutputFormat::Avif})
        EXPECT_EQ(parseOutputFormat(toString(f)), f);
    for (auto m : {MetadataMode::None, MetadataMode::Icc, MetadataMode::All})
        EXPECT_EQ(parseMetadataMode(toString(m)), m);
}

TEST(Options, ResolveOutputFormatOriginal) {
    EXPECT_EQ(resolveOutputFormat(OutputFormat::Original, ImageFormat::Jpeg), ImageFormat::Jpeg);
    EXPECT_EQ(resolveOutputFormat(OutputFormat::Original, ImageFormat::Png), ImageFormat::Png);
    EXPECT_EQ(resolveOutputFormat(OutputFormat::Original, ImageFormat::Webp), ImageFormat::Webp);
    EXPECT_EQ(resolveOutputFormat(OutputFormat::Original, ImageFormat::Avif), ImageFormat::Avif);
    EXPECT_EQ(resolveOutputFormat(OutputFormat::Original, ImageFormat::Tiff), ImageFormat::Tiff);
    EXPECT_EQ(resolveOutputFormat(OutputFormat::Original, ImageFormat::Heif), ImageFormat::Avif)
        << "HEIC becomes AVIF under original (no HEVC encoder)";
    const auto gif = resolveOutputFormat(OutputFormat::Original, ImageFormat::Gif);
    EXPECT_TRUE(gif == ImageFormat::Gif) << "original keeps GIF (and its animation)";
}

TEST(Options, ResolveOutputFormatExplicit) {
    for (auto in : {ImageFormat::Jpeg, ImageFormat::Png, ImageFormat::Heif, ImageFormat::Tiff, ImageFormat::Gif}) {
        EXPECT_EQ(resolveOutputFormat(OutputFormat::Jpeg, in), ImageFormat::Jpeg);
        EXPECT_EQ(resolveOutputFormat(OutputFormat::Png, in), ImageFormat::Png);
        EXPECT_EQ(resolveOutputFormat(OutputFormat::Webp, in), ImageFormat::Webp);
        EXPECT_EQ(resolveOutputFormat(OutputFormat::Avif, in), ImageFormat::Avif);
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
