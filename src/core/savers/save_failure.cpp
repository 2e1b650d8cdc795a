#include <fmt/format.h>
#include <glib.h>

#include "savers.hpp"
#include "vips_runtime.hpp"

namespace imgopt::detail {

Unexpected<Error> saveFailure(const SaveRequest& r) {
    const std::string detail = takeVipsError();
    if (r.cancel && r.cancel->cancelled()) return fail(ErrorCode::Cancelled, "cancelled");
    std::string message = fmt::format("cannot decode or encode this {} image: the data is damaged or truncated",
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
