#include "topology/xml_loader.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <functional>
#include <initializer_list>
#include <iterator>
#include <sstream>
#include <system_error>

#include <pugixml.hpp>

#include "topology/validate.hpp"

// Element and attribute vocabulary (DESIGN.md section 3). Hosts accept a shorthand
// for the common one-interface case: `<host name="pc1" ip="10.0.0.5/24"
// gateway="10.0.0.1" mac="…"/>` means one interface named eth0 with those values.
// A host uses either the shorthand or <interface> children, never both.
//
// Defaults written down here so they are not silent: link latency 0.1 ms, link
// bandwidth unlimited, link up, switch aging 300 s (applied by `lower`), security
// group default-outbound true, instance source-dest-check true, route type normal.
// Durations need a unit (a bare "5" would mean seconds, which nobody means for a
// link latency); CIDRs need a "/len"; `ports` is required for tcp and udp rules.

namespace vpcsim::topo {
namespace {

using sim::Duration;
using sim::InterfaceAddr;
using sim::Ipv4Addr;
using sim::MacAddr;
using sim::Prefix;

// Limits past which a value is taken for a typo rather than a plan.
constexpr int64_t kMaxLatencyNs = 60'000'000'000LL;           // 60 s
constexpr int64_t kMaxAgingNs = 1'000'000LL * 1'000'000'000;  // 10^6 s, as Linux bridges
constexpr uint64_t kMaxBandwidthBps = 10'000'000'000'000ULL;  // 10 Tbps
constexpr size_t kMaxNameLength = 64;
constexpr size_t kMaxShownValue = 40;

// Maps byte offsets of the raw buffer to 1-based line:col. Columns count UTF-8
// characters, so a name after "é" is pointed at where an editor shows it.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text) : text_(text) {
    starts_.push_back(0);
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') starts_.push_back(i + 1);
    }
  }

  [[nodiscard]] std::pair<uint32_t, uint32_t> at(size_t offset) const {
    offset = std::min(offset, text_.size());
    auto it = std::upper_bound(starts_.begin(), starts_.end(), offset) - 1;
    size_t line_start = *it;
    // A UTF-8 byte order mark is not a column.
    if (line_start == 0 && text_.starts_with("\xEF\xBB\xBF") && offset >= 3) line_start = 3;
    uint32_t col = 1;
    for (size_t i = line_start; i < offset; ++i) {
      if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++col;
    }
    return {static_cast<uint32_t>(it - starts_.begin() + 1), col};
  }

 private:
  std::string_view text_;
  std::vector<size_t> starts_;
};

// Why a value did not parse: completes the sentence "CTX: ATTR 'VALUE' ...".
struct Bad {
  std::string code;
  std::string problem;
  std::vector<std::string> notes = {};
};

std::string shown(std::string_view value) {
  if (value.size() <= kMaxShownValue) return std::string(value);
  return std::string(value.substr(0, kMaxShownValue)) + "...";
}

std::optional<uint64_t> parse_unsigned(std::string_view s, uint64_t max) {
  if (s.empty() || s.size() > 19) return std::nullopt;
  uint64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || end != s.data() + s.size() || v > max) return std::nullopt;
  return v;
}

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.';
}

// Names are identifiers on the command line, in comma-separated lists and in
// "node:interface" link ends, so ':', ',', '/', spaces and quotes are kept out; a
// name that reads as an IPv4 address would make `to=` in probes ambiguous.
std::optional<Bad> check_name(std::string_view s) {
  if (s.empty()) return Bad{"bad-name", "is empty"};
  if (s.size() > kMaxNameLength) {
    return Bad{"bad-name", "is longer than " + std::to_string(kMaxNameLength) + " characters"};
  }
  if (s[0] == '-' || s[0] == '.') {
    return Bad{"bad-name", "must start with a letter, a digit or '_'"};
  }
  for (char c : s) {
    if (!is_name_char(c)) {
      return Bad{"bad-name", "may only contain letters, digits, '_', '-' and '.'"};
    }
  }
  if (Ipv4Addr::parse(s)) return Bad{"bad-name", "reads as an IPv4 address; names must not"};
  return std::nullopt;
}

// ---- value parsers: each returns the value or fills `bad` -------------------

std::optional<Ipv4Addr> parse_ip(std::string_view v, Bad& bad) {
  if (auto ip = Ipv4Addr::parse(v)) return ip;
  if (v.find('/') != std::string_view::npos && Ipv4Addr::parse(v.substr(0, v.find('/')))) {
    bad = {"bad-ip", "must be a plain address here, without a /prefix"};
  } else {
    bad = {"bad-ip", "is not an IPv4 address (expected dotted-quad, e.g. 10.0.1.10)"};
  }
  return std::nullopt;
}

// Internet hosts are single addresses; "/32" is accepted as a way of saying so.
std::optional<Ipv4Addr> parse_host_ip(std::string_view v, Bad& bad) {
  if (v.ends_with("/32")) v.remove_suffix(3);
  if (auto ip = Ipv4Addr::parse(v)) return ip;
  bad = {"bad-ip", "is not an IPv4 address (expected e.g. 198.51.100.10 or 198.51.100.10/32)"};
  return std::nullopt;
}

std::optional<InterfaceAddr> parse_interface_addr(std::string_view v, Bad& bad) {
  if (v.find('/') == std::string_view::npos) {
    if (Ipv4Addr::parse(v)) {
      bad = {"bad-ip", "needs a prefix length, e.g. " + std::string(v) + "/24"};
    } else {
      bad = {"bad-ip", "is not an interface address (expected ADDRESS/LEN, e.g. 192.168.0.10/24)"};
    }
    return std::nullopt;
  }
  auto a = InterfaceAddr::parse(v);
  if (!a) {
    bad = {"bad-ip", "is not an interface address (expected ADDRESS/LEN, e.g. 192.168.0.10/24)"};
    return std::nullopt;
  }
  if (a->len == 0) {
    bad = {"bad-ip", "has prefix length 0; an interface needs a subnet of /1 to /32"};
    return std::nullopt;
  }
  return a;
}

