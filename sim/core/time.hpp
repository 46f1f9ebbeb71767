#pragma once
// Simulated time: integer nanoseconds, never floating point, so that runs are
// bit-for-bit reproducible and event order never depends on rounding.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vpcsim::sim {

struct Duration {
  int64_t ns = 0;
  auto operator<=>(const Duration&) const = default;
  constexpr Duration operator+(Duration o) const { return {ns + o.ns}; }
  constexpr Duration operator-(Duration o) const { return {ns - o.ns}; }
  constexpr Duration operator*(int64_t k) const { return {ns * k}; }
  // "0.2ms", "100us", "5ns", "1.5s", "300s"; a bare number is seconds.
  [[nodiscard]] static std::optional<Duration> parse(std::string_view text);
  // Milliseconds with 3 decimals, as ping prints round-trip times ("0.412").
  [[nodiscard]] std::string ms_str() const;
};

struct SimTime {
  int64_t ns = 0;
  auto operator<=>(const SimTime&) const = default;
  constexpr SimTime operator+(Duration d) const { return {ns + d.ns}; }
  constexpr Duration operator-(SimTime o) const { return {ns - o.ns}; }
};

constexpr Duration operator""_ns(unsigned long long v) { return {int64_t(v)}; }
constexpr Duration operator""_us(unsigned long long v) { return {int64_t(v) * 1'000}; }
constexpr Duration operator""_ms(unsigned long long v) { return {int64_t(v) * 1'000'000}; }
constexpr Duration operator""_s(unsigned long long v) { return {int64_t(v) * 1'000'000'000}; }

}  // namespace vpcsim::sim
