// The format registry: names, extensions and loader mapping come from one table.
#include <gtest/gtest.h>
#include <set>

#include "imgopt/format.hpp"

using namespace imgopt;

TEST(FormatRegistry, NamesRoundTrip) {
    for (const auto& info : allFormats()) {
        EXPECT_EQ(formatFromName(info.name), info.format) << info.name;
        EXPECT_EQ(&formatInfo(info.format), &info) << info.name;
    }
    EXPECT_EQ(formatFromName("jpeg"), ImageFormat::Jpeg);
    EXPECT_EQ(formatFromName("jpg"), ImageFormat::Jpeg);
    EXPECT_EQ(formatFromName("JPEG"), ImageFormat::Jpeg);
    EXPECT_EQ(formatFromName("png"), ImageFormat::Png);
    EXPECT_EQ(formatFromName("webp"), ImageFormat::Webp);
    EXPECT_EQ(formatFromName("avif"), ImageFormat::Avif);
    EXPECT_EQ(formatFromName("tif"), ImageFormat::Tiff);
    EXPECT_EQ(formatFromName("tiff"), ImageFormat::Tiff);
    EXPECT_EQ(formatFromName("gif"), ImageFormat::Gif);
    EXPECT_EQ(formatFromName("bmp"), ImageFormat::Unknown);
    EXPECT_EQ(formatFromName(""), ImageFormat::Unknown);
}

TEST(FormatRegistry, AllFormatsExcludesUnknownAndIsUnique) {
    std::set<ImageFormat> seen;
    std::set<std::string_view> names;
    for (const auto& info : allFormats()) {
        EXPECT_NE(info.format, ImageFormat::Unknown);
        EXPECT_TRUE(seen.insert(info.format).second);
        EXPECT_TRUE(names.insert(info.name).second);
        EXPECT_FALSE(info.canonicalExt.empty()) << info.name;
        EXPECT_EQ(info.canonicalExt.front(), '.');
        EXPECT_GT(info.encodeMemoryFactor, 0.0);
        // The canonical extension is one of its own extensions.
        bool found = false;
        for (auto e : info.extensions) found |= e == info.canonicalExt;
        EXPECT_TRUE(found) << info.name;
    }
    for (auto f : {ImageFormat::Jpeg, ImageFormat::Png, ImageFormat::Webp, ImageFormat::Avif, ImageFormat::Heif,
                   ImageFormat::Tiff, ImageFormat::Gif})
        EXPECT_TRUE(seen.count(f)) << "registry misses a readable format";
}

TEST(FormatRegistry, OutputFormatsAreWritable) {
    for (auto f : {ImageFormat::Jpeg, ImageFormat::Png, ImageFormat::Webp, ImageFormat::Avif})
        EXPECT_TRUE(formatInfo(f).writable()) << formatInfo(f).name;
    EXPECT_FALSE(formatInfo(ImageFormat::Unknown).writable());
    EXPECT_FALSE(formatInfo(ImageFormat::Heif).writable()) << "no HEVC encoder we may ship";
    for (ImageFormat f : conversionTargets()) EXPECT_TRUE(formatInfo(f).writable()) << formatInfo(f).name;
}

TEST(FormatRegistry, ConversionTargetsInMenuOrder) {
    EXPECT_EQ(conversionTargets(),
              (std::vector{ImageFormat::Jpeg, ImageFormat::Png, ImageFormat::Webp, ImageFormat::Avif}));
}

TEST(FormatRegistry, DisplayNamesAndDialogGlobsComeFromTheRegistry) {
    EXPECT_EQ(formatInfo(ImageFormat::Webp).displayName, "WebP");
    EXPECT_EQ(formatInfo(ImageFormat::Jpeg).displayName, "JPEG");
    const std::string globs = extensionGlobs();
    for (const auto& info : allFormats())
        for (auto e : info.extensions)
            EXPECT_NE(globs.find("*" + std::string(e)), std::string::npos) << e;
    EXPECT_NE(globs.find("*.jfif"), std::string::npos) << "the open dialog once missed .jfif";
    EXPECT_NE(globs.find("*.jpe "), std::string::npos) << "the open dialog once missed .jpe";
}

