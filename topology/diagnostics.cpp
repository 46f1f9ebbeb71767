#include "topology/diagnostics.hpp"

#include <algorithm>
#include <tuple>

namespace vpcsim::topo {
namespace {

// Beyond this many names a note stops being readable; the user can grep the file.
constexpr size_t kMaxNamesShown = 12;

std::string_view severity_word(Severity s) {
  switch (s) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Note:
      return "note";
  }
  return "error";
}

}  // namespace

void Diagnostics::error(const SourceLoc& loc, std::string code, std::string message,
                        std::vector<std::string> notes) {
  items_.push_back({Severity::Error, loc, std::move(message), std::move(code), std::move(notes)});
  ++errors_;
}

void Diagnostics::warning(const SourceLoc& loc, std::string code, std::string message,
                          std::vector<std::string> notes) {
  items_.push_back({Severity::Warning, loc, std::move(message), std::move(code), std::move(notes)});
}

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
  errors_ += other.errors_;
}

void Diagnostics::sort() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& x, const Diagnostic& y) {
    return std::tie(x.loc.file, x.loc.line, x.loc.col) <
           std::tie(y.loc.file, y.loc.line, y.loc.col);
  });
}

std::string Diagnostics::render() const {
  std::string out;
  for (const Diagnostic& d : items_) {
    const std::string where = d.loc.str();
    out += where;
    out += ": ";
    out += severity_word(d.severity);
    out += ": ";
    out += d.message;
    if (!d.code.empty()) {
      out += " [";
      out += d.code;
      out += "]";
    }
    out += '\n';
    for (const std::string& note : d.notes) {
      out += where;
      out += ": note: ";
      out += note;
      out += '\n';
    }
  }
  return out;
}

std::string known_names_note(std::string_view what, std::vector<std::string> names) {
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  if (names.empty()) return "no " + std::string(what) + " are defined";
  std::string out = "known " + std::string(what) + ": ";
  for (size_t i = 0; i < names.size() && i < kMaxNamesShown; ++i) {
    if (i > 0) out += ", ";
    out += "'" + names[i] + "'";
  }
  if (names.size() > kMaxNamesShown) out += ", ...";
  return out;
}

}  // namespace vpcsim::topo
