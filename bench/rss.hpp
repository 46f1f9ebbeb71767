#pragma once
// Resident memory of this process, measured the same way on both sides of the
// ns-3 comparison (vpcsim_bench and bench/peer/ns3 include this header):
// VmRSS / VmHWM from /proc/self/status, in bytes. `reset_peak_rss` starts a new
// high-water mark at the current size (Linux >= 4.0: "5" into clear_refs), so a
// benchmark's peak is its own even after other benchmarks ran in the process.
// Linux only; elsewhere the figures read 0.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace vpcsim::bench {

namespace rss_detail {
inline double status_kib(const char* field) {
  std::FILE* f = std::fopen("/proc/self/status", "r");
  if (!f) return 0;
  char line[256];
  double kib = 0;
  const size_t n = std::strlen(field);
  while (std::fgets(line, sizeof line, f)) {
    if (std::strncmp(line, field, n) == 0 && line[n] == ':') {
      kib = std::strtod(line + n + 1, nullptr);
      break;
    }
  }
  std::fclose(f);
  return kib;
}
}  // namespace rss_detail

// Current resident set size.
inline double current_rss_bytes() { return rss_detail::status_kib("VmRSS") * 1024.0; }
// Highest resident set size since the process started or the last reset_peak_rss().
inline double peak_rss_bytes() { return rss_detail::status_kib("VmHWM") * 1024.0; }
// Returns false when the kernel does not allow it (the peak then covers the process).
inline bool reset_peak_rss() {
  std::FILE* f = std::fopen("/proc/self/clear_refs", "w");
  if (!f) return false;
  bool ok = std::fputs("5", f) >= 0;
  return std::fclose(f) == 0 && ok;
}

}  // namespace vpcsim::bench
