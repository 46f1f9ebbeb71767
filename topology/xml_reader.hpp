#pragma once
// Shared machinery of the XML loaders (topology and scenario files): offsets to
// line:col, element/attribute vocabulary checks that list the valid names, and
// value parsers that explain what is wrong with a value. Every problem becomes a
// diagnostic; nothing throws and nothing is silently defaulted.
#include <algorithm>
#include <array>
#include <cstring>
#include <functional>
#include <initializer_list>
#include <memory>
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
    // memchr finds the newlines many bytes at a time (a 100 MB file has 1.5M lines).
    const char* p = text.data();
    const char* end = p + text.size();
    while (p < end) {
      const void* nl = std::memchr(p, '\n', size_t(end - p));
      if (!nl) break;
      p = static_cast<const char*>(nl) + 1;
      starts_.push_back(size_t(p - text.data()));
    }
  }

  // The last answer: line index in starts_, offset and column. Readers ask in
  // document order, so the next answer is usually on the same line or the next.
  // One per reader: readers of one file on several threads share the index.
  struct Hint {
    size_t line = 0, offset = 0;
    uint32_t col = 1;
  };

  [[nodiscard]] std::pair<uint32_t, uint32_t> at(size_t offset) const { return at(offset, hint_); }

  [[nodiscard]] std::pair<uint32_t, uint32_t> at(size_t offset, Hint& hint) const {
    offset = std::min(offset, text_.size());
    // Try the line of the last answer and the next one before searching.
    auto it = starts_.begin() + ptrdiff_t(hint.line);
    if (*it > offset || (it + 1 != starts_.end() && *(it + 1) <= offset)) {
      ++it;
      if (it == starts_.end() || *it > offset || (it + 1 != starts_.end() && *(it + 1) <= offset)) {
        it = std::upper_bound(starts_.begin(), starts_.end(), offset) - 1;
      }
    }
    const size_t line = size_t(it - starts_.begin());
    size_t line_start = *it;
    // A UTF-8 byte order mark is not a column.
    if (line_start == 0 && text_.starts_with("\xEF\xBB\xBF") && offset >= 3) line_start = 3;
    // Further along the line of the last answer: count on from there.
    uint32_t col = 1;
    if (line == hint.line && hint.offset >= line_start && hint.offset <= offset) {
      line_start = hint.offset;
      col = hint.col;
    }
    for (size_t i = line_start; i < offset; ++i) {
      if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++col;
    }
    hint = Hint{line, offset, col};
    return {static_cast<uint32_t>(line + 1), col};
  }

 private:
  std::string_view text_;
  std::vector<size_t> starts_;
  mutable Hint hint_;  // for at(offset): a single reader's
};

// Name equality for the element/attribute vocabulary checks, which run for
// every element and attribute of a file: no memcmp call for the usual
// mismatches, and no strlen for the pugixml side.
inline bool same(std::string_view a, std::string_view b) {
  return a.size() == b.size() && (a.empty() || (a[0] == b[0] && a.compare(b) == 0));
}
inline bool same(std::string_view a, const char* b) {
  size_t i = 0;
  for (; i < a.size(); ++i) {
    if (a[i] != b[i]) return false;  // also stops at b's terminator: names hold no NUL
  }
  return b[i] == '\0';
}

// Why a value did not parse: completes the sentence "CTX: ATTR 'VALUE' ...".
struct Bad {
  std::string code;
  std::string problem;
  std::vector<std::string> notes = {};
};

std::string shown(std::string_view value);
// Appends shown(value) to `out`; returns `out`.
std::string& append_shown(std::string& out, std::string_view value);
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
  // The attributes as XmlReader::open found them (the first of each name), so
  // that reading one compares views instead of walking pugixml's list with
  // strcmp again. Unused (cached = false) for elements built by hand or with
  // more attributes than fit.
  struct Attr {
    std::string_view name, value;
  };
  static constexpr size_t kCachedAttrs = 8;
  std::array<Attr, kCachedAttrs> attrs{};
  uint8_t attr_count = 0;
  bool cached = false;
};

class XmlReader {
 public:
  XmlReader(std::string_view text, const std::string& file, Diagnostics& diags)
      : text_(text), file_(file), file_name_(file), diags_(diags) {}
  // A second reader of the same parsed file, for another thread: it shares the
  // line index (read only), keeps its own place in it and reports to `diags`.
  XmlReader(const XmlReader& same_file, Diagnostics& diags)
      : text_(same_file.text_),
        file_(same_file.file_),
        file_name_(same_file.file_name_),
        lines_(same_file.lines_),
        diags_(diags) {}

