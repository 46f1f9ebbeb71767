#pragma once
// Shell quoting for `vpcsim emulate --dry-run`: the printed commands can be
// pasted into sh as they are (nothing here runs them through a shell).
#include <string>
#include <string_view>
#include <vector>

namespace vpcsim::emulate {

// `word` unchanged when it has only characters no shell treats specially,
// else in single quotes (a ' inside becomes '\'').
std::string shell_quote(std::string_view word);
// The words quoted and joined by spaces.
std::string shell_line(const std::vector<std::string>& argv);

}  // namespace vpcsim::emulate
