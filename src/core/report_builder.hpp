#pragma once
// Building a RunReport's derived parts: the summary and percentiles from its files, and the machine it ran
// on. Pure functions of their inputs (currentSystem reads /proc).

#include <vector>

#include "imgopt/report.hpp"

namespace imgopt {

// Fills summary (keeping wallSeconds and pausedSeconds), percentiles and throughput from `report.files`.
void summarise(RunReport& report);
// Nearest-rank percentiles: every value printed is one that was measured.
Percentiles percentiles(std::vector<double> values);
SystemInfo currentSystem();

}  // namespace imgopt