std::optional<Prefix> parse_cidr(std::string_view v, Bad& bad) {
  if (v.find('/') == std::string_view::npos) {
    if (Ipv4Addr::parse(v)) {
      bad = {"bad-cidr", "needs a prefix length, e.g. " + std::string(v) + "/32"};
    } else {
      bad = {"bad-cidr", "is not a CIDR block (expected NETWORK/LEN, e.g. 10.0.0.0/16)"};
    }
    return std::nullopt;
  }
  if (auto p = Prefix::parse(v)) return p;
  if (auto a = InterfaceAddr::parse(v)) {
    bad = {"bad-cidr", "has host bits set; the network address is " + a->subnet().str()};
    return std::nullopt;
  }
  bad = {"bad-cidr", "is not a CIDR block (expected NETWORK/LEN, e.g. 10.0.0.0/16)"};
  return std::nullopt;
}

std::optional<MacAddr> parse_mac(std::string_view v, Bad& bad) {
  auto m = MacAddr::parse(v);
  if (!m) {
    bad = {"bad-mac", "is not a MAC address (expected six hex pairs, e.g. 02:00:00:00:00:01)"};
    return std::nullopt;
  }
  if (m->v == 0 || m->is_multicast()) {
    bad = {"bad-mac", std::string(m->v == 0 ? "is all zeros" : "is a multicast address") +
                          "; an interface needs a unicast MAC"};
    return std::nullopt;
  }
  return m;
}

