#include "topology/xml_reader.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <future>
#include <sstream>

#include "topology/limits.hpp"
#include "topology/validate.hpp"

namespace vpcsim::topo::xml {

std::string shown(std::string_view value) {
  std::string out;
  return append_shown(out, value);
}

std::string& append_shown(std::string& out, std::string_view value) {
  if (value.size() <= kMaxShownValue) return out.append(value);
  return out.append(value.substr(0, kMaxShownValue)).append("...");
}

std::optional<uint64_t> parse_unsigned(std::string_view s, uint64_t max) {
  if (s.empty() || s.size() > 19) return std::nullopt;
  uint64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || end != s.data() + s.size() || v > max) return std::nullopt;
  return v;
}

namespace {

// From this size on, parse() builds the line index beside pugixml. A thread
// starts in tens of microseconds, but keeps some 0.7 MB resident (its malloc
// arena and stack): 3% more memory per node for a 10,000-node file, for a
// millisecond or two.
constexpr size_t kIndexAsideBytes = size_t(4) << 20;

// Which bytes may appear in a name, as a table: check_name runs for every name
// and link end of a file.
constexpr std::array<bool, 256> kNameChars = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c) {
    t[size_t(c)] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                   c == '_' || c == '-' || c == '.';
  }
  return t;
}();

}  // namespace

