#pragma once
// ImportLog: what an importer found wrong with its input or had to leave out.
// Malformed JSON has a place in the file: `FILE:LINE:COL: error: MESSAGE [code]`,
// like every other vpcsim diagnostic. Everything else is about a JSON value, whose
// place nlohmann-json does not keep, so it names the value by its JSON path and
// the object it belongs to:
//   plan.json: warning: $.planned_values.root_module.resources[7] (aws_lb.web):
//   resource type not supported [unsupported-resource]
// Skipped input is always a warning (never silently dropped); input that cannot be
// read at all, or a value of the wrong type, is an error.
#include <cstdint>
#include <string>
#include <vector>

namespace vpcsim::importer {

enum class IssueSeverity { Error, Warning };

struct ImportIssue {
  IssueSeverity severity = IssueSeverity::Warning;
  std::string file;
  uint32_t line = 0, col = 0;  // set for syntax errors only
  std::string path;            // JSON path, e.g. "$.Vpcs[0].CidrBlock"
  std::string subject;         // the AWS id or Terraform address the value belongs to
  std::string message;
  std::string code;  // stable kebab-case id, e.g. "unsupported-resource"
};

class ImportLog {
 public:
  void syntax_error(const std::string& file, uint32_t line, uint32_t col, std::string message,
                    std::string code);
  void error(const std::string& file, std::string path, std::string subject, std::string message,
             std::string code);
  void warning(const std::string& file, std::string path, std::string subject, std::string message,
               std::string code);
  // A problem with the whole input (no JSON value to point at): FILE: error: ...
  void file_error(const std::string& file, std::string message, std::string code);
  void file_warning(const std::string& file, std::string message, std::string code);

  [[nodiscard]] bool has_errors() const { return errors_ > 0; }
  [[nodiscard]] size_t error_count() const { return errors_; }
  [[nodiscard]] size_t warning_count() const { return issues_.size() - errors_; }
  [[nodiscard]] const std::vector<ImportIssue>& issues() const { return issues_; }
  // One line per issue, in the order the readers found them (object kind by object
  // kind, each file from top to bottom: deterministic), each ending in '\n'.
  [[nodiscard]] std::string render() const;

 private:
  void add(ImportIssue issue);
  std::vector<ImportIssue> issues_;
  size_t errors_ = 0;
};

[[nodiscard]] std::string render_issue(const ImportIssue& issue);

}  // namespace vpcsim::importer
