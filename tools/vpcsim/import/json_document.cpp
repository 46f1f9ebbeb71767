#include "tools/vpcsim/import/json_document.hpp"

#include <fstream>
#include <sstream>

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

}  // namespace

std::optional<JsonDocument> JsonDocument::parse(std::string_view text, const std::string& label,
                                                ImportLog& log) {
  JsonDocument doc;
  doc.label_ = label;
  try {
    doc.root_ = nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& e) {
    // e.byte is 1-based: the character the parser stopped at (size + 1 at end of input).
    size_t offset = e.byte > 0 ? e.byte - 1 : 0;
    auto [line, col] = topo::xml::LineIndex(text).at(offset);
    log.syntax_error(label, line, col, explanation(e.what()), "json-syntax");
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
  std::stringstream buffer;
  buffer << in.rdbuf();
  return parse(buffer.str(), label, log);
}

}  // namespace vpcsim::importer
