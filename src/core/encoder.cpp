#include "encoder.hpp"

#include <fmt/format.h>

#include <vips/vips8>

#include "jpeg_quality.hpp"
#include "quality_search.hpp"
#include "savers.hpp"
#include "vips_errors.hpp"
#include "vips_runtime.hpp"
#include "webp_codec.hpp"

namespace imgopt {
namespace {

using vips::VImage;

constexpr int kHuge = VIPS_MAX_COORD;

bool isAnimationFormat(ImageFormat f) { return f == ImageFormat::Gif || f == ImageFormat::Webp; }

std::string loadOptions(const PlannedTask& task) {
    std::string s = "fail_on=truncated";
    if (task.header.pages > 1 && isAnimationFormat(task.header.format) &&
        isAnimationFormat(task.outputFormat))
        s += ",n=-1";
    return s;
}

// Box for vips_thumbnail: only the constraining edge is given, so that edge comes out exact.
std::pair<int, int> thumbnailBox(const PlannedTask& task, const Options& options) {
    const int w = task.header.uprightWidth();
    const int h = task.header.uprightHeight();
    const int n = options.resize.size;
    switch (options.resize.mode) {
        case ResizeMode::None:
            return {kHuge, kHuge};
        case ResizeMode::Width:
            return {n, kHuge};
        case ResizeMode::Height:
            return {kHuge, n};
        case ResizeMode::LongEdge:
            return w >= h ? std::pair{n, kHuge} : std::pair{kHuge, n};
        case ResizeMode::ShortEdge:
            return w <= h ? std::pair{n, kHuge} : std::pair{kHuge, n};
    }
    return {kHuge, kHuge};
}

// True when the loaded image is already what thumbnail would make of it at full size: upright, in a colour
// space no conversion touches (thumbnail turns only CMYK and, in `none` mode, profiles into sRGB), and from
// a loader whose output needs no further handling (HEIF and multi-page files go through thumbnail).
bool loadsAsIs(const PlannedTask& task, const Options& options) {
    const auto& h = task.header;
    const bool plainFormat =
        h.format == ImageFormat::Jpeg || h.format == ImageFormat::Png || h.format == ImageFormat::Tiff;
    const bool plainColour = h.interpretation == "srgb" || h.interpretation == "b-w" ||
                             h.interpretation == "rgb16" || h.interpretation == "grey16";
    return plainFormat && plainColour && h.orientation == 1 && h.pages == 1 &&
           options.metadata != MetadataMode::None;
}

// Throws vips::VError (caught by encodeImage) or returns an Error from the WebP decoder.
Expected<VImage> loadUpright(const PlannedTask& task, const Options& options) {
    auto [bw, bh] = thumbnailBox(task, options);
    const bool fullSize =
        task.targetWidth == task.header.uprightWidth() && task.targetHeight == task.header.uprightHeight();
    if (task.header.format == ImageFormat::Webp && fullSize) {
        // Without a shrink there is no shrink-on-load to lose, so libwebp decodes straight into memory
        // (webp_codec.hpp says why); thumbnail_image then applies the same colour rules as below.
        auto still = decodeWebpStill(task.source.path);
        if (!still) return Unexpected(std::move(still).error());
        if (*still) {
            auto opts = VImage::option()->set("height", bh)->set("size", VIPS_SIZE_DOWN);
            if (options.metadata == MetadataMode::None) opts->set("export_profile", "srgb");
            return (*still)->thumbnail_image(bw, opts);
        }
    }
    auto opened = openSource(task.source.path);
    if (!opened) return Unexpected(std::move(opened).error());
    const vips::VSource& source = *opened;
    if (fullSize && loadsAsIs(task, options)) {
        // Nothing for thumbnail to do: it would read the header a second time only to find that out, which
        // on a 96x64 image is a fifth of the work (docs/benchmarks.md, "Per-file cost").
        VImage image;
        VImage::call(task.header.loader.c_str(), VImage::option()
                                                     ->set("source", source)
                                                     ->set("access", VIPS_ACCESS_SEQUENTIAL)
                                                     ->set("fail_on", VIPS_FAIL_ON_TRUNCATED)
                                                     ->set("out", &image));
        return image;
    }
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

bool droppedField(const std::string& name, MetadataMode mode) {
    return name == "exif-data" || name == "xmp-data" || name == "iptc-data" || name.rfind("exif-", 0) == 0 ||
           name == "jpeg-thumbnail-data" || name == VIPS_META_ORIENTATION ||
           (mode == MetadataMode::None && name == VIPS_META_ICC_NAME);
}

VImage applyMetadataRules(VImage image, MetadataMode mode) {
    image = image.copy();  // fields are set on a private copy, never on a shared loader image
    if (mode == MetadataMode::All) {
        // The pixels are upright now; a stale tag would make viewers rotate them a second time.
        image.set(VIPS_META_ORIENTATION, 1);
        return image;
    }
    // Removed by hand as well as by `strip`: libvips 8.14's webpsave writes these fields whatever strip says.
    gchar** fields = vips_image_get_fields(image.get_image());
    for (gchar** f = fields; f && *f; ++f)
        if (droppedField(*f, mode)) image.remove(*f);
    g_strfreev(fields);
    return image;
}

// Everything up to the saver; throws vips::VError.
Expected<detail::SaveRequest> prepare(const PlannedTask& task, const Options& options, int quality) {
    auto loaded = loadUpright(task, options);
    if (!loaded) return Unexpected(std::move(loaded).error());
    VImage image = *loaded;
    detail::SaveRequest request;
    request.animated = image.get_typeof("page-height") != 0 && image.get_int("page-height") < image.height();
    image = fitToFormat(image, task.outputFormat, quality >= 100);
    request.image = applyMetadataRules(image, options.metadata);
    request.quality = quality;
    request.metadata = options.metadata;
    request.source = task.source.path;
    request.sourceFormat = task.header.format;
    return request;
}

// The quality search's plan for this task: the target, a JPEG input's own quality, and whether the original
// may stand in for the result.
SearchPlan searchPlan(const PlannedTask& task, const Options& options, const EncodedImage& frame,
                      const std::optional<JpegTables>& tables) {
    SearchPlan plan;
    plan.target = options.visualTarget;
    // Only a JPEG output is capped: other formats' quality scales say nothing about a JPEG's.
    if (task.outputFormat == ImageFormat::Jpeg) plan.sourceTables = tables;
    const bool sameSize =
        frame.width == task.header.uprightWidth() && frame.height == task.header.uprightHeight();
    if (task.outputFormat == task.header.format && sameSize && !options.allowLarger)
        plan.originalBytes = task.source.bytes;
    return plan;
}

Expected<EncodedImage> searchAndEncode(const PlannedTask& task, const Options& options,
                                       const detail::SaveRequest& request) {
    const VImage& image = request.image;
    EncodedImage out{image.width(), image.height(), {}, std::nullopt};
    std::optional<JpegTables> tables;
    if (task.header.format == ImageFormat::Jpeg) tables = estimateJpegQuality(task.source.path);
    auto found = searchQuality(request, task.outputFormat, searchPlan(task, options, out, tables));
    if (!found) return Unexpected(std::move(found).error());
    out.bytes = std::move(found->bytes);
    out.search = found->outcome;
    // The source's quality is recorded for every JPEG input, also when it caps nothing.
    if (tables) out.search->sourceQuality = tables->quality;
    return out;
}

}  // namespace

Expected<EncodedImage> encodeImage(const PlannedTask& task, const Options& options,
                                   const CancelToken& cancel) {
    const FormatInfo& out = formatInfo(task.outputFormat);
    if (!out.writable())
        return fail(ErrorCode::InputUnsupported, fmt::format("ImgOpt cannot write {}", out.name));
    // A copy shares the flag; its address is what libvips' eval signal and libwebp's hook get.
    CancelToken token = cancel;
    const VipsCall call;  // libvips' text of a failure is taken only if it is certainly this task's
    try {
        const Quality quality = options.qualityFor(task.outputFormat);
        // A search prepares lossy 8-bit pixels, which every candidate (palette, lossless PNG too) encodes.
        auto request = prepare(task, options, quality.value());
        if (!request) return Unexpected(std::move(request).error());
        request->cancel = &token;
        // A set flag kills the pipeline, which then fails cleanly and the save returns an error.
        killWhenCancelled(request->image.get_image(), &token);
        if (token.cancelled()) return fail(ErrorCode::Cancelled, "cancelled");
        if (quality.isAuto() && searchApplies(task.outputFormat, *request))
            return searchAndEncode(task, options, *request);
        auto saved = out.save(*request);
        if (!saved) return Unexpected(std::move(saved).error());
        const VImage& image = request->image;
        return EncodedImage{image.width(), request->animated ? image.get_int("page-height") : image.height(),
                            std::move(*saved), std::nullopt};
    } catch (const vips::VError&) {
        // A failure before the saver ran: opening or shrinking the source.
        detail::SaveRequest context;
        context.source = task.source.path;
        context.sourceFormat = task.header.format;
        context.cancel = &token;
        return detail::saveFailure(context);
    }
}

}  // namespace imgopt
