#include "sim/tables/arp_cache.hpp"

#include <algorithm>

namespace vpcsim::sim {

std::vector<ArpCache::Entry>::const_iterator ArpCache::find(uint16_t iface, Ipv4Addr ip) const {
  return std::lower_bound(entries_.begin(), entries_.end(), key(iface, ip),
                          [](const Entry& e, uint64_t k) { return key(e) < k; });
}

std::optional<uint32_t> ArpCache::pending_for(uint16_t iface, Ipv4Addr ip) const {
  for (uint32_t slot = 0; slot < pending_.size(); ++slot) {
    const Pending& p = pending_[slot];
    if (p.active && p.iface == iface && p.ip == ip) return slot;
  }
  return std::nullopt;
}

std::optional<MacAddr> ArpCache::lookup(uint16_t iface, Ipv4Addr ip, SimTime now) const {
  auto it = find(iface, ip);
  if (it == entries_.end() || key(*it) != key(iface, ip) || now - it->updated >= reachable_) {
    return std::nullopt;
  }
  return it->mac;
}

std::optional<uint32_t> ArpCache::update(uint16_t iface, Ipv4Addr ip, MacAddr mac, SimTime now) {
  auto it = entries_.begin() + (find(iface, ip) - entries_.cbegin());
  if (it != entries_.end() && key(*it) == key(iface, ip)) {
    *it = Entry{iface, ip, mac, now};
  } else {
    entries_.insert(it, Entry{iface, ip, mac, now});
  }
  return pending_for(iface, ip);
}

std::pair<uint32_t, bool> ArpCache::enqueue(uint16_t iface, Ipv4Addr ip, const Packet& pkt) {
  if (auto slot = pending_for(iface, ip)) {
    Pending& p = pending_[*slot];
    if (p.queue.size() < kMaxQueued) p.queue.push_back(pkt);
    return {*slot, false};
  }
  uint32_t slot = 0;
  while (slot < pending_.size() && pending_[slot].active) ++slot;
  if (slot == pending_.size()) pending_.emplace_back();
  Pending& p = pending_[slot];
  p = Pending{iface, ip, 0, {pkt}, true};
  return {slot, true};
}

std::vector<Packet> ArpCache::finish(uint32_t slot) {
  Pending& p = pending_[slot];
  p.active = false;
  return std::move(p.queue);
}

std::vector<ArpCache::Entry> ArpCache::entries(SimTime now) const {
  std::vector<Entry> out;
  for (const Entry& e : entries_) {
    if (now - e.updated < reachable_) out.push_back(e);
  }
  return out;
}

}  // namespace vpcsim::sim