bool is_name_char(char c) { return kNameChars[static_cast<unsigned char>(c)]; }

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
  bool digits_and_dots = true;
  for (char c : s) {
    if (!is_name_char(c)) {
      return Bad{"bad-name", "may only contain letters, digits, '_', '-' and '.'"};
    }
    digits_and_dots &= (c >= '0' && c <= '9') || c == '.';
  }
  if (digits_and_dots && Ipv4Addr::parse(s)) {
    return Bad{"bad-name", "reads as an IPv4 address; names must not"};
  }
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
  auto malformed = [] {  // built only when needed: this runs for every link
    return Bad{"bad-bandwidth",
               "is not a bandwidth (e.g. 100Mbps; units: bps, kbps, Mbps, Gbps, Tbps)"};
  };
  size_t dot = number.find('.');
  auto whole = parse_unsigned(number.substr(0, dot), kMaxBandwidthBps);
  if (!whole) {
    bad = malformed();
    return std::nullopt;
  }
  uint64_t frac = 0, frac_scale = 1;
  if (dot != std::string_view::npos) {
    std::string_view f = number.substr(dot + 1);
    if (f.empty() || f.size() > 12) {
      bad = malformed();
      return std::nullopt;
    }
    for (char c : f) {
      if (c < '0' || c > '9') {
        bad = malformed();
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

El XmlReader::open(pugi::xml_node node, std::span<const std::string_view> attrs) {
  El el{node, loc_of(node), "<"};
  append_shown(el.ctx, node.name()).push_back('>');
  // Runs for every element of a file with millions of them: one walk of the
  // attributes, and no allocation unless there is something to report.
  el.cached = true;
  uint32_t seen = 0;
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
    const std::string_view name = a.name();
    // The repeat check below compares with every earlier attribute: bounded here.
    if (++seen > limits::kMaxAttributes) {
      diags_.error(
          el.loc, "too-many-attributes",
          el.ctx + ": more than " + std::to_string(limits::kMaxAttributes) +
              " attributes (a limit of vpcsim, see docs/fuzzing.md); the rest are not read");
      el.ok = false;
      break;
    }
    bool repeated = false;
    if (el.cached) {
      for (size_t i = 0; i < el.attr_count && !repeated; ++i)
        repeated = same(el.attrs[i].name, name);
    } else {
      for (pugi::xml_attribute b = node.first_attribute(); b != a && !repeated;
           b = b.next_attribute()) {
        repeated = name == b.name();
      }
    }
    if (repeated) {
      diags_.error(el.loc, "duplicate-attribute",
                   el.ctx + ": attribute '" + std::string(name) + "' is given more than once");
      continue;
    }
    if (el.cached && el.attr_count == El::kCachedAttrs) el.cached = false;  // lookups via pugixml
    if (el.cached) el.attrs[el.attr_count++] = El::Attr{name, a.value()};
    if (std::any_of(attrs.begin(), attrs.end(),
                    [&](std::string_view x) { return same(x, name); })) {
      continue;
    }
    std::vector<std::string> known(attrs.begin(), attrs.end());
    std::vector<std::string> notes;
    if (auto near = closest_name(name, known)) notes.push_back("did you mean '" + *near + "'?");
    notes.push_back(known_names_note("attributes of " + el.ctx, known));
    diags_.error(el.loc, "unknown-attribute", el.ctx + ": unknown attribute '" + shown(name) + "'",
                 std::move(notes));
  }
  return el;
}

namespace {

// The first element nested deeper than `max_depth` below `root` (which is at
// depth 1), or an empty node. Walks the tree without recursion: the depth is what is in doubt.
pugi::xml_node too_deep(const pugi::xml_node& root, uint32_t max_depth) {
  uint32_t depth = 1;
  pugi::xml_node n = root;
  while (n) {
    pugi::xml_node child = n.first_child();
    while (child && child.type() != pugi::node_element) child = child.next_sibling();
    if (child) {
      if (++depth > max_depth) return child;
      n = child;
      continue;
    }
    // No element child: the next element sibling, or one of an ancestor's.
    while (n != root) {
      pugi::xml_node next = n.next_sibling();
      while (next && next.type() != pugi::node_element) next = next.next_sibling();
      if (next) {
        n = next;
        break;
      }
      n = n.parent();
      --depth;
    }
    if (n == root) return {};
  }
  return {};
}

}  // namespace

void XmlReader::report_child(const El& parent, pugi::xml_node child,
                             std::initializer_list<std::string_view> allowed,
                             std::span<const std::string_view> vocabulary) {
  const std::string where = "<" + std::string(parent.node.name()) + ">";
  if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
    diags_.error(loc_of(child), "unexpected-text",
                 "unexpected text '" + shown(child.value()) + "' inside " + where +
                     " (values go in attributes)");
    return;
  }
  // An element the readers do not read: the only place a subtree can nest past
  // the limit unseen. Said instead of "unknown element", which would hide it.
  uint32_t parent_depth = 0;
  for (pugi::xml_node n = parent.node; n.type() == pugi::node_element; n = n.parent())
    ++parent_depth;
  if (parent_depth < limits::kMaxXmlDepth) {
    if (pugi::xml_node deep = too_deep(child, limits::kMaxXmlDepth - parent_depth)) {
      diags_.error(loc_of(deep), "too-deep",
                   "<" + shown(deep.name()) + "> is nested more than " +
                       std::to_string(limits::kMaxXmlDepth) +
                       " elements deep (a limit of vpcsim, see docs/fuzzing.md)");
      return;
    }
  }
  std::string_view name = child.name();
  std::vector<std::string> known(allowed.begin(), allowed.end());
  std::vector<std::string> notes;
  bool misplaced = std::find(vocabulary.begin(), vocabulary.end(), name) != vocabulary.end();
  if (!misplaced) {
    if (auto near = closest_name(name, known)) notes.push_back("did you mean <" + *near + ">?");
  }
  notes.push_back(known_names_note("elements inside " + where, known));
  diags_.error(loc_of(child), "unknown-element",
               misplaced ? "element <" + std::string(name) + "> is not allowed inside " + where
                         : "unknown element <" + shown(name) + "> inside " + where,
               std::move(notes));
}

std::optional<std::string_view> XmlReader::need(El& el, const char* name, std::string_view hint) {
  auto raw = attr(el, name);
  if (!raw) {
    std::string msg = el.ctx + ": missing attribute '" + name + "'";
    if (!hint.empty()) msg += " (" + std::string(hint) + ")";
    diags_.error(el.loc, "missing-attribute", std::move(msg));
    el.ok = false;
  }
  return raw;
}

void XmlReader::report(El& el, const char* attr_name, std::string_view value, const Bad& bad) {
  // "a 'pc1:' is not ..." would read as an article; say which end of the link.
  std::string attr_text = attr_name;
  if (attr_text == "a" || attr_text == "b") attr_text = "end " + attr_text;
  diags_.error(el.loc, bad.code,
               el.ctx + ": " + attr_text + " '" + shown(value) + "' " + bad.problem, bad.notes);
  el.ok = false;
}

std::optional<std::string> XmlReader::read_name(El& el, std::string_view kind,
                                                std::string_view suffix) {
  auto name = get(el, "name", true, parse_name);
  // One allocation at most: this runs for every named element.
  el.ctx.clear();
  el.ctx.reserve(kind.size() + (name ? name->size() + 3 : 0) + suffix.size());
  el.ctx.append(kind);
  if (name) el.ctx.append(" '").append(*name).append("'");
  el.ctx.append(suffix);
  return name;
}

bool XmlReader::children_within(pugi::xml_node parent,
                                std::initializer_list<std::string_view> names, uint64_t& count,
                                uint64_t limit, const char* code, std::string_view what) {
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element ||
        std::none_of(names.begin(), names.end(),
                     [name = c.name()](std::string_view x) { return same(x, name); })) {
      continue;
    }
    if (++count > limit) {
      diags_.error(loc_of(c), code,
                   "more than " + std::to_string(limit) + " " + std::string(what) +
                       " (a limit of vpcsim, see docs/fuzzing.md)");
      return false;
    }
  }
  return true;
}

