#include "sim/core/time.hpp"

#include <cstdio>
#include <limits>

namespace vpcsim::sim {

std::optional<Duration> Duration::parse(std::string_view text) {
  struct Unit {
    std::string_view suffix;
    int64_t ns;
  };
  static constexpr Unit kUnits[] = {
      {"ns", 1}, {"us", 1'000}, {"ms", 1'000'000}, {"s", 1'000'000'000}};
  int64_t scale = 1'000'000'000;
  for (const Unit& u : kUnits) {
    if (text.size() > u.suffix.size() && text.ends_with(u.suffix)) {
      scale = u.ns;
      text.remove_suffix(u.suffix.size());
      break;
    }
  }
  // Fixed-point decimal parse: integer part and up to 9 fraction digits, no float.
  int64_t whole = 0, frac = 0, frac_scale = 1;
  bool seen_digit = false, in_frac = false;
  for (char c : text) {
    if (c == '.' && !in_frac) {
      in_frac = true;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    seen_digit = true;
    if (in_frac) {
      if (frac_scale >= 1'000'000'000) continue;  // beyond nanosecond precision
      frac = frac * 10 + (c - '0');
      frac_scale *= 10;
    } else {
      whole = whole * 10 + (c - '0');
      if (whole > 1'000'000'000'000LL) return std::nullopt;  // absurdly long
    }
  }
  if (!seen_digit) return std::nullopt;
  // whole * scale must fit in int64 (about 292 years of nanoseconds).
  if (whole > std::numeric_limits<int64_t>::max() / scale - 1) return std::nullopt;
  return Duration{whole * scale + frac * scale / frac_scale};
}

std::string Duration::ms_str() const {
  // By hand rather than snprintf: ping output and link labels print many.
  const int64_t us = ns / 1000;
  const int64_t frac = us % 1000;
  if (frac < 0) {  // negative: never a real time, but keep the historic spelling
    char buf[32];
    std::snprintf(buf, sizeof buf, "%lld.%03lld", static_cast<long long>(us / 1000),
                  static_cast<long long>(frac));
    return buf;
  }
  std::string out = std::to_string(us / 1000);
  out.push_back('.');
  out.push_back(char('0' + frac / 100));
  out.push_back(char('0' + frac / 10 % 10));
  out.push_back(char('0' + frac % 10));
  return out;
}

}  // namespace vpcsim::sim
