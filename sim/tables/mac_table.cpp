#include "sim/tables/mac_table.hpp"

#include <algorithm>

namespace vpcsim::sim {

MacTable::Learn MacTable::learn(MacAddr mac, uint16_t port, SimTime now) {
  auto [it, inserted] = entries_.try_emplace(mac.v, Entry{mac, port, now, false});
  if (inserted) return Learn::New;
  Entry& e = it->second;
  if (e.is_static) return Learn::Static;
  bool was_live = !expired(e, now);
  bool moved = e.port != port;
  e.port = port;
  e.last_seen = now;
  if (!was_live) return Learn::New;
  return moved ? Learn::Moved : Learn::Refreshed;
}

void MacTable::add_static(MacAddr mac, uint16_t port) {
  entries_[mac.v] = Entry{mac, port, SimTime{}, true};
}

std::optional<uint16_t> MacTable::lookup(MacAddr mac, SimTime now) const {
  auto it = entries_.find(mac.v);
  if (it == entries_.end() || expired(it->second, now)) return std::nullopt;
  return it->second.port;
}

std::vector<MacTable::Entry> MacTable::entries(SimTime now) const {
  std::vector<Entry> out;
  for (const auto& [key, e] : entries_) {
    if (!expired(e, now)) out.push_back(e);
  }
  std::sort(out.begin(), out.end(), [](const Entry& x, const Entry& y) { return x.mac < y.mac; });
  return out;
}

}  // namespace vpcsim::sim
