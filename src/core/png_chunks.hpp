#pragma once
// The parts of a PNG file that ImgOpt's own PNG writers share (png_writer.hpp for palettes,
// near_lossless_png.hpp for truecolour): chunks with their CRCs, the zlib stream (libdeflate), the header,
// the resolution and the metadata kept by mode.
// Thread rules: reentrant; images are only read.

#include <cstdint>
#include <string_view>
#include <vector>
#include <vips/vips8>

#include "imgopt/options.hpp"
#include "imgopt/result.hpp"

namespace imgopt::png {

using Bytes = std::vector<std::uint8_t>;

// IHDR colour types.
enum class ColourType : std::uint8_t { Grey = 0, Rgb = 2, Palette = 3, GreyAlpha = 4, Rgba = 6 };

// The 8-byte signature.
Bytes signature();
// A chunk: length, type, data, and the CRC of type and data.
void appendChunk(Bytes& out, std::string_view type, const std::uint8_t* data, std::size_t size);
void appendChunk(Bytes& out, std::string_view type, const Bytes& data);
// A zlib stream at libdeflate's `level` (1-12).
Expected<Bytes> zlibCompress(const std::uint8_t* data, std::size_t size, int level);
// IHDR's data: deflate, standard filters, no interlace.
Bytes headerChunk(int width, int height, int depth, ColourType colour);
// pHYs's data from libvips' resolution.
Bytes resolutionChunk(const vips::VImage& image);
// iCCP (unless `metadata` is None and when the profile suits the image), and in All mode eXIf (with an
// upright orientation: the pixels are upright now) and iTXt XMP.
Status appendMetadata(Bytes& out, const vips::VImage& image, MetadataMode metadata, int level);

}  // namespace imgopt::png
