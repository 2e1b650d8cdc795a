#pragma once
// JPEG encoding with libjpeg in the calling thread, for images small enough that the pipeline runs there too.
//
// libvips' jpegsave goes through a sink: it starts a thread pool for the pipeline and two write-behind
// threads, and hands each strip across them. On a 96x64 image those hand-overs cost more than decoding and
// encoding the pixels (docs/benchmarks.md, "Per-file cost"). This writer reads the pipeline through a region
// in the calling thread and gives the rows to libjpeg directly, with the settings libvips would use, so its
// output is the same, byte for byte, as jpegsave's with the EXIF block removed.
//
// Thread rules: reentrant; the image is only read.

#include <cstdint>
#include <vector>
#include <vips/vips8>

#include "cancel_token.hpp"
#include "imgopt/result.hpp"

namespace imgopt {

struct JpegWriteSettings {
    int quality = 90;         // libjpeg's quality scale, 1..100
    bool fullChroma = false;  // 4:4:4; otherwise 4:2:0
    bool progressive = true;
    bool keepIcc = true;  // write the image's ICC profile, when it describes these pixels
};

// Whether encodeJpegInThread() takes `image`: 8-bit, one band (grey) or three (sRGB), and read in this
// thread (runsInThread()). Anything else goes to libvips' saver.
bool jpegWritesInThread(const vips::VImage& image);

// Throws vips::VError when the pipeline behind `image` fails (a damaged input); an Error when libjpeg
// fails or `cancel` is set between strips.
Expected<std::vector<std::uint8_t>> encodeJpegInThread(const vips::VImage& image,
                                                       const JpegWriteSettings& settings,
                                                       const CancelToken* cancel);

}  // namespace imgopt
