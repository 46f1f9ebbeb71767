#include "tools/vpcsim/import/json_document.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "topology/limits.hpp"
#include "topology/xml_reader.hpp"

namespace vpcsim::importer {
namespace {

// nlohmann's message reads "[json.exception.parse_error.101] parse error at line 3,
// column 5: syntax error while parsing ..."; the position is ours to print, so only
// the explanation after it is kept.
std::string explanation(std::string_view what) {
  for (std::string_view marker : {"parse error at line ", "parse error: ", "parse error"}) {
    size_t at = what.find(marker);
    if (at == std::string_view::npos) continue;
    std::string_view rest = what.substr(at + marker.size());
    if (marker == "parse error at line ") {
      size_t colon = rest.find(": ");
      rest = colon == std::string_view::npos ? rest : rest.substr(colon + 2);
    }
    while (!rest.empty() && (rest.front() == ':' || rest.front() == ' ')) rest.remove_prefix(1);
    return "malformed JSON: " + std::string(rest);
  }
  return "malformed JSON: " + std::string(what);
}

// The text as nlohmann's parser reads it, remembering the last character read:
// when the parser reports a value that opens too deep, that is its '{' or '['.
class TrackingIterator {
 public:
  using iterator_category = std::forward_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;
  TrackingIterator(const char* at, const char** last_read) : at_(at), last_read_(last_read) {}
  reference operator*() const {
    *last_read_ = at_;
    return *at_;
  }
  TrackingIterator& operator++() {
    ++at_;
    return *this;
  }
  TrackingIterator operator++(int) {
    TrackingIterator before = *this;
    ++at_;
    return before;
  }
  bool operator==(const TrackingIterator& o) const { return at_ == o.at_; }
  bool operator!=(const TrackingIterator& o) const { return at_ != o.at_; }

 private:
  const char* at_;
  const char** last_read_;
};

struct TooDeep {};

std::string too_large(uint64_t bytes) {
  return "the file is " + std::to_string(bytes) + " bytes, more than the " +
         std::to_string(topo::limits::kMaxJsonBytes) +
         " vpcsim reads (a limit, see docs/fuzzing.md)";
}

}  // namespace

std::optional<JsonDocument> JsonDocument::parse(std::string_view text, const std::string& label,
                                                ImportLog& log) {
  JsonDocument doc;
  doc.label_ = label;
  if (text.size() > topo::limits::kMaxJsonBytes) {
    log.file_error(label, too_large(text.size()), "too-large");
    return std::nullopt;
  }
  // The parser's callback sees the depth of each value it opens (0 for the
  // top level); past the limit, parsing stops at that value's bracket.
  const char* last_read = text.data();
  auto depth_check = [](int depth, nlohmann::json::parse_event_t event, nlohmann::json&) {
    if ((event == nlohmann::json::parse_event_t::object_start ||
         event == nlohmann::json::parse_event_t::array_start) &&
        depth >= int(topo::limits::kMaxJsonDepth)) {
      throw TooDeep{};
    }
    return true;
  };
  try {
    doc.root_ = nlohmann::json::parse(TrackingIterator(text.data(), &last_read),
                                      TrackingIterator(text.data() + text.size(), &last_read),
                                      depth_check);
  } catch (const TooDeep&) {
    auto [line, col] = topo::xml::LineIndex(text).at(size_t(last_read - text.data()));
    log.syntax_error(label, line, col,
                     "JSON nested more than " + std::to_string(topo::limits::kMaxJsonDepth) +
                         " levels deep (a limit of vpcsim, see docs/fuzzing.md)",
                     "too-deep");
    return std::nullopt;
  } catch (const nlohmann::json::parse_error& e) {
    // e.byte is 1-based: the character the parser stopped at (size + 1 at end of input).
    size_t offset = e.byte > 0 ? e.byte - 1 : 0;
    auto [line, col] = topo::xml::LineIndex(text).at(offset);
    log.syntax_error(label, line, col, explanation(e.what()), "json-syntax");
    return std::nullopt;
  } catch (const nlohmann::json::out_of_range& e) {
    // A number too large for a double ("1e999") is out_of_range 406, not a
    // parse_error, and carries no position: it is reported where the parser
    // stopped, just after the number (found by fuzz_import_aws).
    std::string_view what = e.what();
    what.remove_prefix(std::min(what.size(), what.find("] ") + 2));
    auto [line, col] = topo::xml::LineIndex(text).at(size_t(last_read - text.data()));
    log.syntax_error(label, line, col, "malformed JSON: " + std::string(what), "json-syntax");
    return std::nullopt;
  }
  return doc;
}

std::optional<JsonDocument> JsonDocument::load(const std::string& path, const std::string& label,
                                               ImportLog& log) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    log.file_error(label, "cannot read the file", "file-not-found");
    return std::nullopt;
  }
  // Refused before reading: a file past the limit would only fill the memory.
  std::error_code ec;
  const uintmax_t bytes = std::filesystem::file_size(path, ec);
  if (!ec && bytes > topo::limits::kMaxJsonBytes) {
    log.file_error(label, too_large(bytes), "too-large");
    return std::nullopt;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  return parse(buffer.str(), label, log);
}

}  // namespace vpcsim::importer
