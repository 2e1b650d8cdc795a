// The format registry: names, extensions and loader mapping come from one table.
#include "imgopt/format.hpp"

#include <gtest/gtest.h>

#include <set>

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
        // A fitted factor may be zero where a format has no such cost, never negative; every format costs
        // something.
        for (double f : {info.decodeMemoryFactor, info.encodeMemoryFactor, info.encodeSmallFrameBytes,
                         info.encodeColourBytes, info.encodeAlphaBytes})
            EXPECT_GE(f, 0.0) << info.name;
        EXPECT_GT(info.decodeMemoryFactor + info.encodeMemoryFactor + info.encodeColourBytes, 0.0)
            << info.name;
        // The canonical extension is one of its own extensions.
        bool found = false;
        for (auto e : info.extensions) found |= e == info.canonicalExt;
        EXPECT_TRUE(found) << info.name;
    }
    for (auto f : {ImageFormat::Jpeg, ImageFormat::Png, ImageFormat::Webp, ImageFormat::Avif,
                   ImageFormat::Heif, ImageFormat::Tiff, ImageFormat::Gif})
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
        for (auto e : info.extensions) EXPECT_NE(globs.find("*" + std::string(e)), std::string::npos) << e;
    EXPECT_NE(globs.find("*.jfif"), std::string::npos) << "the open dialog once missed .jfif";
    EXPECT_NE(globs.find("*.jpe "), std::string::npos) << "the open dialog once missed .jpe";
}

TEST(FormatRegistry, NamesMapToFormats) {
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
    EXPECT_EQ(formatFromExtension(".jpg"), ImageFormat::Unknown)
        << "a hidden file named .jpg has no extension";
}

TEST(FormatRegistry, HasImageExtension) {
    EXPECT_TRUE(hasImageExtension("a.jpg"));
    EXPECT_TRUE(hasImageExtension("a.TIF"));
    EXPECT_FALSE(hasImageExtension("a.txt"));
    EXPECT_FALSE(hasImageExtension("README"));
}

TEST(FormatRegistry, ContentSniffingTellsFormatsApart) {
    using namespace std::string_view_literals;
    EXPECT_EQ(formatFromContent("\xff\xd8\xff\xe0\0\x10JFIF"sv), ImageFormat::Jpeg);
    EXPECT_EQ(formatFromContent("\x89PNG\r\n\x1a\n\0\0\0\rIHDR"sv), ImageFormat::Png);
    EXPECT_EQ(formatFromContent("RIFF\x10\0\0\0WEBPVP8 "sv), ImageFormat::Webp);
    EXPECT_EQ(formatFromContent("RIFF\x10\0\0\0WAVEfmt "sv), ImageFormat::Unknown)
        << "a RIFF that is not WebP";
    EXPECT_EQ(formatFromContent("GIF89a\x01\0\x01\0"sv), ImageFormat::Gif);
    EXPECT_EQ(formatFromContent("II*\0\x08\0\0\0"sv), ImageFormat::Tiff);
    EXPECT_EQ(formatFromContent("MM\0*\0\0\0\x08"sv), ImageFormat::Tiff);
    EXPECT_EQ(formatFromContent("\0\0\0\x1c"
                                "ftypavif\0\0\0\0avifmif1"sv),
              ImageFormat::Avif);
    EXPECT_EQ(formatFromContent("\0\0\0\x18"
                                "ftypheic\0\0\0\0mif1heic"sv),
              ImageFormat::Heif);
    EXPECT_EQ(formatFromContent("%PDF-1.7"sv), ImageFormat::Unknown);
    EXPECT_EQ(formatFromContent("<svg xmlns="sv), ImageFormat::Unknown);
    EXPECT_EQ(formatFromContent(""sv), ImageFormat::Unknown);
    EXPECT_EQ(formatFromContent("\xff\xd8"sv), ImageFormat::Unknown) << "too short to be sure";
}

TEST(FormatRegistry, ContentSniffingOfShortHeadsAnswersAndNeverThrows) {
    using namespace std::string_view_literals;
    // fuzz_header found that six bytes "RIFF\xa0\x01" threw std::out_of_range out of the WebP sniffer, which
    // ended the whole process. A head shorter than a signature is answered like any other.
    for (std::string_view whole : {"RIFF\x10\0\0\0WEBPVP8 "sv, "\x89PNG\r\n\x1a\n\0"sv, "GIF89a\x01\0"sv,
                                   "\0\0\0\x1c"
                                   "ftypavif\0\0\0\0"sv,
                                   "II*\0\x08\0"sv})
        for (std::size_t n = 0; n < 8; ++n) {
            ImageFormat got = ImageFormat::Jpeg;
            EXPECT_NO_THROW(got = formatFromContent(whole.substr(0, n)))
                << n << " bytes of " << whole.substr(0, 4);
            if (n < 4) {
                EXPECT_EQ(got, ImageFormat::Unknown) << n << " bytes";
            }
        }
    EXPECT_EQ(formatFromContent("RIFF\xa0\x01"sv), ImageFormat::Unknown);
}
