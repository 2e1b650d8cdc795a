#include <fmt/format.h>
#include <glib.h>

#include "savers.hpp"
#include "vips_errors.hpp"

namespace imgopt::detail {

Unexpected<Error> saveFailure(const SaveRequest& r) {
    // The cause comes first; libvips' later lines say what it did about it ("vips2png: unable to write to
    // target"), which would blame writing for a damaged input.
    std::string detail = takeVipsError();
    detail = detail.substr(0, detail.find("; "));
    if (r.cancel && r.cancel->cancelled()) return fail(ErrorCode::Cancelled, "cancelled");
    std::string message =
        fmt::format("cannot decode or encode this {} image: the data is damaged or truncated",
                    formatInfo(r.sourceFormat).name);
    if (!detail.empty()) message += fmt::format(" ({})", detail);
    return fail(ErrorCode::InputDamaged, std::move(message));
}

Bytes takeBlob(VipsBlob* blob) {
    std::size_t size = 0;
    const auto* bytes = static_cast<const std::uint8_t*>(vips_blob_get(blob, &size));
    Bytes out(bytes, bytes + size);
    vips_area_unref(VIPS_AREA(blob));
    return out;
}

}  // namespace imgopt::detail
