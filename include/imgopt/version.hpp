#pragma once

namespace imgopt {
inline constexpr const char* kVersion = "0.1.0";
}
