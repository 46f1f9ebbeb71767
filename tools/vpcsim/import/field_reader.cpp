#include "tools/vpcsim/import/field_reader.hpp"

#include <algorithm>

namespace vpcsim::importer {

void FieldReader::warn(const JsonNode& n, std::string message, std::string code) {
  log_.warning(file_, n.path(), subject_, std::move(message), std::move(code));
}

void FieldReader::error(const JsonNode& n, std::string message, std::string code) {
  log_.error(file_, n.path(), subject_, std::move(message), std::move(code));
}

bool FieldReader::check_present(const JsonNode& n, bool required, const char* expected) {
  if (!n.missing()) return true;
  if (required) error(n, std::string("missing: expected ") + expected, "missing-field");
  return false;
}

std::optional<std::string> FieldReader::string(const JsonNode& n, bool required) {
  if (!check_present(n, required, "a string")) return std::nullopt;
  if (auto s = n.string()) return s;
  error(n, "expected a string, found " + std::string(n.value()->type_name()), "bad-field");
  return std::nullopt;
}

std::optional<bool> FieldReader::boolean(const JsonNode& n, bool required) {
  if (!check_present(n, required, "true or false")) return std::nullopt;
  if (auto b = n.boolean()) return b;
  error(n, "expected true or false, found " + std::string(n.value()->type_name()), "bad-field");
  return std::nullopt;
}

std::optional<int64_t> FieldReader::integer(const JsonNode& n, bool required) {
  if (!check_present(n, required, "an integer")) return std::nullopt;
  if (auto i = n.integer()) return i;
  // Terraform keeps some numbers as strings ("-1"); accept those that are integers.
  if (auto s = n.string()) {
    try {
      size_t used = 0;
      long long v = std::stoll(*s, &used);
      if (used == s->size()) return v;
    } catch (const std::exception&) {
    }
  }
  error(n, "expected an integer, found " + n.value()->dump(), "bad-field");
  return std::nullopt;
}

JsonNode FieldReader::list(const JsonNode& n) {
  if (n.missing() || n.is_array()) return n;
  error(n, "expected an array, found " + std::string(n.value()->type_name()), "bad-field");
  return JsonNode(nullptr, n.path());
}

std::optional<int64_t> FieldReader::optional_integer(const JsonNode& n, bool& ok) {
  if (n.missing()) return std::nullopt;
  auto v = integer(n, false);
  ok = ok && v.has_value();
  return v;
}

std::optional<sim::Prefix> FieldReader::cidr(const JsonNode& n, bool required) {
  auto text = string(n, required);
  if (!text) return std::nullopt;
  if (auto p = sim::Prefix::parse(*text); p && text->find('/') != std::string::npos) return p;
  if (auto a = sim::InterfaceAddr::parse(*text); a && text->find('/') != std::string::npos) {
    sim::Prefix p = a->subnet();
    warn(n, "CIDR " + *text + " has host bits set: read as " + p.str(), "cidr-host-bits");
    return p;
  }
  error(n, "'" + *text + "' is not an IPv4 CIDR block (e.g. 10.0.0.0/16)", "bad-cidr");
  return std::nullopt;
}

std::optional<sim::Ipv4Addr> FieldReader::ip(const JsonNode& n, bool required) {
  auto text = string(n, required);
  if (!text) return std::nullopt;
  if (auto a = sim::Ipv4Addr::parse(*text)) return a;
  error(n, "'" + *text + "' is not an IPv4 address", "bad-ip");
  return std::nullopt;
}

std::optional<IpProtocol> FieldReader::protocol(const JsonNode& n, bool required) {
  std::optional<std::string> text;
  if (auto i = n.integer()) {
    text = std::to_string(*i);
  } else {
    text = string(n, required);
  }
  if (!text) return std::nullopt;
  std::string t = *text;
  std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return std::tolower(c); });
  IpProtocol p;
  p.text = *text;
  if (t == "-1" || t == "all") {
    p.kind = IpProtocol::All;
  } else if (t == "6" || t == "tcp") {
    p.kind = IpProtocol::Tcp;
  } else if (t == "17" || t == "udp") {
    p.kind = IpProtocol::Udp;
  } else if (t == "1" || t == "icmp") {
    p.kind = IpProtocol::Icmp;
  } else if (t == "58" || t == "icmpv6") {
    p.kind = IpProtocol::Icmpv6;
  } else {
    p.kind = IpProtocol::Other;
  }
  return p;
}

std::optional<RuleProtocol> rule_protocol(FieldReader& fields, const JsonNode& at,
                                          const IpProtocol& protocol, std::optional<int64_t> from,
                                          std::optional<int64_t> to, const std::string& what) {
  RuleProtocol out;
  switch (protocol.kind) {
    case IpProtocol::All:
      out.protocol = topo::Protocol::All;
      return out;
    case IpProtocol::Icmpv6:
      fields.warn(at, what + " for ICMPv6 skipped: vpcsim models IPv4 only", "ipv6");
      return std::nullopt;
    case IpProtocol::Other:
      // Such a rule never matches the TCP, UDP and ICMP packets vpcsim sends, so
      // leaving it out changes no verdict; it is still reported.
      fields.warn(at,
                  what + " for IP protocol " + protocol.text +
                      " skipped: vpcsim models tcp, udp and icmp only",
                  "unsupported-protocol");
      return std::nullopt;
    case IpProtocol::Icmp:
      out.protocol = topo::Protocol::Icmp;
      if (from && *from != -1) {
        fields.warn(at,
                    what + " allows ICMP type " + std::to_string(*from) +
                        " only: imported as all ICMP (vpcsim does not filter ICMP types)",
                    "icmp-type-widened");
      }
      return out;
    case IpProtocol::Tcp:
    case IpProtocol::Udp:
      break;
  }
  out.protocol = protocol.kind == IpProtocol::Tcp ? topo::Protocol::Tcp : topo::Protocol::Udp;
  int64_t lo = from.value_or(-1), hi = to.value_or(-1);
  if (lo == -1 && hi == -1) return out;  // every port
  if (lo < 0 || hi < lo || hi > 65535) {
    fields.warn(at,
                what + " has port range " + std::to_string(lo) + "-" + std::to_string(hi) +
                    ", which is not one: skipped",
                "bad-port-range");
    return std::nullopt;
  }
  if (hi == 0) {
    fields.warn(at, what + " allows port 0 only, which nothing uses: skipped", "bad-port-range");
    return std::nullopt;
  }
  // Port 0 is never a destination port, so 0-N means 1-N.
  out.ports =
      topo::PortRange{static_cast<uint16_t>(std::max<int64_t>(lo, 1)), static_cast<uint16_t>(hi)};
  return out;
}

}  // namespace vpcsim::importer
