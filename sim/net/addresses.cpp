#include <charconv>
#include <cstdio>

#include "sim/net/ipv4_addr.hpp"
#include "sim/net/mac_addr.hpp"
#include "sim/net/prefix.hpp"

namespace vpcsim::sim {
namespace {

// Parses a decimal number in [0, max] with no sign and no leading zeros.
std::optional<uint32_t> parse_decimal(std::string_view s, uint32_t max) {
  if (s.empty() || s.size() > 10) return std::nullopt;
  if (s.size() > 1 && s[0] == '0') return std::nullopt;
  uint32_t value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc{} || end != s.data() + s.size() || value > max) return std::nullopt;
  return value;
}

std::optional<int> hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return std::nullopt;
}

}  // namespace

std::optional<Ipv4Addr> Ipv4Addr::parse(std::string_view text) {
  uint32_t value = 0;
  for (int i = 0; i < 4; ++i) {
    size_t dot = i < 3 ? text.find('.') : text.size();
    if (dot == std::string_view::npos) return std::nullopt;
    auto octet = parse_decimal(text.substr(0, dot), 255);
    if (!octet) return std::nullopt;
    value = (value << 8) | *octet;
    text.remove_prefix(i < 3 ? dot + 1 : dot);
  }
  if (!text.empty()) return std::nullopt;
  return Ipv4Addr{value};
}

std::string Ipv4Addr::str() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", octet(0), octet(1), octet(2), octet(3));
  return buf;
}

bool Ipv4Addr::is_private() const {
  return (v >> 24) == 10 || (v >> 20) == 0xac1 || (v >> 16) == 0xc0a8;
}

std::optional<MacAddr> MacAddr::parse(std::string_view text) {
  if (text.size() != 17) return std::nullopt;
  uint64_t value = 0;
  for (size_t i = 0; i < 17; ++i) {
    if (i % 3 == 2) {
      if (text[i] != ':' && text[i] != '-') return std::nullopt;
      continue;
    }
    auto d = hex_digit(text[i]);
    if (!d) return std::nullopt;
    value = (value << 4) | uint64_t(*d);
  }
  return MacAddr{value};
}

MacAddr MacAddr::from_name(std::string_view name) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : name) h = (h ^ c) * 0x100000001b3ULL;
  // 02:... = locally administered, unicast; 40 bits of hash.
  return MacAddr{(uint64_t{0x02} << 40) | (h & 0xff'ffff'ffffULL)};
}

std::string MacAddr::str() const {
  char buf[18];
  std::snprintf(buf, sizeof buf, "%02x:%02x:%02x:%02x:%02x:%02x", unsigned(v >> 40) & 0xff,
                unsigned(v >> 32) & 0xff, unsigned(v >> 24) & 0xff, unsigned(v >> 16) & 0xff,
                unsigned(v >> 8) & 0xff, unsigned(v) & 0xff);
  return buf;
}

std::optional<Prefix> Prefix::parse(std::string_view text) {
  auto a = InterfaceAddr::parse(text);
  if (!a || (a->ip.v & ~mask_of(a->len)) != 0) return std::nullopt;
  return Prefix{a->ip, a->len};
}

std::string Prefix::str() const { return addr.str() + "/" + std::to_string(len); }

std::optional<InterfaceAddr> InterfaceAddr::parse(std::string_view text) {
  size_t slash = text.find('/');
  auto ip = Ipv4Addr::parse(text.substr(0, slash));
  if (!ip) return std::nullopt;
  if (slash == std::string_view::npos) return InterfaceAddr{*ip, 32};
  auto len = parse_decimal(text.substr(slash + 1), 32);
  if (!len) return std::nullopt;
  return InterfaceAddr{*ip, uint8_t(*len)};
}

std::string InterfaceAddr::str() const { return ip.str() + "/" + std::to_string(len); }

}  // namespace vpcsim::sim