  // Parses the buffer and returns its root element when it is <root_name>;
  // reports malformed XML, stray text and a wrong root. `one_thread`: do not
  // build the line index on a second thread beside the parse.
  pugi::xml_node parse(pugi::xml_document& doc, std::string_view root_name,
                       bool one_thread = false);
  [[nodiscard]] const std::string& file() const { return file_; }
  // Visits the allowed child elements; reports text and unknown or misplaced
  // elements (`vocabulary` is every element name of the format).
  template <class Visit>
  void for_children(const El& parent, std::initializer_list<std::string_view> allowed,
                    std::span<const std::string_view> vocabulary, Visit&& visit) {
    for_children_in(parent, parent.node.first_child(), pugi::xml_node(), allowed, vocabulary,
                    std::forward<Visit>(visit));
  }
  // Same, for the children from `first` up to `last` (exclusive; an empty node
  // for "to the end"): one share of a big element read on several threads.
  template <class Visit>
  void for_children_in(const El& parent, pugi::xml_node first, pugi::xml_node last,
                       std::initializer_list<std::string_view> allowed,
                       std::span<const std::string_view> vocabulary, Visit&& visit) {
    // A template rather than std::function: a capturing visitor would be
    // allocated anew for every element of the file.
    for (pugi::xml_node child = first; child != last; child = child.next_sibling()) {
      const pugi::xml_node_type type = child.type();
      if (type == pugi::node_element &&
          std::any_of(allowed.begin(), allowed.end(),
                      [name = child.name()](std::string_view a) { return same(a, name); })) {
        visit(child);
      } else if (type == pugi::node_element || type == pugi::node_pcdata ||
                 type == pugi::node_cdata) {
        report_child(parent, child, allowed, vocabulary);
      }
    }
  }

  SourceLoc loc_at(ptrdiff_t offset) const {
    if (!lines_) lines_ = std::make_shared<const LineIndex>(text_);  // parse() builds it
    auto [line, col] = lines_->at(offset < 0 ? 0 : static_cast<size_t>(offset), line_hint_);
    return SourceLoc{file_name_, line, col};
  }

  // offset_debug() of an element points at its name; the '<' before it reads better.
  SourceLoc loc_of(pugi::xml_node n) const {
    ptrdiff_t off = n.offset_debug();
    if (n.type() == pugi::node_element && off > 0) --off;
    return loc_at(off);
  }

  // Starts reading an element whose allowed attributes are `attrs`: reports
  // unknown and repeated attributes.
  El open(pugi::xml_node node, std::span<const std::string_view> attrs);
  // Reports a child for_children does not visit: text, or an element that is
  // unknown or not allowed here.
  void report_child(const El& parent, pugi::xml_node child,
                    std::initializer_list<std::string_view> allowed,
                    std::span<const std::string_view> vocabulary);
  El open(pugi::xml_node node, std::initializer_list<std::string_view> attrs) {
    return open(node, std::span<const std::string_view>(attrs.begin(), attrs.size()));
  }

  std::optional<std::string_view> attr(const El& el, const char* name) const {
    if (el.cached) {
      for (size_t i = 0; i < el.attr_count; ++i) {
        if (same(el.attrs[i].name, name)) return el.attrs[i].value;
      }
      return std::nullopt;
    }
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

  // Counts the child elements of `parent` named one of `names` into `count`,
  // before any is read, against a limit of topology/limits.hpp (`count` may
  // carry a file-wide total). Past the limit: one error (`code`, "more than
  // LIMIT WHAT") at the first child beyond it, and false; the caller then reads
  // none of them, so a huge file costs no more than its parse.
  bool children_within(pugi::xml_node parent, std::initializer_list<std::string_view> names,
                       uint64_t& count, uint64_t limit, const char* code, std::string_view what);

 protected:
  std::string_view text_;
  const std::string& file_;
  FileName file_name_;  // interned once: every location of the file shares it
  mutable std::shared_ptr<const LineIndex> lines_;  // shared with the readers of other threads
  mutable LineIndex::Hint line_hint_;
  Diagnostics& diags_;
};

}  // namespace vpcsim::topo::xml
