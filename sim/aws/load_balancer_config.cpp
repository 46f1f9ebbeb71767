#include "sim/aws/load_balancer_config.hpp"

#include <cctype>

namespace vpcsim::sim {

const LbListener* LoadBalancerConfig::listener(uint16_t port) const {
  for (const LbListener& l : listeners) {
    if (l.port == port) return &l;
  }
  return nullptr;
}

std::string LoadBalancerConfig::no_listener(uint16_t port) const {
  std::string list;
  for (const LbListener& l : listeners) {
    list += (list.empty() ? "" : ", ") + l.protocol + ":" + std::to_string(l.port);
  }
  return " has no listener on port " + std::to_string(port) +
         ": the segment is dropped (listeners: " + (list.empty() ? "none" : list) + ")";
}

bool wildcard_match(std::string_view pattern, std::string_view text, bool ignore_case) {
  auto same = [&](char a, char b) {
    if (!ignore_case) return a == b;
    return std::tolower(static_cast<unsigned char>(a)) ==
           std::tolower(static_cast<unsigned char>(b));
  };
  // Iterative matching with one backtrack point for the last '*': linear in
  // practice, no recursion on hostile patterns.
  size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() &&
        (pattern[p] == '?' || (pattern[p] != '*' && same(pattern[p], text[t])))) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

bool rule_matches(const LbRule& rule, std::string_view host, std::string_view path) {
  if (!rule.host.empty() && !wildcard_match(rule.host, host, true)) return false;
  if (!rule.path.empty() && !wildcard_match(rule.path, path, false)) return false;
  return true;
}

std::string rule_conditions(const LbRule& rule) {
  std::string s;
  if (!rule.host.empty()) s += "host " + rule.host;
  if (!rule.path.empty()) s += (s.empty() ? "" : ", ") + std::string("path ") + rule.path;
  return s;
}

}  // namespace vpcsim::sim
