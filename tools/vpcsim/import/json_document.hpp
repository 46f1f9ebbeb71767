#pragma once
// JsonDocument: one JSON file read with nlohmann-json. Malformed JSON becomes a
// `FILE:LINE:COL: error: ... [json-syntax]` diagnostic: nlohmann reports the byte
// offset of the character it stopped at, which is turned into a line and a column
// (counted in UTF-8 characters, as an editor shows them) with the same LineIndex
// the XML loaders use. Nothing here throws for bad input.
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "tools/vpcsim/import/import_log.hpp"

namespace vpcsim::importer {

class JsonDocument {
 public:
  // Reads and parses `path`; `label` names the file in diagnostics. A file that
  // cannot be read is one `file-not-found` error; nullopt on any error.
  [[nodiscard]] static std::optional<JsonDocument> load(const std::string& path,
                                                        const std::string& label, ImportLog& log);
  // Same, from text in memory.
  [[nodiscard]] static std::optional<JsonDocument> parse(std::string_view text,
                                                         const std::string& label, ImportLog& log);

  [[nodiscard]] const nlohmann::json& root() const { return root_; }
  [[nodiscard]] const std::string& label() const { return label_; }

 private:
  nlohmann::json root_;
  std::string label_;
};

}  // namespace vpcsim::importer
