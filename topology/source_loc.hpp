#pragma once
// SourceLoc: where a construct was written, for FILE:LINE:COL diagnostics and for
// explanations that point the user back at the rule or route that decided.
#include <cstdint>
#include <string>

namespace vpcsim::topo {

struct SourceLoc {
  std::string file;
  uint32_t line = 0, col = 0;
  bool operator==(const SourceLoc&) const = default;
  [[nodiscard]] std::string str() const {
    return file + ":" + std::to_string(line) + ":" + std::to_string(col);
  }
};

}  // namespace vpcsim::topo
