#include "topology/source_loc.hpp"

#include <mutex>
#include <set>

namespace vpcsim::topo {
namespace {

// The interned paths. A std::set never moves its nodes, so the pointers
// FileName keeps stay valid; it is never destroyed, so locations held by
// static objects outlive no path.
std::set<std::string, std::less<>>& registry() {
  static auto* paths = new std::set<std::string, std::less<>>;
  return *paths;
}

std::mutex& registry_mutex() {
  static auto* m = new std::mutex;
  return *m;
}

}  // namespace

const std::string& FileName::no_path() {
  static const auto* e = new std::string;
  return *e;
}

FileName::FileName(std::string_view path) : path_(&no_path()) {
  if (path.empty()) return;
  std::lock_guard<std::mutex> lock(registry_mutex());
  auto it = registry().find(path);
  if (it == registry().end()) it = registry().emplace(path).first;
  path_ = &*it;
}

}  // namespace vpcsim::topo
