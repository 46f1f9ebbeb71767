#include "tools/vpcsim/import/import_log.hpp"

namespace vpcsim::importer {

void ImportLog::add(ImportIssue issue) {
  if (issue.severity == IssueSeverity::Error) ++errors_;
  issues_.push_back(std::move(issue));
}

void ImportLog::syntax_error(const std::string& file, uint32_t line, uint32_t col,
                             std::string message, std::string code) {
  add({IssueSeverity::Error, file, line, col, "", "", std::move(message), std::move(code)});
}

void ImportLog::error(const std::string& file, std::string path, std::string subject,
                      std::string message, std::string code) {
  add({IssueSeverity::Error, file, 0, 0, std::move(path), std::move(subject), std::move(message),
       std::move(code)});
}

void ImportLog::warning(const std::string& file, std::string path, std::string subject,
                        std::string message, std::string code) {
  add({IssueSeverity::Warning, file, 0, 0, std::move(path), std::move(subject), std::move(message),
       std::move(code)});
}

void ImportLog::file_error(const std::string& file, std::string message, std::string code) {
  add({IssueSeverity::Error, file, 0, 0, "", "", std::move(message), std::move(code)});
}

void ImportLog::file_warning(const std::string& file, std::string message, std::string code) {
  add({IssueSeverity::Warning, file, 0, 0, "", "", std::move(message), std::move(code)});
}

std::string render_issue(const ImportIssue& i) {
  std::string out = i.file;
  if (i.line > 0) out += ":" + std::to_string(i.line) + ":" + std::to_string(i.col);
  out += i.severity == IssueSeverity::Error ? ": error: " : ": warning: ";
  if (!i.path.empty()) {
    out += i.path;
    if (!i.subject.empty()) out += " (" + i.subject + ")";
    out += ": ";
  }
  out += i.message;
  if (!i.code.empty()) out += " [" + i.code + "]";
  return out;
}

std::string ImportLog::render() const {
  std::string out;
  for (const ImportIssue& i : issues_) out += render_issue(i) + "\n";
  return out;
}

}  // namespace vpcsim::importer
