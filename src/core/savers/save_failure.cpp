#include <fmt/format.h>
#include <glib.h>

#include <exception>

#include "savers.hpp"
#include "vips_errors.hpp"

namespace imgopt::detail {
namespace {

// saveFailure() is called from a saver's catch block, where the VError in flight carries the text libvips
// had when the call failed; taking it from there keeps the savers' one-line catch blocks unchanged.
std::string failureText() {
    try {
        if (auto current = std::current_exception()) std::rethrow_exception(current);
    } catch (const vips::VError& e) {
        return takeVipsError(e);
    } catch (...) {
    }
    return takeVipsError();
}

}  // namespace

Unexpected<Error> saveFailure(const SaveRequest& r) {
    const std::string detail = failureText();
    if (r.cancel && r.cancel->cancelled()) return fail(ErrorCode::Cancelled, "cancelled");
    std::string message = fmt::format("cannot decode or encode this {} image: the data is damaged or truncated",
                                      formatInfo(r.sourceFormat).name);
    if (!detail.empty()) message += fmt::format(" ({})", detail);
    return fail(ErrorCode::InputDamaged, std::move(message));
}

Bytes takeBuffer(void* data, std::size_t size) {
    const auto* bytes = static_cast<const std::uint8_t*>(data);
    Bytes out(bytes, bytes + size);
    g_free(data);
    return out;
}

}  // namespace imgopt::detail
