#pragma once
// Generates real test images with vips-cpp, and reads back what a written file holds.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>
#include <vips/vips8>

namespace imgopt::test {

namespace fs = std::filesystem;

struct ImageSpec {
    int width = 64;
    int height = 48;
    int bands = 3;            // 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA
    bool sixteenBit = false;  // ushort samples (PNG/TIFF)
    bool noise = true;        // photo-like texture (compresses like a photo), else a smooth gradient
    int orientation = 0;      // EXIF orientation to write (JPEG), 0 = none
    int quality = 95;         // JPEG/WebP/AVIF save quality
    bool cmyk = false;        // JPEG: CMYK pixels
    bool withExif = false;    // JPEG: write some EXIF fields (orientation implies EXIF)
    bool withIcc = false;     // attach the built-in sRGB profile
};

// Writes an image of the given spec; the format comes from the file extension (.jpg .png .webp .tif .gif
// .avif).
void makeImage(const fs::path& file, const ImageSpec& spec = {});
// A test card in memory for the encoders' own tests: detail, a smooth ramp and, for 4 bands, partial
// transparency; 1 band is its grey version. Materialised once, so that two encoders see the same noise.
vips::VImage testCard(int width, int height, int bands);
// A 3-frame animated GIF of w x h frames.
void makeAnimatedGif(const fs::path& file, int width = 32, int height = 24, int frames = 3);
// A GIF whose header claims `frames` frames of `width` x `height` (the logical screen), each frame holding
// one pixel: a few bytes per frame on disk, width x height x frames pixels to decode (a decompression bomb
// of the animated kind).
void makeGifBomb(const fs::path& file, int width, int height, int frames);
// A one-band 1-bit PNG, highly compressible: `width` x `height` pixels, a few KB on disk.
void makeHugeBlankPng(const fs::path& file, int width, int height);

// What a file decodes to, read with libvips (header plus a full decode when `decode`).
struct ImageProbe {
    bool ok = false;
    std::string error;
    std::string loader;  // "jpegload", "pngload", ...
    int width = 0;
    int height = 0;  // one page's height for animations
    int bands = 0;
    int pages = 1;
    bool hasAlpha = false;
    std::string interpretation;  // "srgb", "b-w", "cmyk", "rgb16", ...
    int bitsPerSample = 8;
    bool hasExif = false;
    bool hasXmp = false;
    bool hasIcc = false;
    int orientation = 0;       // 0 = no orientation field
    bool decoded = false;      // every pixel decoded without error
    double averageAlpha = -1;  // mean of the alpha band (0..255), -1 without alpha
};

ImageProbe probeImage(const fs::path& file, bool decode = true);

// Mean of each band of the (first page of the) image, after converting to sRGB 8-bit.
std::vector<double> meanColour(const fs::path& file);

// Short name of a probe's loader: "jpeg", "png", "webp", "heif", "tiff", "gif".
std::string loaderFormat(const std::string& loader);

// An encoder's bytes decoded by libvips, in memory.
vips::VImage decodedBuffer(const std::vector<std::uint8_t>& bytes);
// The largest difference of any sample between two images of the same size and bands.
double maxDifference(const vips::VImage& a, const vips::VImage& b);

}  // namespace imgopt::test
