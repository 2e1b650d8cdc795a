#include <fmt/format.h>

#include "savers.hpp"
#include "vips_runtime.hpp"

namespace imgopt::detail {

Unexpected<Error> saveFailure(const SaveRequest& r) {
    const std::string detail = takeVipsErrorFor({r.source.string(), r.destination.string()});
    if (r.cancel && r.cancel->cancelled()) return fail(ErrorCode::Cancelled, "cancelled");
    const std::string destName = r.destination.filename().string();
    if (!destName.empty() && detail.find(destName) != std::string::npos)
        return fail(ErrorCode::OutputFailed, fmt::format("cannot write the output ({})", detail));
    std::string message = fmt::format("cannot decode or encode this {} image: the data is damaged or truncated",
                                      formatInfo(r.sourceFormat).name);
    if (!detail.empty()) message += fmt::format(" ({})", detail);
    return fail(ErrorCode::InputDamaged, std::move(message));
}

}  // namespace imgopt::detail
