#pragma once
// Shared machinery of the XML loaders (topology and scenario files): offsets to
// line:col, element/attribute vocabulary checks that list the valid names, and
// value parsers that explain what is wrong with a value. Every problem becomes a
// diagnostic; nothing throws and nothing is silently defaulted.
#include <functional>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

#include "topology/diagnostics.hpp"
#include "topology/spec.hpp"

namespace vpcsim::topo::xml {

using ::vpcsim::sim::Duration;
using ::vpcsim::sim::InterfaceAddr;
using ::vpcsim::sim::Ipv4Addr;
using ::vpcsim::sim::MacAddr;
using ::vpcsim::sim::Prefix;

// Limits past which a value is taken for a typo rather than a plan.
inline constexpr int64_t kMaxLatencyNs = 60'000'000'000LL;           // 60 s
inline constexpr int64_t kMaxAgingNs = 1'000'000LL * 1'000'000'000;  // 10^6 s, as Linux bridges
inline constexpr uint64_t kMaxBandwidthBps = 10'000'000'000'000ULL;  // 10 Tbps
inline constexpr size_t kMaxNameLength = 64;
inline constexpr size_t kMaxShownValue = 40;

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

std::string shown(std::string_view value);
std::optional<uint64_t> parse_unsigned(std::string_view s, uint64_t max);
bool is_name_char(char c);
std::optional<Bad> check_name(std::string_view s);
std::optional<Ipv4Addr> parse_ip(std::string_view v, Bad& bad);
std::optional<Ipv4Addr> parse_host_ip(std::string_view v, Bad& bad);
std::optional<InterfaceAddr> parse_interface_addr(std::string_view v, Bad& bad);
std::optional<Prefix> parse_cidr(std::string_view v, Bad& bad);
std::optional<MacAddr> parse_mac(std::string_view v, Bad& bad);
std::optional<Duration> parse_duration(std::string_view v, int64_t max_ns, Bad& bad);
std::optional<uint64_t> parse_bandwidth(std::string_view v, Bad& bad);
std::optional<uint16_t> parse_port(std::string_view v, Bad& bad);
std::optional<PortRange> parse_port_range(std::string_view v, Bad& bad);
std::optional<Protocol> parse_protocol(std::string_view v, bool l4_only, Bad& bad);
std::optional<bool> parse_bool(std::string_view v, Bad& bad);
std::optional<uint32_t> parse_number(std::string_view v, Bad& bad);
std::optional<std::string> parse_name(std::string_view v, Bad& bad);
std::optional<LinkEndSpec> parse_link_end(std::string_view v, Bad& bad);
std::optional<std::vector<std::string>> parse_name_list(std::string_view v, Bad& bad);

// Reads the whole file; reports `file-not-found` at FILE:0:0 when it cannot.
[[nodiscard]] std::optional<std::string> read_file(const std::string& path, Diagnostics& diags);

// One element being read: where it is, how messages name it, and whether one of
// its values was broken (the caller then leaves it out of the spec).
struct El {
  pugi::xml_node node;
  SourceLoc loc;
  std::string ctx;  // "instance 'web'", or "<instance>" until the name is known
  bool ok = true;
};

class XmlReader {
 public:
  XmlReader(std::string_view text, const std::string& file, Diagnostics& diags)
      : text_(text), file_(file), lines_(text), diags_(diags) {}

  // Parses the buffer and returns its root element when it is <root_name>;
  // reports malformed XML, stray text and a wrong root.
  pugi::xml_node parse(pugi::xml_document& doc, std::string_view root_name);
  [[nodiscard]] const std::string& file() const { return file_; }
  // Visits the allowed child elements; reports text and unknown or misplaced
  // elements (`vocabulary` is every element name of the format).
  void for_children(const El& parent, std::initializer_list<std::string_view> allowed,
                    std::span<const std::string_view> vocabulary,
                    const std::function<void(pugi::xml_node)>& visit);

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

 protected:
  std::string_view text_;
  const std::string& file_;
  LineIndex lines_;
  Diagnostics& diags_;
};

}  // namespace vpcsim::topo::xml