pugi::xml_node XmlReader::parse(pugi::xml_document& doc, std::string_view root_name,
                                bool one_thread) {
  if (text_.size() > limits::kMaxFileBytes) {
    diags_.error(SourceLoc{file_name_, 0, 0}, "too-large",
                 "the file is " + std::to_string(text_.size()) + " bytes, more than the " +
                     std::to_string(limits::kMaxFileBytes) +
                     " vpcsim reads (a limit, see docs/fuzzing.md)");
    return {};
  }
  // The line index reads the whole text once too: for a big file it is built
  // on another thread while pugixml parses.
  std::future<std::shared_ptr<const LineIndex>> index;
  if (!one_thread && text_.size() >= kIndexAsideBytes) {
    index = std::async(std::launch::async,
                       [text = text_] { return std::make_shared<const LineIndex>(text); });
  }
  pugi::xml_parse_result parsed =
      doc.load_buffer(text_.data(), text_.size(), pugi::parse_default, pugi::encoding_utf8);
  if (index.valid()) lines_ = index.get();
  if (!parsed) {
    std::string what = parsed.description();
    if (!what.empty())
      what[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(what[0])));
    diags_.error(loc_at(parsed.offset), "xml-syntax", "malformed XML: " + what);
    return {};
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
                       "> (a file holds one <" + std::string(root_name) + ">)");
    }
  }
  if (!root) {
    diags_.error(loc_at(0), "xml-syntax", "malformed XML: no root element");
    return {};
  }
  if (std::string_view(root.name()) != root_name) {
    diags_.error(loc_of(root), "unknown-element",
                 "the root element is <" + shown(root.name()) + ">, expected <" +
                     std::string(root_name) + ">");
    return {};
  }
  // Nesting is checked where the readers stop descending (report_child): every
  // element they read sits at a depth the grammar bounds, and a walk of the whole
  // tree here cost an eighth of the load time of a large file.
  return root;
}

std::optional<std::string> read_file(const std::string& path, Diagnostics& diags) {
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
  // Refused before reading: a file past the limit would only fill the memory.
  if (std::filesystem::is_regular_file(status)) {
    const uintmax_t bytes = std::filesystem::file_size(path, ec);
    if (!ec && bytes > limits::kMaxFileBytes) {
      diags.error(whole_file, "too-large",
                  "the file is " + std::to_string(bytes) + " bytes, more than the " +
                      std::to_string(limits::kMaxFileBytes) +
                      " vpcsim reads (a limit, see docs/fuzzing.md)");
      return std::nullopt;
    }
  }
  // A regular file goes straight into one string of its size: no stream buffer
  // and no second copy (a big topology is a hundred megabytes). A pipe
  // (vpcsim lint <(generate)) cannot seek and is read as a stream.
  std::ifstream in(path, std::ios::binary);
  std::string text;
  std::streamoff size = -1;
  if (in && in.seekg(0, std::ios::end)) size = in.tellg();
  if (size >= 0 && in.seekg(0)) {
    text.resize(size_t(size));
    in.read(text.data(), size);
  } else if (in.is_open()) {
    in.clear();
    std::ostringstream buffer;
    buffer << in.rdbuf();
    text = std::move(buffer).str();
  }
  if (!in || in.bad()) {
    diags.error(whole_file, "file-not-found",
                "cannot read '" + path + "': permission denied or I/O error");
    return std::nullopt;
  }
  return text;
}

}  // namespace vpcsim::topo::xml
