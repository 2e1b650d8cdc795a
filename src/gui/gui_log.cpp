#include "gui/gui_log.hpp"

namespace imgopt::gui {
Q_LOGGING_CATEGORY(lcGui, "imgopt.gui", QtInfoMsg)
}  // namespace imgopt::gui