std::optional<Duration> parse_duration(std::string_view v, int64_t max_ns, Bad& bad) {
  size_t digits_end = 0;
  while (digits_end < v.size() &&
         ((v[digits_end] >= '0' && v[digits_end] <= '9') || v[digits_end] == '.')) {
    ++digits_end;
  }
  std::string_view unit = v.substr(digits_end);
  if (digits_end == 0 || (unit != "ns" && unit != "us" && unit != "ms" && unit != "s")) {
    bad = {"bad-duration", unit.empty() && digits_end > 0
                               ? "has no unit (write e.g. 0.2ms; units: ns, us, ms, s)"
                               : "is not a duration (e.g. 0.2ms; units: ns, us, ms, s)"};
    return std::nullopt;
  }
  // Keep the integer part short so the conversion to nanoseconds cannot overflow.
  std::string_view number = v.substr(0, digits_end);
  size_t int_digits = std::min(number.find('.'), number.size());
  auto d = int_digits <= 9 ? Duration::parse(v) : std::nullopt;
  if (!d && int_digits <= 9) {
    bad = {"bad-duration", "is not a duration (e.g. 0.2ms; units: ns, us, ms, s)"};
    return std::nullopt;
  }
  if (!d || d->ns > max_ns) {
    bad = {"bad-duration", "is too long (at most " + std::to_string(max_ns / 1'000'000'000) + "s)"};
    return std::nullopt;
  }
  return d;
}

// "1Gbps", "100Mbps", "10kbps", "2.5Gbps", "1000bps" or a plain number of bits/s.
std::optional<uint64_t> parse_bandwidth(std::string_view v, Bad& bad) {
  struct Unit {
    std::string_view suffix;
    uint64_t scale;
  };
  static constexpr Unit kUnits[] = {{"Tbps", 1'000'000'000'000ULL},
                                    {"Gbps", 1'000'000'000ULL},
                                    {"Mbps", 1'000'000ULL},
                                    {"kbps", 1'000ULL},
                                    {"Kbps", 1'000ULL},
                                    {"bps", 1ULL}};
  uint64_t scale = 1;
  std::string_view number = v;
  for (const Unit& u : kUnits) {
    if (v.ends_with(u.suffix)) {
      scale = u.scale;
      number = v.substr(0, v.size() - u.suffix.size());
      break;
    }
  }
  const Bad malformed{"bad-bandwidth",
                      "is not a bandwidth (e.g. 100Mbps; units: bps, kbps, Mbps, Gbps, Tbps)"};
  size_t dot = number.find('.');
  auto whole = parse_unsigned(number.substr(0, dot), kMaxBandwidthBps);
  if (!whole) {
    bad = malformed;
    return std::nullopt;
  }
  uint64_t frac = 0, frac_scale = 1;
  if (dot != std::string_view::npos) {
    std::string_view f = number.substr(dot + 1);
    if (f.empty() || f.size() > 12) {
      bad = malformed;
      return std::nullopt;
    }
    for (char c : f) {
      if (c < '0' || c > '9') {
        bad = malformed;
        return std::nullopt;
      }
      frac = frac * 10 + uint64_t(c - '0');
      frac_scale *= 10;
    }
  }
  if (*whole > kMaxBandwidthBps / scale) {
    bad = {"bad-bandwidth", "is too large (at most 10Tbps)"};
    return std::nullopt;
  }
  // frac * scale cannot overflow: frac < 10^12 and the product is checked below.
  unsigned __int128 frac_bps = static_cast<unsigned __int128>(frac) * scale;
  if (frac_bps % frac_scale != 0) {
    bad = {"bad-bandwidth", "is not a whole number of bits per second"};
    return std::nullopt;
  }
  uint64_t bps = *whole * scale + static_cast<uint64_t>(frac_bps / frac_scale);
  if (bps == 0 || bps > kMaxBandwidthBps) {
    bad = {"bad-bandwidth", bps == 0 ? "is zero; leave bandwidth out for an unlimited link"
                                     : "is too large (at most 10Tbps)"};
    return std::nullopt;
  }
  return bps;
}

std::optional<uint16_t> parse_port(std::string_view v, Bad& bad) {
  auto p = parse_unsigned(v, 65535);
  if (!p || *p == 0) {
    bad = {"bad-port", "is not a port number (1-65535)"};
    return std::nullopt;
  }
  return static_cast<uint16_t>(*p);
}

std::optional<PortRange> parse_port_range(std::string_view v, Bad& bad) {
  size_t dash = v.find('-');
  auto lo = parse_unsigned(v.substr(0, dash), 65535);
  auto hi = dash == std::string_view::npos ? lo : parse_unsigned(v.substr(dash + 1), 65535);
  if (!lo || !hi || *lo == 0 || *hi == 0) {
    bad = {"bad-port", "is not a port or port range (N or N-M, 1-65535)"};
    return std::nullopt;
  }
  if (*lo > *hi) {
    bad = {"bad-port", "is a range whose start is above its end"};
    return std::nullopt;
  }
  return PortRange{static_cast<uint16_t>(*lo), static_cast<uint16_t>(*hi)};
}

std::optional<Protocol> parse_protocol(std::string_view v, bool l4_only, Bad& bad) {
  if (v == "tcp") return Protocol::Tcp;
  if (v == "udp") return Protocol::Udp;
  if (!l4_only && v == "icmp") return Protocol::Icmp;
  if (!l4_only && v == "all") return Protocol::All;
  bad = {"bad-protocol", l4_only ? "is not a protocol here (valid: tcp, udp)"
                                 : "is not a protocol (valid: tcp, udp, icmp, all)"};
  return std::nullopt;
}

std::optional<bool> parse_bool(std::string_view v, Bad& bad) {
  if (v == "true") return true;
  if (v == "false") return false;
  bad = {"bad-bool", "is not a boolean (valid: true, false)"};
  return std::nullopt;
}

std::optional<uint32_t> parse_number(std::string_view v, Bad& bad) {
  auto n = parse_unsigned(v, 0xFFFF'FFFFu);
  if (!n) {
    bad = {"bad-number", "is not a whole number (0-4294967295)"};
    return std::nullopt;
  }
  return static_cast<uint32_t>(*n);
}

std::optional<std::string> parse_name(std::string_view v, Bad& bad) {
  if (auto b = check_name(v)) {
    bad = *b;
    return std::nullopt;
  }
  return std::string(v);
}

std::optional<LinkEndSpec> parse_link_end(std::string_view v, Bad& bad) {
  size_t colon = v.find(':');
  LinkEndSpec end;
  end.node = std::string(v.substr(0, colon));
  if (colon != std::string_view::npos) end.interface = std::string(v.substr(colon + 1));
  bool ok =
      !check_name(end.node) && (colon == std::string_view::npos || !check_name(end.interface));
  if (!ok) {
    bad = {"bad-link-end", "is not NODE or NODE:INTERFACE (e.g. pc1:eth0 or sw1)"};
    return std::nullopt;
  }
  return end;
}

// "sg-a,sg-b", "sg-a sg-b" or "sg-a, sg-b".
std::optional<std::vector<std::string>> parse_name_list(std::string_view v, Bad& bad) {
  std::vector<std::string> names;
  size_t i = 0;
  while (i < v.size()) {
    size_t j = v.find_first_of(", \t\r\n", i);
    if (j == std::string_view::npos) j = v.size();
    if (j > i) {
      std::string_view name = v.substr(i, j - i);
      if (auto b = check_name(name)) {
        bad = {"bad-name", "contains '" + shown(name) + "', which " + b->problem};
        return std::nullopt;
      }
      names.emplace_back(name);
    }
    i = j + 1;
  }
  if (names.empty()) {
    bad = {"bad-name", "names no group; leave it out to use the VPC's default security group"};
    return std::nullopt;
  }
  return names;
}

// ---- the walk ---------------------------------------------------------------

// One element being read: where it is, how messages name it, and whether one of
// its values was broken (the caller then leaves it out of the spec).
struct El {
  pugi::xml_node node;
  SourceLoc loc;
  std::string ctx;  // "instance 'web'", or "<instance>" until the name is known
  bool ok = true;
};

class Loader {
 public:
  Loader(std::string_view text, const std::string& file, Diagnostics& diags)
      : text_(text), file_(file), lines_(text), diags_(diags) {}

  std::optional<TopologySpec> run();

 private:
  SourceLoc loc_at(ptrdiff_t offset) const {
    auto [line, col] = lines_.at(offset < 0 ? 0 : static_cast<size_t>(offset));
    return SourceLoc{file_, line, col};
  }

  // offset_debug() of an element points at its name; the '<' before it reads better.
  SourceLoc loc_of(pugi::xml_node n) const {
    ptrdiff_t off = n.offset_debug();
    if (n.type() == pugi::node_element && off > 0) --off;
    return loc_at(off);
  }

  El open(pugi::xml_node node, const std::vector<std::string_view>& attrs);
  void for_children(const El& parent, std::initializer_list<std::string_view> allowed,
                    const std::function<void(pugi::xml_node)>& visit);

  std::optional<std::string_view> attr(const El& el, const char* name) const {
    pugi::xml_attribute a = el.node.attribute(name);
    if (!a) return std::nullopt;
    return std::string_view(a.value());
  }
  std::optional<std::string_view> need(El& el, const char* name, std::string_view hint = {});
  void report(El& el, const char* attr_name, std::string_view value, const Bad& bad);
  void conflict(El& el, std::string message) {
    diags_.error(el.loc, "conflicting-attributes", el.ctx + ": " + std::move(message));
    el.ok = false;
  }

  // Reads attribute `name` with `parse`; nullopt when absent (after reporting it
  // if `required`) or broken (after reporting it).
  template <class Parse>
  auto get(El& el, const char* name, bool required, Parse&& parse)
      -> decltype(parse(std::string_view{}, std::declval<Bad&>())) {
    auto raw = required ? need(el, name) : attr(el, name);
    if (!raw) return std::nullopt;
    Bad bad;
    auto value = parse(*raw, bad);
    if (!value) report(el, name, *raw, bad);
    return value;
  }

  // Reads name= (required) and sets the element's context to "KIND 'NAME'".
  std::optional<std::string> read_name(El& el, std::string_view kind, std::string_view suffix = {});

  void read_network(pugi::xml_node n, TopologySpec& topo);
  void read_node(pugi::xml_node n, std::string_view kind, NetworkSpec& net);
  std::optional<InterfaceSpec> read_interface(pugi::xml_node n, const std::string& owner,
                                              bool host);
  std::optional<RouteSpec> read_route(pugi::xml_node n, const std::string& owner);
  std::optional<LinkSpec> read_link(pugi::xml_node n);
  std::optional<ListenSpec> read_listen(pugi::xml_node n, const std::string& owner);
  std::optional<MasqueradeSpec> read_masquerade(pugi::xml_node n, const std::string& owner);
  std::optional<PortForwardSpec> read_port_forward(pugi::xml_node n, const std::string& owner);
  void read_internet(pugi::xml_node n, TopologySpec& topo);
  void read_vpc(pugi::xml_node n, TopologySpec& topo);
  std::optional<RouteTableSpec> read_route_table(pugi::xml_node n);
  std::optional<SubnetSpec> read_subnet(pugi::xml_node n);
  std::optional<NaclSpec> read_nacl(pugi::xml_node n);
  std::optional<SecurityGroupSpec> read_security_group(pugi::xml_node n);
  std::optional<NatGatewaySpec> read_nat_gateway(pugi::xml_node n);
  std::optional<InstanceSpec> read_instance(pugi::xml_node n);
  std::optional<PeeringSpec> read_peering(pugi::xml_node n);
  std::optional<PortRange> read_rule_ports(El& el, std::optional<Protocol> protocol);

  std::string_view text_;
  const std::string& file_;
  LineIndex lines_;
  Diagnostics& diags_;
};

El Loader::open(pugi::xml_node node, const std::vector<std::string_view>& attrs) {
  El el{node, loc_of(node), "<" + shown(node.name()) + ">"};
  std::vector<std::string> seen;
  for (pugi::xml_attribute a : node.attributes()) {
    std::string name = a.name();
    if (std::find(seen.begin(), seen.end(), name) != seen.end()) {
      diags_.error(el.loc, "duplicate-attribute",
                   el.ctx + ": attribute '" + name + "' is given more than once");
      continue;
    }
    seen.push_back(name);
    if (std::find(attrs.begin(), attrs.end(), name) != attrs.end()) continue;
    std::vector<std::string> known(attrs.begin(), attrs.end());
    std::vector<std::string> notes;
    if (auto near = closest_name(name, known)) notes.push_back("did you mean '" + *near + "'?");
    notes.push_back(known_names_note("attributes of " + el.ctx, known));
    diags_.error(el.loc, "unknown-attribute", el.ctx + ": unknown attribute '" + shown(name) + "'",
                 std::move(notes));
  }
  return el;
}

void Loader::for_children(const El& parent, std::initializer_list<std::string_view> allowed,
                          const std::function<void(pugi::xml_node)>& visit) {
  // Where each element may appear, to tell "misplaced" from "unknown".
  static constexpr std::string_view kAllElements[] = {"topology",
                                                      "internet",
                                                      "vpc",
                                                      "vpc-peering",
                                                      "network",
                                                      "host",
                                                      "router",
                                                      "switch",
                                                      "hub",
                                                      "link",
                                                      "interface",
                                                      "route",
                                                      "listen",
                                                      "masquerade",
                                                      "port-forward",
                                                      "internet-gateway",
                                                      "route-table",
                                                      "subnet",
                                                      "nacl",
                                                      "rule",
                                                      "security-group",
                                                      "inbound",
                                                      "outbound",
                                                      "nat-gateway",
                                                      "instance"};
  const std::string where = "<" + std::string(parent.node.name()) + ">";
  for (pugi::xml_node child : parent.node.children()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
      diags_.error(loc_of(child), "unexpected-text",
                   "unexpected text '" + shown(child.value()) + "' inside " + where +
                       " (values go in attributes)");
      continue;
    }
    if (child.type() != pugi::node_element) continue;
    std::string_view name = child.name();
    if (std::find(allowed.begin(), allowed.end(), name) != allowed.end()) {
      visit(child);
      continue;
    }
    std::vector<std::string> known(allowed.begin(), allowed.end());
    std::vector<std::string> notes;
    bool misplaced =
        std::find(std::begin(kAllElements), std::end(kAllElements), name) != std::end(kAllElements);
    if (!misplaced) {
      if (auto near = closest_name(name, known)) notes.push_back("did you mean <" + *near + ">?");
    }
    notes.push_back(known_names_note("elements inside " + where, known));
    diags_.error(loc_of(child), "unknown-element",
                 misplaced ? "element <" + std::string(name) + "> is not allowed inside " + where
                           : "unknown element <" + shown(name) + "> inside " + where,
                 std::move(notes));
  }
}

std::optional<std::string_view> Loader::need(El& el, const char* name, std::string_view hint) {
  auto raw = attr(el, name);
  if (!raw) {
    std::string msg = el.ctx + ": missing attribute '" + name + "'";
    if (!hint.empty()) msg += " (" + std::string(hint) + ")";
    diags_.error(el.loc, "missing-attribute", std::move(msg));
    el.ok = false;
  }
  return raw;
}

void Loader::report(El& el, const char* attr_name, std::string_view value, const Bad& bad) {
  // "a 'pc1:' is not ..." would read as an article; say which end of the link.
  std::string attr_text = attr_name;
  if (attr_text == "a" || attr_text == "b") attr_text = "end " + attr_text;
  diags_.error(el.loc, bad.code,
               el.ctx + ": " + attr_text + " '" + shown(value) + "' " + bad.problem, bad.notes);
  el.ok = false;
}

std::optional<std::string> Loader::read_name(El& el, std::string_view kind,
                                             std::string_view suffix) {
  auto name = get(el, "name", true, parse_name);
  el.ctx = std::string(kind) + (name ? " '" + *name + "'" : "") + std::string(suffix);
  return name;
}

std::optional<TopologySpec> Loader::run() {
  pugi::xml_document doc;
  pugi::xml_parse_result parsed =
      doc.load_buffer(text_.data(), text_.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!parsed) {
    std::string what = parsed.description();
    if (!what.empty())
      what[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(what[0])));
    diags_.error(loc_at(parsed.offset), "xml-syntax", "malformed XML: " + what);
    return std::nullopt;
  }
  pugi::xml_node root;
  for (pugi::xml_node n : doc.children()) {
    if (n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata) {
      diags_.error(loc_of(n), "xml-syntax", "malformed XML: text outside the root element");
    } else if (n.type() == pugi::node_element && !root) {
      root = n;
    } else if (n.type() == pugi::node_element) {
      diags_.error(loc_of(n), "xml-syntax",
                   "malformed XML: a second root element <" + std::string(n.name()) +
                       "> (a file holds one <topology>)");
    }
  }
  if (!root) {
    diags_.error(loc_at(0), "xml-syntax", "malformed XML: no root element");
    return std::nullopt;
  }
  if (std::string_view(root.name()) != "topology") {
    diags_.error(loc_of(root), "unknown-element",
                 "the root element is <" + std::string(root.name()) + ">, expected <topology>");
    return std::nullopt;
  }

  El el = open(root, {"name"});
  TopologySpec topo;
  topo.loc = el.loc;
  topo.file = file_;
  if (auto name = read_name(el, "topology")) topo.name = *name;
  bool seen_internet = false;
  SourceLoc first_internet;
  for_children(el, {"internet", "vpc", "vpc-peering", "network"}, [&](pugi::xml_node c) {
    std::string_view kind = c.name();
    if (kind == "internet") {
      if (seen_internet) {
        diags_.error(loc_of(c), "duplicate-element",
                     "<internet> may appear only once (there is one internet)",
                     {"the first <internet> is at " + first_internet.str()});
        return;
      }
      seen_internet = true;
      first_internet = loc_of(c);
      read_internet(c, topo);
    } else if (kind == "vpc") {
      read_vpc(c, topo);
    } else if (kind == "vpc-peering") {
      if (auto p = read_peering(c)) topo.peerings.push_back(std::move(*p));
    } else {
      read_network(c, topo);
    }
  });
  return topo;
}

// ---- classic networks -------------------------------------------------------

void Loader::read_network(pugi::xml_node n, TopologySpec& topo) {
  El el = open(n, {"name"});
  NetworkSpec net;
  net.loc = el.loc;
  auto name = read_name(el, "network");
  if (name) net.name = *name;
  for_children(el, {"host", "router", "switch", "hub", "link"}, [&](pugi::xml_node c) {
    std::string_view kind = c.name();
    if (kind == "link") {
      if (auto l = read_link(c)) net.links.push_back(std::move(*l));
    } else {
      read_node(c, kind, net);
    }
  });
  // A nameless network still holds devices worth checking; keep it.
  topo.networks.push_back(std::move(net));
}

void Loader::read_node(pugi::xml_node n, std::string_view kind, NetworkSpec& net) {
  NodeSpec node;
  std::vector<std::string_view> attrs = {"name"};
  if (kind == "host") {
    node.kind = NodeKind::Host;
    attrs = {"name", "ip", "gateway", "mac"};
  } else if (kind == "router") {
    node.kind = NodeKind::Router;
  } else if (kind == "switch") {
    node.kind = NodeKind::Switch;
    attrs = {"name", "aging"};
  } else {
    node.kind = NodeKind::Hub;
  }
  El el = open(n, attrs);
  node.loc = el.loc;
  auto name = read_name(el, kind);
  if (name) node.name = *name;

  if (node.kind == NodeKind::Switch) {
    node.mac_aging = get(el, "aging", false, [](std::string_view v, Bad& bad) {
      return parse_duration(v, kMaxAgingNs, bad);
    });
  }
  if (node.kind == NodeKind::Switch || node.kind == NodeKind::Hub) {
    for_children(el, {}, [](pugi::xml_node) {});
    if (name) net.nodes.push_back(std::move(node));
    return;
  }

  bool host = node.kind == NodeKind::Host;
  bool has_shorthand = false;
  if (host) {
    // Shorthand: ip=/gateway=/mac= on <host> describe its single interface eth0.
    El sh{n, el.loc, el.ctx};
    auto addr = get(sh, "ip", false, parse_interface_addr);
    auto gateway = get(sh, "gateway", false, parse_ip);
    auto mac = get(sh, "mac", false, parse_mac);
    has_shorthand = attr(el, "ip") || attr(el, "gateway") || attr(el, "mac");
    if (has_shorthand && !attr(el, "ip")) {
      need(sh, "ip", "gateway= and mac= on <host> are the shorthand for one interface eth0");
    }
    if (sh.ok && addr) {
      node.interfaces.push_back(InterfaceSpec{el.loc, "eth0", *addr, gateway, mac});
    }
  }

  const std::string owner = el.ctx;
  bool has_interface_children = false;
  for_children(el, {"interface", "route", "listen", "masquerade", "port-forward"},
               [&](pugi::xml_node c) {
                 std::string_view child = c.name();
                 if (child == "interface") {
                   has_interface_children = true;
                   if (auto i = read_interface(c, owner, host)) {
                     node.interfaces.push_back(std::move(*i));
                   }
                 } else if (child == "route") {
                   if (auto r = read_route(c, owner)) node.routes.push_back(std::move(*r));
                 } else if (child == "listen") {
                   if (auto l = read_listen(c, owner)) node.listens.push_back(std::move(*l));
                 } else if (child == "masquerade") {
                   if (auto m = read_masquerade(c, owner)) {
                     node.masquerades.push_back(std::move(*m));
                   }
                 } else {
                   if (auto p = read_port_forward(c, owner)) {
                     node.port_forwards.push_back(std::move(*p));
                   }
                 }
               });
  if (has_shorthand && has_interface_children) {
    diags_.error(el.loc, "conflicting-attributes",
                 owner +
                     ": ip=/gateway=/mac= (the shorthand for one interface eth0) and "
                     "<interface> elements cannot be combined; use one form");
    // Keep the explicit interfaces: they are the longer, deliberate form.
    if (!node.interfaces.empty() && node.interfaces.front().loc == el.loc) {
      node.interfaces.erase(node.interfaces.begin());
    }
  }
  if (name) net.nodes.push_back(std::move(node));
}

std::optional<InterfaceSpec> Loader::read_interface(pugi::xml_node n, const std::string& owner,
                                                    bool host) {
  // Routers take a default route as <route destination="0.0.0.0/0" via=…/>, so
  // gateway= belongs to hosts only.
  El el = host ? open(n, {"name", "ip", "gateway", "mac"}) : open(n, {"name", "ip", "mac"});
  InterfaceSpec spec;
  spec.loc = el.loc;
  auto name = read_name(el, "interface", " of " + owner);
  auto addr = get(el, "ip", true, parse_interface_addr);
  if (host) spec.gateway = get(el, "gateway", false, parse_ip);
  spec.mac = get(el, "mac", false, parse_mac);
  for_children(el, {}, [](pugi::xml_node) {});
  if (!el.ok || !name || !addr) return std::nullopt;
  spec.name = *name;
  spec.addr = *addr;
  return spec;
}

std::optional<RouteSpec> Loader::read_route(pugi::xml_node n, const std::string& owner) {
  El el = open(n, {"destination", "via", "interface", "type"});
  el.ctx = "route of " + owner;
  RouteSpec spec;
  spec.loc = el.loc;
  auto dest = get(el, "destination", true, parse_cidr);
  if (dest) el.ctx = "route to " + dest->str() + " of " + owner;
  spec.via = get(el, "via", false, parse_ip);
  if (auto iface = get(el, "interface", false, parse_name)) spec.interface = *iface;
  auto type = get(el, "type", false, [](std::string_view v, Bad& bad) -> std::optional<RouteType> {
    if (v == "normal") return RouteType::Normal;
    if (v == "blackhole") return RouteType::Blackhole;
    if (v == "unreachable") return RouteType::Unreachable;
    if (v == "prohibit") return RouteType::Prohibit;
    bad = {"bad-value", "is not a route type (valid: normal, blackhole, unreachable, prohibit)"};
    return std::nullopt;
  });
  if (type) spec.type = *type;
  for_children(el, {}, [](pugi::xml_node) {});
  if (!el.ok || !dest) return std::nullopt;
  spec.destination = *dest;
  return spec;
}

std::optional<LinkSpec> Loader::read_link(pugi::xml_node n) {
  El el = open(n, {"a", "b", "latency", "bandwidth", "down"});
  LinkSpec spec;
  spec.loc = el.loc;
  auto raw_a = attr(el, "a");
  auto raw_b = attr(el, "b");
  if (raw_a && raw_b) el.ctx = "link " + shown(*raw_a) + " -- " + shown(*raw_b);
  auto a = get(el, "a", true, parse_link_end);
  auto b = get(el, "b", true, parse_link_end);
  if (auto lat = get(el, "latency", false, [](std::string_view v, Bad& bad) {
        return parse_duration(v, kMaxLatencyNs, bad);
      })) {
    spec.latency = *lat;
  }
  spec.bandwidth_bps = get(el, "bandwidth", false, parse_bandwidth);
  if (auto down = get(el, "down", false, parse_bool)) spec.down = *down;
  for_children(el, {}, [](pugi::xml_node) {});
  if (!el.ok || !a || !b) return std::nullopt;
  spec.a = *a;
  spec.b = *b;
  return spec;
}

std::optional<ListenSpec> Loader::read_listen(pugi::xml_node n, const std::string& owner) {
  El el = open(n, {"protocol", "port"});
  el.ctx = "listen of " + owner;
  ListenSpec spec;
  spec.loc = el.loc;
  auto proto = get(el, "protocol", true,
                   [](std::string_view v, Bad& bad) { return parse_protocol(v, true, bad); });
  auto port = get(el, "port", true, parse_port);
  for_children(el, {}, [](pugi::xml_node) {});
  if (!el.ok || !proto || !port) return std::nullopt;
  spec.protocol = *proto;
  spec.port = *port;
  return spec;
}

std::optional<MasqueradeSpec> Loader::read_masquerade(pugi::xml_node n, const std::string& owner) {
  El el = open(n, {"interface", "source"});
  el.ctx = "masquerade of " + owner;
  MasqueradeSpec spec;
  spec.loc = el.loc;
  if (auto iface = get(el, "interface", false, parse_name)) spec.interface = *iface;
  spec.source = get(el, "source", false, parse_cidr);
  for_children(el, {}, [](pugi::xml_node) {});
  if (!el.ok) return std::nullopt;
  return spec;
}

std::optional<PortForwardSpec> Loader::read_port_forward(pugi::xml_node n,
                                                         const std::string& owner) {
  El el = open(n, {"protocol", "port", "to-ip", "to-port"});
  el.ctx = "port-forward of " + owner;
  PortForwardSpec spec;
  spec.loc = el.loc;
  auto proto = get(el, "protocol", true,
                   [](std::string_view v, Bad& bad) { return parse_protocol(v, true, bad); });
  auto port = get(el, "port", true, parse_port);
  spec.to_ip = get(el, "to-ip", false, parse_ip);
  if (auto to_port = get(el, "to-port", false, parse_port)) spec.to_port = *to_port;
  for_children(el, {}, [](pugi::xml_node) {});
  if (!el.ok || !proto || !port) return std::nullopt;
  spec.protocol = *proto;
  spec.port = *port;
  return spec;
}

// ---- internet and VPCs ------------------------------------------------------

void Loader::read_internet(pugi::xml_node n, TopologySpec& topo) {
  El el = open(n, {});
  el.ctx = "<internet>";
  InternetSpec internet;
  internet.loc = el.loc;
  for_children(el, {"host"}, [&](pugi::xml_node c) {
    El h = open(c, {"name", "ip"});
    InternetHostSpec host;
    host.loc = h.loc;
    auto name = read_name(h, "internet host");
    auto ip = get(h, "ip", true, parse_host_ip);
    const std::string owner = h.ctx;
    for_children(h, {"listen"}, [&](pugi::xml_node l) {
      if (auto listen = read_listen(l, owner)) host.listens.push_back(std::move(*listen));
    });
    if (!h.ok || !name || !ip) return;
    host.name = *name;
    host.ip = *ip;
    internet.hosts.push_back(std::move(host));
  });
  topo.internet = std::move(internet);
}

void Loader::read_vpc(pugi::xml_node n, TopologySpec& topo) {
  El el = open(n, {"name", "cidr"});
  VpcSpec vpc;
  vpc.loc = el.loc;
  auto name = read_name(el, "vpc");
  auto cidr = get(el, "cidr", true, parse_cidr);
  for_children(el,
               {"internet-gateway", "route-table", "subnet", "nacl", "security-group",
                "nat-gateway", "instance"},
               [&](pugi::xml_node c) {
                 std::string_view kind = c.name();
                 if (kind == "internet-gateway") {
                   El g = open(c, {"name"});
                   auto gname = read_name(g, "internet gateway");
                   for_children(g, {}, [](pugi::xml_node) {});
                   if (vpc.internet_gateway) {
                     diags_.error(g.loc, "duplicate-element",
                                  el.ctx + ": a VPC has at most one internet gateway",
                                  {"the first is '" + vpc.internet_gateway->name + "' at " +
                                   vpc.internet_gateway->loc.str()});
                   } else if (gname) {
                     vpc.internet_gateway = InternetGatewaySpec{g.loc, *gname};
                   }
                 } else if (kind == "route-table") {
                   if (auto t = read_route_table(c)) vpc.route_tables.push_back(std::move(*t));
                 } else if (kind == "subnet") {
                   if (auto s = read_subnet(c)) vpc.subnets.push_back(std::move(*s));
                 } else if (kind == "nacl") {
                   if (auto a = read_nacl(c)) vpc.nacls.push_back(std::move(*a));
                 } else if (kind == "security-group") {
                   if (auto g = read_security_group(c)) {
                     vpc.security_groups.push_back(std::move(*g));
                   }
                 } else if (kind == "nat-gateway") {
                   if (auto g = read_nat_gateway(c)) vpc.nat_gateways.push_back(std::move(*g));
                 } else {
                   if (auto i = read_instance(c)) vpc.instances.push_back(std::move(*i));
                 }
               });
  if (!el.ok || !name || !cidr) return;
  vpc.name = *name;
  vpc.cidr = *cidr;
  topo.vpcs.push_back(std::move(vpc));
}

std::optional<RouteTableSpec> Loader::read_route_table(pugi::xml_node n) {
  El el = open(n, {"name", "main"});
  RouteTableSpec spec;
  spec.loc = el.loc;
  auto name = read_name(el, "route table");
  if (auto main = get(el, "main", false, parse_bool)) spec.main = *main;
  for_children(el, {"route"}, [&](pugi::xml_node c) {
    El r = open(c, {"destination", "target"});
    r.ctx = "route of " + el.ctx;
    auto dest = get(r, "destination", true, parse_cidr);
    if (dest) r.ctx = "route to " + dest->str() + " of " + el.ctx;
    auto target = get(r, "target", true, parse_name);
    for_children(r, {}, [](pugi::xml_node) {});
    if (r.ok && dest && target) spec.routes.push_back(VpcRouteSpec{r.loc, *dest, *target});
  });
  if (!el.ok || !name) return std::nullopt;
  spec.name = *name;
  return spec;
}

std::optional<SubnetSpec> Loader::read_subnet(pugi::xml_node n) {
  El el = open(n, {"name", "cidr", "route-table", "nacl"});
  SubnetSpec spec;
  spec.loc = el.loc;
  auto name = read_name(el, "subnet");
  auto cidr = get(el, "cidr", true, parse_cidr);
  if (auto rt = get(el, "route-table", false, parse_name)) spec.route_table = *rt;
  if (auto acl = get(el, "nacl", false, parse_name)) spec.nacl = *acl;
  for_children(el, {}, [](pugi::xml_node) {});
  if (!el.ok || !name || !cidr) return std::nullopt;
  spec.name = *name;
  spec.cidr = *cidr;
  return spec;
}

// tcp and udp rules must say which ports (AWS requires a range for them); for icmp
// and all the range is ignored, and left at its "not given" value 0-65535.
std::optional<PortRange> Loader::read_rule_ports(El& el, std::optional<Protocol> protocol) {
  bool l4 = protocol && (*protocol == Protocol::Tcp || *protocol == Protocol::Udp);
  if (l4 && !attr(el, "ports")) {
    need(el, "ports", "required for tcp and udp; 1-65535 means every port");
    return std::nullopt;
  }
  return get(el, "ports", false, parse_port_range);
}

std::optional<NaclSpec> Loader::read_nacl(pugi::xml_node n) {
  El el = open(n, {"name"});
  NaclSpec spec;
  spec.loc = el.loc;
  auto name = read_name(el, "nacl");
  for_children(el, {"rule"}, [&](pugi::xml_node c) {
    El r = open(c, {"number", "direction", "action", "protocol", "ports", "cidr"});
    r.ctx = "rule of " + el.ctx;
    NaclRuleSpec rule;
    rule.loc = r.loc;
    auto number = get(r, "number", true, parse_number);
    if (number) r.ctx = "rule " + std::to_string(*number) + " of " + el.ctx;
    auto inbound =
        get(r, "direction", true, [](std::string_view v, Bad& bad) -> std::optional<bool> {
          if (v == "inbound") return true;
          if (v == "outbound") return false;
          bad = {"bad-value", "is not a direction (valid: inbound, outbound)"};
          return std::nullopt;
        });
    auto allow = get(r, "action", true, [](std::string_view v, Bad& bad) -> std::optional<bool> {
      if (v == "allow") return true;
      if (v == "deny") return false;
      bad = {"bad-value", "is not an action (valid: allow, deny)"};
      return std::nullopt;
    });
    auto proto = get(r, "protocol", true,
                     [](std::string_view v, Bad& bad) { return parse_protocol(v, false, bad); });
    auto ports = read_rule_ports(r, proto);
    auto cidr = get(r, "cidr", true, parse_cidr);
    for_children(r, {}, [](pugi::xml_node) {});
    if (!r.ok || !number || !inbound || !allow || !proto || !cidr) return;
    rule.number = *number;
    rule.inbound = *inbound;
    rule.allow = *allow;
    rule.protocol = *proto;
    if (ports) rule.ports = *ports;
    rule.cidr = *cidr;
    spec.rules.push_back(std::move(rule));
  });
  if (!el.ok || !name) return std::nullopt;
  spec.name = *name;
  return spec;
}

std::optional<SecurityGroupSpec> Loader::read_security_group(pugi::xml_node n) {
  El el = open(n, {"name", "default-outbound"});
  SecurityGroupSpec spec;
  spec.loc = el.loc;
  auto name = read_name(el, "security group");
  if (auto d = get(el, "default-outbound", false, parse_bool)) spec.default_outbound = *d;
  for_children(el, {"inbound", "outbound"}, [&](pugi::xml_node c) {
    bool inbound = std::string_view(c.name()) == "inbound";
    const char* peer = inbound ? "source" : "destination";
    const char* peer_group = inbound ? "source-group" : "destination-group";
    El r = inbound ? open(c, {"protocol", "ports", "source", "source-group"})
                   : open(c, {"protocol", "ports", "destination", "destination-group"});
    r.ctx = std::string(inbound ? "inbound" : "outbound") + " rule of " + el.ctx;
    SgRuleSpec rule;
    rule.loc = r.loc;
    rule.inbound = inbound;
    auto proto = get(r, "protocol", true,
                     [](std::string_view v, Bad& bad) { return parse_protocol(v, false, bad); });
    auto ports = read_rule_ports(r, proto);
    rule.cidr = get(r, peer, false, parse_cidr);
    auto group = get(r, peer_group, false, parse_name);
    bool has_peer = attr(r, peer).has_value();
    bool has_group = attr(r, peer_group).has_value();
    if (has_peer && has_group) {
      conflict(r, std::string("give either ") + peer + "= or " + peer_group + "=, not both");
    } else if (!has_peer && !has_group) {
      diags_.error(r.loc, "missing-attribute",
                   r.ctx + ": missing attribute '" + peer + "' or '" + peer_group + "'");
      r.ok = false;
    }
    for_children(r, {}, [](pugi::xml_node) {});
    if (!r.ok || !proto) return;
    rule.protocol = *proto;
    if (ports) rule.ports = *ports;
    if (group) rule.group = *group;
    spec.rules.push_back(std::move(rule));
  });
  if (!el.ok || !name) return std::nullopt;
  spec.name = *name;
  return spec;
}

std::optional<NatGatewaySpec> Loader::read_nat_gateway(pugi::xml_node n) {
  El el = open(n, {"name", "subnet", "ip", "elastic-ip"});
  NatGatewaySpec spec;
  spec.loc = el.loc;
  auto name = read_name(el, "NAT gateway");
  auto subnet = get(el, "subnet", true, parse_name);
  auto ip = get(el, "ip", true, parse_ip);
  auto eip = get(el, "elastic-ip", true, parse_ip);
  for_children(el, {}, [](pugi::xml_node) {});
  if (!el.ok || !name || !subnet || !ip || !eip) return std::nullopt;
  spec.name = *name;
  spec.subnet = *subnet;
  spec.ip = *ip;
  spec.elastic_ip = *eip;
  return spec;
}

std::optional<InstanceSpec> Loader::read_instance(pugi::xml_node n) {
  El el = open(n, {"name", "subnet", "ip", "elastic-ip", "public-ip", "security-groups",
                   "source-dest-check", "mac"});
  InstanceSpec spec;
  spec.loc = el.loc;
  auto name = read_name(el, "instance");
  auto subnet = get(el, "subnet", true, parse_name);
  auto ip = get(el, "ip", true, parse_ip);
  // elastic-ip= and public-ip= both give the address the IGW maps to the instance.
  auto eip = get(el, "elastic-ip", false, parse_ip);
  auto pip = get(el, "public-ip", false, parse_ip);
  if (attr(el, "elastic-ip") && attr(el, "public-ip")) {
    conflict(el, "give either elastic-ip= or public-ip=, not both");
  }
  spec.elastic_ip = eip ? eip : pip;
  if (auto groups = get(el, "security-groups", false, parse_name_list)) {
    spec.security_groups = std::move(*groups);
  }
  if (auto sdc = get(el, "source-dest-check", false, parse_bool)) spec.source_dest_check = *sdc;
  spec.mac = get(el, "mac", false, parse_mac);
  const std::string owner = el.ctx;
  for_children(el, {"listen", "masquerade", "port-forward"}, [&](pugi::xml_node c) {
    std::string_view child = c.name();
    if (child == "listen") {
      if (auto l = read_listen(c, owner)) spec.listens.push_back(std::move(*l));
    } else if (child == "masquerade") {
      if (auto m = read_masquerade(c, owner)) spec.masquerades.push_back(std::move(*m));
    } else {
      if (auto p = read_port_forward(c, owner)) spec.port_forwards.push_back(std::move(*p));
    }
  });
  if (!el.ok || !name || !subnet || !ip) return std::nullopt;
  spec.name = *name;
  spec.subnet = *subnet;
  spec.ip = *ip;
  return spec;
}

std::optional<PeeringSpec> Loader::read_peering(pugi::xml_node n) {
  El el = open(n, {"name", "a", "b"});
  PeeringSpec spec;
  spec.loc = el.loc;
  auto name = read_name(el, "peering");
  auto a = get(el, "a", true, parse_name);
  auto b = get(el, "b", true, parse_name);
  for_children(el, {}, [](pugi::xml_node) {});
  if (!el.ok || !name || !a || !b) return std::nullopt;
  spec.name = *name;
  spec.a = *a;
  spec.b = *b;
  return spec;
}

}  // namespace

std::optional<TopologySpec> load_topology_string(std::string_view xml,
                                                 const std::string& file_label,
                                                 Diagnostics& diags) {
  Loader loader(xml, file_label, diags);
  return loader.run();
}

std::optional<TopologySpec> load_topology_file(const std::string& path, Diagnostics& diags) {
  const SourceLoc whole_file{path, 0, 0};
  std::error_code ec;
  auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) {
    diags.error(whole_file, "file-not-found", "cannot read '" + path + "': no such file");
    return std::nullopt;
  }
  if (std::filesystem::is_directory(status)) {
    diags.error(whole_file, "file-not-found", "cannot read '" + path + "': it is a directory");
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  if (in) buffer << in.rdbuf();
  if (!in || in.bad()) {
    diags.error(whole_file, "file-not-found",
                "cannot read '" + path + "': permission denied or I/O error");
    return std::nullopt;
  }
  return load_topology_string(buffer.str(), path, diags);
}

}  // namespace vpcsim::topo
