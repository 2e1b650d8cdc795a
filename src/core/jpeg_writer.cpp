#include "jpeg_writer.hpp"

#include <algorithm>
#include <csetjmp>
#include <cstddef>
#include <cstdio>
#include <new>
#include <string>

// jpeglib.h needs size_t and FILE declared before it (<cstddef>, <cstdio>).
#include <jerror.h>
#include <jpeglib.h>

#include "vips_runtime.hpp"

namespace imgopt {
namespace {

using Bytes = std::vector<std::uint8_t>;

constexpr std::size_t kFirstBufferBytes = 64 * 1024;

// libjpeg reports a fatal error by calling error_exit, which must not return: it jumps back to the
// setjmp() in encodeRows(). Only C frames (libjpeg's) and this file's callbacks, which hold no objects with
// destructors, lie between the two.
struct ErrorManager {
    jpeg_error_mgr pub;
    std::jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
};

[[noreturn]] void onError(j_common_ptr cinfo) {
    auto* err = reinterpret_cast<ErrorManager*>(cinfo->err);
    (*cinfo->err->format_message)(cinfo, err->message);
    std::longjmp(err->jump, 1);
}

void onMessage(j_common_ptr, int) {}  // warnings: libvips' saver does not print them either

// Into a vector that grows by doubling, so nothing is left for the caller to free after a failure.
struct VectorDestination {
    jpeg_destination_mgr pub;
    Bytes* out;
};

void initDestination(j_compress_ptr cinfo) {
    auto* dest = reinterpret_cast<VectorDestination*>(cinfo->dest);
    dest->pub.next_output_byte = dest->out->data();
    dest->pub.free_in_buffer = dest->out->size();
}

boolean emptyOutputBuffer(j_compress_ptr cinfo) {
    auto* dest = reinterpret_cast<VectorDestination*>(cinfo->dest);
    const std::size_t used = dest->out->size();
    bool grown = true;
    try {
        dest->out->resize(used * 2);
    } catch (const std::bad_alloc&) {
        grown = false;
    }
    if (!grown) {
        // Outside the catch block: the jump must not skip an exception's clean-up.
        cinfo->err->msg_code = JERR_OUT_OF_MEMORY;
        (*cinfo->err->error_exit)(reinterpret_cast<j_common_ptr>(cinfo));
    }
    dest->pub.next_output_byte = dest->out->data() + used;
    dest->pub.free_in_buffer = dest->out->size() - used;
    return TRUE;
}

void termDestination(j_compress_ptr cinfo) {
    auto* dest = reinterpret_cast<VectorDestination*>(cinfo->dest);
    dest->out->resize(dest->out->size() - dest->pub.free_in_buffer);
}

// The state encodeRows() shares with its caller; made before the setjmp(), so a jump skips no constructor or
// destructor.
struct Encoding {
    jpeg_compress_struct cinfo{};
    ErrorManager err{};
    VectorDestination dest{};
    bool created = false;
    ~Encoding() {
        if (created) jpeg_destroy_compress(&cinfo);
    }
};

enum class Outcome { Done, Failed, Cancelled };

// Everything between setjmp() and the last libjpeg call. region.prepare() may throw vips::VError: that
// unwinds normally, since no libjpeg frame is on the stack while it runs.
Outcome encodeRows(Encoding& e, const vips::VImage& image, const vips::VRegion& region,
                   const JpegWriteSettings& settings, const CancelToken* cancel) {
    jpeg_compress_struct& c = e.cinfo;
    if (setjmp(e.err.jump)) return Outcome::Failed;
    jpeg_create_compress(&c);
    e.created = true;
    c.dest = &e.dest.pub;
    c.image_width = JDIMENSION(image.width());
    c.image_height = JDIMENSION(image.height());
    c.input_components = image.bands();
    c.in_color_space = image.bands() == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_set_defaults(&c);
    // What libvips' jpegsave sets (foreign/vips2jpeg.c): no JFIF marker, baseline-compatible tables,
    // optimized Huffman codes, and 4:4:4 only when asked.
    c.write_JFIF_header = FALSE;
    jpeg_set_quality(&c, settings.quality, TRUE);
    c.optimize_coding = TRUE;
    if (settings.fullChroma)
        for (int i = 0; i < c.num_components; ++i) {
            c.comp_info[i].h_samp_factor = 1;
            c.comp_info[i].v_samp_factor = 1;
        }
    if (settings.progressive) jpeg_simple_progression(&c);
    jpeg_start_compress(&c, TRUE);
    if (settings.keepIcc) {
        if (const auto icc = pixelsProfile(image))
            jpeg_write_icc_profile(&c, icc->data(), unsigned(icc->size()));
    }
    for (int y = 0; y < image.height(); y += kStripRows) {
        if (cancel && cancel->cancelled()) return Outcome::Cancelled;
        const Strip strip = readStrip(region, y);
        for (int r = 0; r < strip.rows; ++r) {
            JSAMPROW row = const_cast<JSAMPROW>(strip.pixels + std::size_t(r) * strip.stride);
            jpeg_write_scanlines(&c, &row, 1);
        }
    }
    jpeg_finish_compress(&c);
    return Outcome::Done;
}

}  // namespace

bool jpegWritesInThread(const vips::VImage& image) {
    return runsInThread(image) && image.format() == VIPS_FORMAT_UCHAR &&
           (image.bands() == 1 || image.bands() == 3);
}

Expected<Bytes> encodeJpegInThread(const vips::VImage& image, const JpegWriteSettings& settings,
                                   const CancelToken* cancel) {
    Bytes out(kFirstBufferBytes);
    const vips::VRegion region = vips::VRegion::new_from_image(image);
    Encoding e;
    e.cinfo.err = jpeg_std_error(&e.err.pub);
    e.err.pub.error_exit = onError;
    e.err.pub.emit_message = onMessage;
    e.dest.out = &out;
    e.dest.pub.init_destination = initDestination;
    e.dest.pub.empty_output_buffer = emptyOutputBuffer;
    e.dest.pub.term_destination = termDestination;
    switch (encodeRows(e, image, region, settings, cancel)) {
        case Outcome::Done:
            return out;
        case Outcome::Cancelled:
            return fail(ErrorCode::Cancelled, "cancelled");
        case Outcome::Failed:
            break;
    }
    return fail(ErrorCode::OutputFailed, std::string("JPEG: libjpeg failed: ") + e.err.message);
}

}  // namespace imgopt
