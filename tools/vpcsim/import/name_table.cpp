#include "tools/vpcsim/import/name_table.hpp"

#include "sim/net/ipv4_addr.hpp"
#include "topology/xml_reader.hpp"

namespace vpcsim::importer {

std::string sanitize_name(std::string_view text) {
  std::string out;
  for (char c : text) {
    char keep = topo::xml::is_name_char(c) ? c : '-';
    if (keep == '-' && !out.empty() && out.back() == '-') continue;
    out += keep;
  }
  while (!out.empty() && (out.front() == '-' || out.front() == '.')) out.erase(out.begin());
  // Leave room for a "-NN" suffix within the 64-character limit.
  if (out.size() > topo::xml::kMaxNameLength - 4) out.resize(topo::xml::kMaxNameLength - 4);
  while (!out.empty() && out.back() == '-') out.pop_back();
  if (sim::Ipv4Addr::parse(out)) out = "host-" + out;  // "10.0.0.5" is not a name
  return out;
}

bool NameTable::reserve(const std::string& name) { return used_.insert(name).second; }

std::string NameTable::claim(std::string_view hint, std::string_view fallback) {
  std::string base = sanitize_name(hint);
  if (base.empty()) base = sanitize_name(fallback);
  if (base.empty()) base = "unnamed";
  if (base == "local" || base == "blackhole") base += "-1";
  std::string name = base;
  for (int n = 2; !used_.insert(name).second; ++n) name = base + "-" + std::to_string(n);
  return name;
}

}  // namespace vpcsim::importer