TEST(FormatRegistry, LoadersMapToFormats) {
    EXPECT_EQ(formatFromLoader("jpegload_source"), ImageFormat::Jpeg);
    EXPECT_EQ(formatFromLoader("heifload"), ImageFormat::Heif) << "the header reader tells AVIF from HEIC";
    EXPECT_EQ(formatFromLoader("magickload"), ImageFormat::Unknown);
    EXPECT_EQ(formatFromName("jpg"), ImageFormat::Jpeg);
    EXPECT_EQ(formatFromName("TIF"), ImageFormat::Tiff);
    EXPECT_EQ(formatFromName("bmp"), ImageFormat::Unknown);
}

TEST(FormatRegistry, ExtensionsCaseInsensitive) {
    EXPECT_EQ(formatFromExtension("a/b/photo.jpg"), ImageFormat::Jpeg);
    EXPECT_EQ(formatFromExtension("photo.JPEG"), ImageFormat::Jpeg);
    EXPECT_EQ(formatFromExtension("photo.Png"), ImageFormat::Png);
    EXPECT_EQ(formatFromExtension("photo.webp"), ImageFormat::Webp);
    EXPECT_EQ(formatFromExtension("photo.avif"), ImageFormat::Avif);
    EXPECT_EQ(formatFromExtension("photo.heic"), ImageFormat::Heif);
    EXPECT_EQ(formatFromExtension("photo.HEIF"), ImageFormat::Heif);
    EXPECT_EQ(formatFromExtension("UPPERCASE.TIF"), ImageFormat::Tiff);
    EXPECT_EQ(formatFromExtension("x.tiff"), ImageFormat::Tiff);
    EXPECT_EQ(formatFromExtension("anim.gif"), ImageFormat::Gif);
    EXPECT_EQ(formatFromExtension("space name \xc3\xa9.jpg"), ImageFormat::Jpeg);
    EXPECT_EQ(formatFromExtension("notes.txt"), ImageFormat::Unknown);
    EXPECT_EQ(formatFromExtension("noext"), ImageFormat::Unknown);
    EXPECT_EQ(formatFromExtension(".jpg"), ImageFormat::Unknown) << "a hidden file named .jpg has no extension";
}

TEST(FormatRegistry, HasImageExtension) {
    EXPECT_TRUE(hasImageExtension("a.jpg"));
    EXPECT_TRUE(hasImageExtension("a.TIF"));
    EXPECT_FALSE(hasImageExtension("a.txt"));
    EXPECT_FALSE(hasImageExtension("README"));
}

TEST(FormatRegistry, LoaderMapping) {
    EXPECT_EQ(formatFromLoader("jpegload"), ImageFormat::Jpeg);
    EXPECT_EQ(formatFromLoader("jpegload_source"), ImageFormat::Jpeg);
    EXPECT_EQ(formatFromLoader("pngload"), ImageFormat::Png);
    EXPECT_EQ(formatFromLoader("pngload_source"), ImageFormat::Png);
    EXPECT_EQ(formatFromLoader("webpload"), ImageFormat::Webp);
    EXPECT_EQ(formatFromLoader("tiffload"), ImageFormat::Tiff);
    EXPECT_EQ(formatFromLoader("gifload"), ImageFormat::Gif);
    const auto heif = formatFromLoader("heifload");
    EXPECT_TRUE(heif == ImageFormat::Heif || heif == ImageFormat::Avif);
    EXPECT_EQ(formatFromLoader("magickload"), ImageFormat::Unknown);
    EXPECT_EQ(formatFromLoader("pdfload"), ImageFormat::Unknown);
    EXPECT_EQ(formatFromLoader("svgload"), ImageFormat::Unknown);
    EXPECT_EQ(formatFromLoader(""), ImageFormat::Unknown);
}
