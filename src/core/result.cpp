#include "imgopt/result.hpp"

namespace imgopt {

std::string_view toString(ErrorCode code) {
    switch (code) {
        case ErrorCode::InputUnreadable:
            return "input-unreadable";
        case ErrorCode::InputUnsupported:
            return "input-unsupported";
        case ErrorCode::InputDamaged:
            return "input-damaged";
        case ErrorCode::PixelLimit:
            return "pixel-limit";
        case ErrorCode::OutputExists:
            return "output-exists";
        case ErrorCode::OutputFailed:
            return "output-failed";
        case ErrorCode::OutputTooLarge:
            return "output-too-large";
        case ErrorCode::NoSpace:
            return "no-space";
        case ErrorCode::ReadOnly:
            return "read-only";
        case ErrorCode::Cancelled:
            return "cancelled";
        case ErrorCode::UpToDate:
            return "up-to-date";
        case ErrorCode::AlreadyOptimized:
            return "already-optimized";
        case ErrorCode::InvalidSettings:
            return "invalid-settings";
        case ErrorCode::Internal:
            return "internal";
    }
    return "internal";
}

}  // namespace imgopt
