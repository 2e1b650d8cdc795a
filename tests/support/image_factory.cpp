#include "image_factory.hpp"

#include <fstream>
#include <stdexcept>
#include <vips/vips8>

namespace imgopt::test {

using vips::VImage;

namespace {

std::string lowerExt(const fs::path& p) {
    std::string e = p.extension().string();
    for (auto& c : e) c = char(std::tolower(static_cast<unsigned char>(c)));
    return e;
}

VImage colourPlanes(int w, int h, bool noise) {
    VImage xyz = VImage::xyz(w, h);
    VImage x = xyz[0];
    VImage y = xyz[1];
    VImage r = x * (255.0 / std::max(1, w));
    VImage g = y * (255.0 / std::max(1, h));
    VImage b = (x + y) * (255.0 / std::max(1, w + h));
    VImage rgb = r.bandjoin(g).bandjoin(b);
    if (noise) {
        VImage n = VImage::gaussnoise(w, h, VImage::option()->set("sigma", 30.0)->set("mean", 0.0));
        rgb = rgb + n.bandjoin(n * -1.0).bandjoin(n * 0.5);
    }
    return rgb;
}

void attachSrgbProfile(VImage& image) {
    VipsBlob* blob = nullptr;
    if (vips_profile_load("srgb", &blob, nullptr) != 0 || !blob)
        throw vips::VError("cannot load srgb profile");
    size_t length = 0;
    const void* data = vips_blob_get(blob, &length);
    vips_image_set_blob_copy(image.get_image(), "icc-profile-data", data, length);
    vips_area_unref(VIPS_AREA(blob));
}

}  // namespace

void makeImage(const fs::path& file, const ImageSpec& spec) {
    fs::create_directories(file.parent_path());
    const int w = spec.width;
    const int h = spec.height;
    VImage rgb = colourPlanes(w, h, spec.noise);
    VImage alpha = VImage::xyz(w, h)[0] * (200.0 / std::max(1, w)) + 40.0;  // 40..240: partly transparent
    VImage image;
    switch (spec.bands) {
        case 1:
            image = rgb[1];
            break;
        case 2:
            image = rgb[1].bandjoin(alpha);
            break;
        case 4:
            image = rgb.bandjoin(alpha);
            break;
        default:
            image = rgb;
            break;
    }
    image = image.cast(VIPS_FORMAT_UCHAR);  // clips to 0..255
    const bool grey = spec.bands <= 2;
    VipsInterpretation interp = grey ? VIPS_INTERPRETATION_B_W : VIPS_INTERPRETATION_sRGB;
    if (spec.sixteenBit) {
        image = (image * 257.0).cast(VIPS_FORMAT_USHORT);
        interp = grey ? VIPS_INTERPRETATION_GREY16 : VIPS_INTERPRETATION_RGB16;
    }
    if (spec.cmyk) {
        // Solid-ish red in CMYK terms: C=0, M=255, Y=255, K=0 (plus the texture in K so it is not trivial).
        VImage k = (rgb[1] * 0.0).cast(VIPS_FORMAT_UCHAR);
        VImage c = k;
        VImage m = (k + 255).cast(VIPS_FORMAT_UCHAR);
        image = c.bandjoin(m).bandjoin(m).bandjoin(k).cast(VIPS_FORMAT_UCHAR);
        interp = VIPS_INTERPRETATION_CMYK;
    }
    image = image.copy(VImage::option()->set("interpretation", interp));
    if (spec.orientation > 0) image.set("orientation", spec.orientation);
    if (spec.withIcc) attachSrgbProfile(image);
    if (spec.withExif) {
        // Writing any exif-ifd field makes jpegsave build an EXIF block; add XMP too.
        image.set("exif-ifd0-Artist", "ImgOpt tests");
        static const char xmp[] =
            "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF "
            "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
            "<rdf:Description xmlns:dc=\"http://purl.org/dc/elements/1.1/\" dc:creator=\"ImgOpt tests\"/>"
            "</rdf:RDF></x:xmpmeta>";
        vips_image_set_blob_copy(image.get_image(), "xmp-data", xmp, sizeof(xmp) - 1);
    }

    const std::string ext = lowerExt(file);
    const char* name = file.c_str();
    if (ext == ".jpg" || ext == ".jpeg") {
        image.jpegsave(name, VImage::option()->set("Q", spec.quality));
    } else if (ext == ".png") {
        image.pngsave(name, VImage::option()->set("compression", 6));
    } else if (ext == ".webp") {
        image.webpsave(name, VImage::option()->set("Q", spec.quality));
    } else if (ext == ".tif" || ext == ".tiff") {
        image.tiffsave(name);
    } else if (ext == ".gif") {
        image.gifsave(name);
    } else if (ext == ".avif") {
        image.heifsave(name, VImage::option()
                                 ->set("compression", VIPS_FOREIGN_HEIF_COMPRESSION_AV1)
                                 ->set("Q", spec.quality)
                                 ->set("effort", 0));
    } else {
        throw std::runtime_error("makeImage: no saver for " + file.string());
    }
}

vips::VImage testCard(int width, int height, int bands) {
    vips::VImage x = vips::VImage::xyz(width, height);
    vips::VImage r = (x[0] * 7 + x[1] * 3) % 256;
    vips::VImage g = (x[1] * 255 / std::max(1, height - 1));
    vips::VImage b = vips::VImage::gaussnoise(width, height,
                                              vips::VImage::option()->set("mean", 128.0)->set("sigma", 40.0));
    vips::VImage rgb = r.bandjoin(g)
                           .bandjoin(b)
                           .cast(VIPS_FORMAT_UCHAR)
                           .copy(vips::VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
    if (bands == 4) rgb = rgb.bandjoin((x[0] * 255 / std::max(1, width - 1)).cast(VIPS_FORMAT_UCHAR));
    if (bands == 1) rgb = rgb.colourspace(VIPS_INTERPRETATION_B_W);
    return rgb.copy_memory();
}

void makeAnimatedGif(const fs::path& file, int width, int height, int frames) {
    fs::create_directories(file.parent_path());
    std::vector<VImage> pages;
    for (int i = 0; i < frames; ++i) {
        VImage f = colourPlanes(width, height, false) + double(i * 60);
        pages.push_back(f.cast(VIPS_FORMAT_UCHAR));
    }
    VImage strip = VImage::arrayjoin(pages, VImage::option()->set("across", 1));
    strip = strip.copy(VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
    strip.set("page-height", height);
    strip.set("n-pages", frames);
    strip.set("delay", std::vector<int>(size_t(frames), 100));
    strip.set("loop", 0);
    strip.gifsave(file.c_str());
}

void makeGifBomb(const fs::path& file, int width, int height, int frames) {
    fs::create_directories(file.parent_path());
    std::string gif = "GIF89a";
    const auto u16 = [&](int v) {
        gif += char(v & 0xff);
        gif += char((v >> 8) & 0xff);
    };
    u16(width);
    u16(height);
    gif += std::string("\x80\x00\x00", 3);  // a 2-colour global table follows
    gif += std::string("\x00\x00\x00\xff\xff\xff", 6);
    gif += std::string("\x21\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00", 19);  // loop forever
    for (int i = 0; i < frames; ++i) {
        gif += std::string("\x21\xf9\x04\x00\x0a\x00\x00\x00", 8);  // 0.1 s per frame
        gif += ',';
        u16(0);
        u16(0);
        u16(1);
        u16(1);
        gif += '\0';
        // LZW, minimum code size 2: clear (4), index 0, end (5) in 3-bit codes.
        gif += std::string("\x02\x02\x44\x01\x00", 5);
    }
    gif += ';';
    std::ofstream(file, std::ios::binary) << gif;
}

void makeHugeBlankPng(const fs::path& file, int width, int height) {
    fs::create_directories(file.parent_path());
    VImage black = VImage::black(width, height).cast(VIPS_FORMAT_UCHAR);
    black.pngsave(file.c_str(), VImage::option()->set("bitdepth", 1)->set("compression", 9));
}

std::string loaderFormat(const std::string& loader) {
    // Accepts nicknames ("jpegload_source") and class names ("VipsForeignLoadJpegFile").
    std::string l = loader;
    for (auto& c : l) c = char(std::tolower(static_cast<unsigned char>(c)));
    for (const char* f : {"jpeg", "png", "webp", "heif", "tiff", "gif"})
        if (l.find(f) != std::string::npos) return f;
    return loader;
}

ImageProbe probeImage(const fs::path& file, bool decode) {
    ImageProbe p;
    const char* loader = vips_foreign_find_load(file.c_str());
    if (!loader) {
        p.error = vips_error_buffer();
        vips_error_clear();
        return p;
    }
    p.loader = loader;
    const std::string kind = loaderFormat(p.loader);
    try {
        auto opts = VImage::option()->set("fail_on", VIPS_FAIL_ON_TRUNCATED);
        if (kind == "gif" || kind == "webp" || kind == "tiff" || kind == "heif") opts->set("n", -1);
        VImage image = VImage::new_from_file(file.c_str(), opts);
        p.width = image.width();
        p.height = image.height();
        if (image.get_typeof("page-height") != 0) p.height = image.get_int("page-height");
        if (image.get_typeof("n-pages") != 0) p.pages = image.get_int("n-pages");
        if (p.height > 0 && image.height() > p.height) p.pages = image.height() / p.height;
        if (image.get_typeof("vips-loader") != 0) p.loader = image.get_string("vips-loader");
        p.bands = image.bands();
        p.hasAlpha = image.has_alpha();
        p.interpretation = vips_enum_nick(VIPS_TYPE_INTERPRETATION, image.interpretation());
        p.bitsPerSample = image.format() == VIPS_FORMAT_USHORT  ? 16
                          : image.format() == VIPS_FORMAT_UCHAR ? 8
                                                                : 32;
        p.hasExif = image.get_typeof("exif-data") != 0;
        p.hasXmp = image.get_typeof("xmp-data") != 0;
        p.hasIcc = image.get_typeof("icc-profile-data") != 0;
        if (image.get_typeof("orientation") != 0) p.orientation = image.get_int("orientation");
        if (decode) {
            (void)image.avg();  // touches every pixel
            p.decoded = true;
            if (p.hasAlpha) {
                double a = image.extract_band(image.bands() - 1).avg();
                if (image.format() == VIPS_FORMAT_USHORT) a /= 257.0;
                p.averageAlpha = a;
            }
        }
        p.ok = true;
    } catch (const vips::VError& e) {
        p.error = e.what();
        vips_error_clear();
    }
    return p;
}

std::vector<double> meanColour(const fs::path& file) {
    VImage image = VImage::new_from_file(file.c_str());
    if (image.get_typeof("page-height") != 0 && image.get_int("page-height") < image.height())
        image = image.crop(0, 0, image.width(), image.get_int("page-height"));
    if (image.interpretation() == VIPS_INTERPRETATION_CMYK)
        image = image.icc_transform("srgb",
                                    VImage::option()->set("input_profile", "cmyk")->set("embedded", true));
    if (image.has_alpha()) image = image.extract_band(0, VImage::option()->set("n", image.bands() - 1));
    image = image.colourspace(VIPS_INTERPRETATION_sRGB);
    if (image.format() != VIPS_FORMAT_UCHAR) image = image.cast(VIPS_FORMAT_UCHAR);
    std::vector<double> out;
    for (int b = 0; b < image.bands(); ++b) out.push_back(image[b].avg());
    return out;
}

vips::VImage decodedBuffer(const std::vector<std::uint8_t>& bytes) {
    return vips::VImage::new_from_buffer(bytes.data(), bytes.size(), "").copy_memory();
}

double maxDifference(const vips::VImage& a, const vips::VImage& b) {
    return (a.cast(VIPS_FORMAT_INT) - b).abs().max();
}

}  // namespace imgopt::test
