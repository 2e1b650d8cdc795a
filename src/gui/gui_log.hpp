#pragma once
// The GUI's logging category. Soft asserts log here; the tests make warnings in this category fatal.

#include <QLoggingCategory>

namespace imgopt::gui {
Q_DECLARE_LOGGING_CATEGORY(lcGui)
}  // namespace imgopt::gui
