#include "sim/tables/route_table.hpp"

#include <algorithm>

namespace vpcsim::sim {

std::string RouteEntry::str(const std::vector<std::string>& iface_names) const {
  switch (action) {
    case RouteAction::Blackhole: return "blackhole " + dst.str();
    case RouteAction::Unreachable: return "unreachable " + dst.str();
    case RouteAction::Prohibit: return "prohibit " + dst.str();
    case RouteAction::Forward: break;
  }
  std::string s = dst.len == 0 ? std::string("default") : dst.str();
  if (!gateway.is_unspecified()) s += " via " + gateway.str();
  if (iface < iface_names.size()) s += " dev " + iface_names[iface];
  return s;
}

void RouteTable::add(RouteEntry e) {
  auto before = [](const RouteEntry& x, const RouteEntry& y) {
    if (x.dst.len != y.dst.len) return x.dst.len > y.dst.len;
    if (x.metric != y.metric) return x.metric < y.metric;
    return x.gateway < y.gateway;
  };
  // upper_bound keeps insertion order among equal keys, so the result is stable.
  auto pos = std::upper_bound(entries_.begin(), entries_.end(), e, before);
  entries_.insert(pos, std::move(e));
}

const RouteEntry* RouteTable::lookup(Ipv4Addr dst) const {
  for (const RouteEntry& e : entries_) {
    if (e.dst.contains(dst)) return &e;
  }
  return nullptr;
}

std::vector<const RouteEntry*> RouteTable::matches(Ipv4Addr dst) const {
  std::vector<const RouteEntry*> out;
  for (const RouteEntry& e : entries_) {
    if (e.dst.contains(dst)) out.push_back(&e);
  }
  return out;
}

}  // namespace vpcsim::sim
