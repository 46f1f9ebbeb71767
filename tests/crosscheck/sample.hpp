#pragma once
// Outputs of the real tools captured in throwaway namespaces (tests/crosscheck/data).
#include <fstream>
#include <sstream>
#include <string>

namespace vpcsim::crosscheck::testing {

inline std::string sample(const std::string& name) {
  std::ifstream in(std::string(VPCSIM_REPO_ROOT) + "/tests/crosscheck/data/" + name + ".txt");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace vpcsim::crosscheck::testing
