#pragma once
// Diagnostics collected while loading and validating input. Nothing here throws:
// loaders append and carry on where it is safe, so a user sees every problem of a
// file in one run. Rendered as `FILE:LINE:COL: error: MESSAGE [code]`, followed by
// optional `FILE:LINE:COL: note: ...` lines (e.g. the list of valid names).
#include <string>
#include <vector>

#include "topology/source_loc.hpp"

namespace vpcsim::topo {

enum class Severity { Error, Warning, Note };

struct Diagnostic {
  Severity severity = Severity::Error;
  SourceLoc loc;
  std::string message;
  std::string code;                // stable kebab-case id, e.g. "unknown-device"
  std::vector<std::string> notes;  // rendered at the same location
};

class Diagnostics {
 public:
  void error(const SourceLoc& loc, std::string code, std::string message,
             std::vector<std::string> notes = {});
  void warning(const SourceLoc& loc, std::string code, std::string message,
               std::vector<std::string> notes = {});
  [[nodiscard]] bool has_errors() const { return errors_ > 0; }
  [[nodiscard]] size_t error_count() const { return errors_; }
  [[nodiscard]] size_t warning_count() const { return items_.size() - errors_; }
  [[nodiscard]] const std::vector<Diagnostic>& items() const { return items_; }
  void append(const Diagnostics& other);
  // Sorts by (file, line, col) keeping insertion order among equals, so output is
  // in reading order whichever pass found the problem.
  void sort();
  // One line per diagnostic plus its notes, each ending in '\n'.
  [[nodiscard]] std::string render() const;

 private:
  std::vector<Diagnostic> items_;
  size_t errors_ = 0;
};

// "did you mean" / "known names" note listing valid names, sorted, at most 12 shown.
[[nodiscard]] std::string known_names_note(std::string_view what,
                                           std::vector<std::string> names);

}  // namespace vpcsim::topo
