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
  // One pass (a big topology has millions of addresses): four groups of 1-3
  // digits joined by dots, each at most 255, with no leading zero.
  uint32_t value = 0, octet = 0;
  int digits = 0, dots = 0;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      if (digits == 1 && octet == 0) return std::nullopt;  // "01": leading zero
      octet = octet * 10 + uint32_t(c - '0');
      if (++digits > 3 || octet > 255) return std::nullopt;
    } else if (c == '.' && digits > 0 && dots < 3) {
      value = (value << 8) | octet;
      octet = 0;
      digits = 0;
      ++dots;
    } else {
      return std::nullopt;
    }
  }
  if (digits == 0 || dots != 3) return std::nullopt;
  return Ipv4Addr{(value << 8) | octet};
}

std::string Ipv4Addr::str() const {
  // Digits by hand, not snprintf: explanations print addresses by the thousand.
  std::string out;
  out.reserve(15);
  for (int i = 0; i < 4; ++i) {
    const unsigned o = octet(i);
    if (i > 0) out.push_back('.');
    if (o >= 100) out.push_back(char('0' + o / 100));
    if (o >= 10) out.push_back(char('0' + o / 10 % 10));
    out.push_back(char('0' + o % 10));
  }
  return out;
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
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(17, ':');
  for (int i = 0; i < 6; ++i) {
    const unsigned byte = unsigned(v >> (40 - 8 * i)) & 0xff;
    out[size_t(3 * i)] = kHex[byte >> 4];
    out[size_t(3 * i + 1)] = kHex[byte & 0xf];
  }
  return out;
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
