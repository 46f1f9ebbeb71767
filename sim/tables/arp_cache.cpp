#include "sim/tables/arp_cache.hpp"

namespace vpcsim::sim {

std::optional<MacAddr> ArpCache::lookup(uint16_t iface, Ipv4Addr ip, SimTime now) const {
  auto it = entries_.find(key(iface, ip));
  if (it == entries_.end() || now - it->second.updated >= reachable_) return std::nullopt;
  return it->second.mac;
}

std::optional<uint32_t> ArpCache::update(uint16_t iface, Ipv4Addr ip, MacAddr mac, SimTime now) {
  entries_[key(iface, ip)] = Entry{iface, ip, mac, now};
  auto it = pending_by_key_.find(key(iface, ip));
  if (it == pending_by_key_.end()) return std::nullopt;
  return it->second;
}

std::pair<uint32_t, bool> ArpCache::enqueue(uint16_t iface, Ipv4Addr ip, const Packet& pkt) {
  auto it = pending_by_key_.find(key(iface, ip));
  if (it != pending_by_key_.end()) {
    Pending& p = pending_[it->second];
    if (p.queue.size() < kMaxQueued) p.queue.push_back(pkt);
    return {it->second, false};
  }
  uint32_t slot = 0;
  while (slot < pending_.size() && pending_[slot].active) ++slot;
  if (slot == pending_.size()) pending_.emplace_back();
  Pending& p = pending_[slot];
  p = Pending{iface, ip, 0, {pkt}, true};
  pending_by_key_[key(iface, ip)] = slot;
  return {slot, true};
}

std::vector<Packet> ArpCache::finish(uint32_t slot) {
  Pending& p = pending_[slot];
  pending_by_key_.erase(key(p.iface, p.ip));
  p.active = false;
  return std::move(p.queue);
}

std::vector<ArpCache::Entry> ArpCache::entries(SimTime now) const {
  std::vector<Entry> out;
  for (const auto& [k, e] : entries_) {
    if (now - e.updated < reachable_) out.push_back(e);
  }
  return out;
}

}  // namespace vpcsim::sim
