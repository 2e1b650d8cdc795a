#include "imgopt/encoder.hpp"

#include <fmt/format.h>
#include <vips/vips8>

#include "imgopt/metadata_scrubber.hpp"
#include "imgopt/vips_runtime.hpp"
#include "imgopt/webp_codec.hpp"

namespace imgopt {
namespace {

using vips::VImage;

constexpr int kHuge = VIPS_MAX_COORD;

// libvips calls this from its worker threads while a pipeline evaluates; a set flag kills the pipeline, which
// then fails cleanly and the save returns an error.
void onEval(VipsImage* image, VipsProgress*, void* user) {
    const auto* flag = static_cast<const std::atomic<bool>*>(user);
    if (flag->load(std::memory_order_relaxed)) vips_image_set_kill(image, TRUE);
}

bool isAnimationFormat(ImageFormat f) { return f == ImageFormat::Gif || f == ImageFormat::Webp; }

std::string loadOptions(const PlannedTask& task) {
    std::string s = "fail_on=truncated";
    if (task.header.pages > 1 && isAnimationFormat(task.header.format) && isAnimationFormat(task.outputFormat))
        s += ",n=-1";
    return s;
}

// Box for vips_thumbnail: only the constraining edge is given, so that edge comes out exact.
std::pair<int, int> thumbnailBox(const PlannedTask& task, const Options& options) {
    const int w = task.header.uprightWidth();
    const int h = task.header.uprightHeight();
    const int n = options.resize.size;
    switch (options.resize.mode) {
        case ResizeMode::None: return {kHuge, kHuge};
        case ResizeMode::Width: return {n, kHuge};
        case ResizeMode::Height: return {kHuge, n};
        case ResizeMode::LongEdge: return w >= h ? std::pair{n, kHuge} : std::pair{kHuge, n};
        case ResizeMode::ShortEdge: return w <= h ? std::pair{n, kHuge} : std::pair{kHuge, n};
    }
    return {kHuge, kHuge};
}

VImage loadUpright(const PlannedTask& task, const Options& options) {
    auto [bw, bh] = thumbnailBox(task, options);
    const bool fullSize =
        task.targetWidth == task.header.uprightWidth() && task.targetHeight == task.header.uprightHeight();
    if (task.header.format == ImageFormat::Webp && fullSize) {
        // Without a shrink there is no shrink-on-load to lose, so libwebp decodes straight into memory
        // (webp_codec.hpp says why); thumbnail_image then applies the same colour rules as below.
        if (auto still = decodeWebpStill(task.source.path)) {
            auto opts = VImage::option()->set("height", bh)->set("size", VIPS_SIZE_DOWN);
            if (options.metadata == MetadataMode::None) opts->set("export_profile", "srgb");
            return still->thumbnail_image(bw, opts);
        }
    }
    auto source = vips::VSource::new_from_file(task.source.path.c_str());
    auto opts = VImage::option()
                    ->set("height", bh)
                    ->set("size", VIPS_SIZE_DOWN)
                    ->set("option_string", loadOptions(task).c_str());
    // `none` promises sRGB pixels; the other modes keep the source's own profile untouched (CMYK is
    // always turned into sRGB by thumbnail, since no web format holds CMYK).
    if (options.metadata == MetadataMode::None) opts->set("export_profile", "srgb");
    return VImage::thumbnail_source(source, bw, opts);
}

// Bring pixels into what the output format can hold: 8 bits unless the format and preset keep 16.
VImage fitToFormat(VImage image, ImageFormat out, bool lossless) {
    const bool keeps16 = (out == ImageFormat::Png && lossless) || out == ImageFormat::Tiff;
    const auto interp = image.interpretation();
    if (interp != VIPS_INTERPRETATION_sRGB && interp != VIPS_INTERPRETATION_B_W &&
        interp != VIPS_INTERPRETATION_RGB16 && interp != VIPS_INTERPRETATION_GREY16)
        image = image.colourspace(VIPS_INTERPRETATION_sRGB);
    if (image.format() != VIPS_FORMAT_UCHAR && !(keeps16 && image.format() == VIPS_FORMAT_USHORT)) {
        const bool grey = image.interpretation() == VIPS_INTERPRETATION_GREY16 ||
                          image.interpretation() == VIPS_INTERPRETATION_B_W;
        image = image.colourspace(grey ? VIPS_INTERPRETATION_B_W : VIPS_INTERPRETATION_sRGB);
        if (image.format() != VIPS_FORMAT_UCHAR) image = image.cast(VIPS_FORMAT_UCHAR);
    }
    if (out == ImageFormat::Jpeg && image.has_alpha()) {
        // JPEG has no alpha: composite over white, which is what viewers show for transparent areas.
        const int colourBands = image.bands() - 1;
        std::vector<double> white(colourBands, 255.0);
        image = image.flatten(VImage::option()->set("background", white));
    }
    return image;
}

VImage applyMetadataRules(VImage image, MetadataMode mode) {
    image = image.copy();  // fields are set on a private copy, never on a shared loader image
    if (mode != MetadataMode::All) {
        // Removed by hand as well as by `strip`: libvips 8.14's webpsave writes these fields whatever strip says.
        gchar** fields = vips_image_get_fields(image.get_image());
        for (gchar** f = fields; f && *f; ++f) {
            const std::string name = *f;
            if (name == "exif-data" || name == "xmp-data" || name == "iptc-data" || name.rfind("exif-", 0) == 0 ||
                name == "jpeg-thumbnail-data" || name == VIPS_META_ORIENTATION ||
                (mode == MetadataMode::None && name == VIPS_META_ICC_NAME))
                image.remove(name.c_str());
        }
        g_strfreev(fields);
    } else if (mode == MetadataMode::All) {
        // The pixels are upright now; a stale tag would make viewers rotate them a second time.
        image.set(VIPS_META_ORIENTATION, 1);
    }
    return image;
}

// Returns false when libwebp wrote the file directly, so no libvips-made metadata needs removing.
bool save(VImage image, ImageFormat out, int q, bool strip, bool animated, const std::filesystem::path& dest,
          const CancelToken& cancel) {
    const bool lossless = q >= 100;
    const char* file = dest.c_str();
    switch (out) {
        case ImageFormat::Jpeg:
            image.jpegsave(file, VImage::option()
                                     ->set("Q", lossless ? 100 : q)
                                     ->set("optimize_coding", true)
                                     // Progressive: 2.3% smaller on the corpus photos (docs/presets.md).
                                     ->set("interlace", true)
                                     ->set("subsample_mode", lossless ? VIPS_FOREIGN_SUBSAMPLE_OFF
                                                                      : VIPS_FOREIGN_SUBSAMPLE_ON)
                                     ->set("strip", strip));
            return true;
        case ImageFormat::Png: {
            // Row filters help truecolour data but hurt palette indices: on the corpus graphics, palette PNGs
            // with filter "none" are 35-48% smaller than with adaptive filtering (docs/presets.md).
            auto o = VImage::option()->set("strip", strip);
            if (lossless)
                o->set("compression", 9)->set("palette", false)->set("filter", VIPS_FOREIGN_PNG_FILTER_ALL);
            else
                o->set("compression", 7)->set("palette", true)->set("Q", q)->set("effort", 4)->set(
                    "filter", VIPS_FOREIGN_PNG_FILTER_NONE);
            image.pngsave(file, o);
            return true;
        }
        case ImageFormat::Webp: {
            if (!animated && webpEncodable(image)) {
                encodeWebp(image, WebpSettings{q, lossless}, dest, cancel);
                return false;
            }
            auto o = VImage::option()->set("strip", strip);
            if (lossless)
                o->set("lossless", true)->set("effort", 6);
            else
                o->set("Q", q)->set("alpha_q", q)->set("effort", 4)->set("smart_subsample", false);
            image.webpsave(file, o);
            return true;
        }
        case ImageFormat::Avif: {
            auto o = VImage::option()
                         ->set("compression", VIPS_FOREIGN_HEIF_COMPRESSION_AV1)
                         ->set("bitdepth", 8)
                         ->set("strip", strip);
            if (lossless)
                o->set("lossless", true)->set("effort", 9)->set("subsample_mode", VIPS_FOREIGN_SUBSAMPLE_OFF);
            else
                o->set("Q", q)->set("effort", 2)->set("subsample_mode", VIPS_FOREIGN_SUBSAMPLE_ON);
            image.heifsave(file, o);
            return true;
        }
        case ImageFormat::Tiff:
            // TIFF usually holds masters, so it stays lossless at every quality setting.
            image.tiffsave(file, VImage::option()
                                     ->set("compression", VIPS_FOREIGN_TIFF_COMPRESSION_DEFLATE)
                                     ->set("predictor", VIPS_FOREIGN_TIFF_PREDICTOR_HORIZONTAL)
                                     ->set("strip", strip));
            return true;
        case ImageFormat::Gif:
            image.gifsave(file, VImage::option()->set("effort", 7)->set("strip", strip)->set(
                                    "interframe_maxerror", animated && !lossless ? 1.0 : 0.0));
            return true;
        default: throw vips::VError("no encoder for this output format");
    }
}

}  // namespace

EncodeOutcome encodeImage(const PlannedTask& task, const Options& options, const std::filesystem::path& dest,
                          const CancelToken& cancel) {
    EncodeOutcome result;
    const int q = options.qualityFor(task.outputFormat);
    try {
        VImage image = loadUpright(task, options);
        const bool animated = image.get_typeof("page-height") != 0 && image.get_int("page-height") < image.height();
        image = fitToFormat(image, task.outputFormat, q >= 100);
        image = applyMetadataRules(image, options.metadata);
        vips_image_set_progress(image.get_image(), TRUE);
        g_signal_connect(image.get_image(), "eval", G_CALLBACK(onEval), const_cast<std::atomic<bool>*>(cancel.flag()));
        if (cancel.cancelled()) {
            result.cancelled = true;
            result.error = "cancelled";
            return result;
        }
        const bool byLibvips =
            save(image, task.outputFormat, q, options.metadata == MetadataMode::None, animated, dest, cancel);
        if (byLibvips && options.metadata != MetadataMode::All) {
            if (auto err = removeExif(dest, task.outputFormat); !err.empty()) {
                result.error = err;
                return result;
            }
        }
        result.width = image.width();
        result.height = animated ? image.get_int("page-height") : image.height();
        result.ok = true;
    } catch (const WebpError& e) {
        (void)takeVipsErrorFor({task.source.path.string(), dest.string()});
        if (cancel.cancelled() || e.step() == WebpError::Step::Cancelled) {
            result.cancelled = true;
            result.error = "cancelled";
        } else if (e.step() == WebpError::Step::Write) {
            result.error = fmt::format("cannot write the output ({})", e.what());
        } else if (e.step() == WebpError::Step::Decode) {
            result.error =
                fmt::format("cannot decode or encode this webp image: the data is damaged or truncated ({})", e.what());
        } else {
            result.error = fmt::format("cannot encode as WebP: {}", e.what());
        }
    } catch (const vips::VError&) {
        const std::string destName = dest.filename().string();
        const std::string detail = takeVipsErrorFor({task.source.path.string(), dest.string()});
        if (cancel.cancelled()) {
            result.cancelled = true;
            result.error = "cancelled";
        } else if (!destName.empty() && detail.find(destName) != std::string::npos) {
            result.error = fmt::format("cannot write the output ({})", detail);
        } else {
            result.error = fmt::format("cannot decode or encode this {} image: the data is damaged or truncated",
                                       formatInfo(task.header.format).name);
            if (!detail.empty()) result.error += fmt::format(" ({})", detail);
        }
    }
    return result;
}

}  // namespace imgopt
