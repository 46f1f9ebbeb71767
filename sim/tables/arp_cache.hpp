#pragma once
// ArpCache: a node's IPv4 neighbour table, per interface, plus the resolutions in
// progress. A miss queues the packet and sends a request; the request is retried
// every `retry` up to `max_tries` times, then the queued packets fail (Linux:
// mcast_solicit = 3, retrans_time = 1 s). Entries stay valid for `reachable`.
// Not modelled: the STALE/DELAY/PROBE states of Linux's neighbour machine.
#include <cstdint>
#include <optional>
#include <vector>

#include "sim/core/time.hpp"
#include "sim/net/ipv4_addr.hpp"
#include "sim/net/mac_addr.hpp"
#include "sim/net/packet.hpp"

namespace vpcsim::sim {

class ArpCache {
 public:
  struct Entry {
    uint16_t iface = 0;
    Ipv4Addr ip;
    MacAddr mac;
    SimTime updated;
  };
  struct Pending {
    uint16_t iface = 0;
    Ipv4Addr ip;
    int tries = 0;
    std::vector<Packet> queue;
    bool active = false;
  };
  static constexpr int kMaxTries = 3;
  static constexpr size_t kMaxQueued = 16;
  static constexpr Duration kRetry{1'000'000'000};

  explicit ArpCache(Duration reachable = Duration{60'000'000'000}) : reachable_(reachable) {}

  [[nodiscard]] std::optional<MacAddr> lookup(uint16_t iface, Ipv4Addr ip, SimTime now) const;
  // Records a mapping; returns the pending resolution it completes, if any.
  std::optional<uint32_t> update(uint16_t iface, Ipv4Addr ip, MacAddr mac, SimTime now);
  [[nodiscard]] bool has(uint16_t iface, Ipv4Addr ip, SimTime now) const {
    return lookup(iface, ip, now).has_value();
  }

  // Resolutions in progress, addressed by a stable slot (used as the timer token).
  // Returns {slot, true} when this call started a new resolution.
  std::pair<uint32_t, bool> enqueue(uint16_t iface, Ipv4Addr ip, const Packet& pkt);
  [[nodiscard]] Pending& pending(uint32_t slot) { return pending_[slot]; }
  // Ends a resolution and hands back its queued packets.
  std::vector<Packet> finish(uint32_t slot);

  // Live entries sorted by (interface, ip), for `show --arp` and table checks.
  [[nodiscard]] std::vector<Entry> entries(SimTime now) const;
  // Forgets every entry and resolution in progress (Device::reset_state).
  void clear() {
    entries_.clear();
    pending_.clear();
  }
  // Forgets the resolutions in progress and their queued packets; entries stay.
  void clear_pending() { pending_.clear(); }

 private:
  static uint64_t key(uint16_t iface, Ipv4Addr ip) { return (uint64_t(iface) << 32) | ip.v; }
  static uint64_t key(const Entry& e) { return key(e.iface, e.ip); }
  // The entry for (iface, ip), or where it would go.
  [[nodiscard]] std::vector<Entry>::const_iterator find(uint16_t iface, Ipv4Addr ip) const;
  // The active resolution for (iface, ip), if any.
  [[nodiscard]] std::optional<uint32_t> pending_for(uint16_t iface, Ipv4Addr ip) const;

  Duration reachable_;
  // Sorted by (iface, ip): a node has few neighbours, and a big topology has
  // many nodes, so a flat vector beats a tree of 80-byte nodes on both counts.
  std::vector<Entry> entries_;
  std::vector<Pending> pending_;  // few at a time: searched linearly
};

}  // namespace vpcsim::sim
