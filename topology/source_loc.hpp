#pragma once
// SourceLoc: where a construct was written, for FILE:LINE:COL diagnostics and for
// explanations that point the user back at the rule or route that decided.
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

namespace vpcsim::topo {

// The file of a SourceLoc: an interned, immutable path. A big topology holds
// several locations per node (a million-node file, millions of them), and
// each used to carry its own copy of the path; now they share one. Reads as a
// const std::string&; compares by content. Thread-safe; the few distinct paths
// a process sees stay allocated until it exits.
class FileName {
 public:
  FileName() : path_(&no_path()) {}
  FileName(std::string_view path);  // NOLINT(google-explicit-constructor): a path is a file name
  FileName(const std::string& path) : FileName(std::string_view(path)) {}
  FileName(const char* path) : FileName(std::string_view(path)) {}

  [[nodiscard]] const std::string& str() const { return *path_; }
  operator const std::string&() const { return *path_; }  // NOLINT(google-explicit-constructor)
  [[nodiscard]] bool empty() const { return path_->empty(); }
  bool operator==(const FileName& o) const { return path_ == o.path_ || *path_ == *o.path_; }
  std::strong_ordering operator<=>(const FileName& o) const { return *path_ <=> *o.path_; }

 private:
  static const std::string& no_path();
  const std::string* path_;
};

struct SourceLoc {
  FileName file;
  uint32_t line = 0, col = 0;
  bool operator==(const SourceLoc&) const = default;
  [[nodiscard]] std::string str() const {
    return file.str() + ":" + std::to_string(line) + ":" + std::to_string(col);
  }
};

}  // namespace vpcsim::topo
