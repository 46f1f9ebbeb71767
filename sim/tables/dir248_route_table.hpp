#pragma once
// Dir248RouteTable: longest-prefix match in at most two memory reads, the
// DIR-24-8 scheme of Gupta, Lin and McKeown (1998), as in DPDK's rte_lpm: one
// entry per /24 (2^24 of them), and for the /24s that hold a longer prefix a
// group of 256 entries, one per address. An entry names the best route for its
// addresses, so a lookup is tbl24[dst >> 8], then maybe tbl8[group][dst & 255].
//
// It answers exactly as the reference RouteTable (same tie-break: longest
// prefix, then metric, then gateway, then first added), which the tests check
// on random tables. Routes are kept in insertion order; `routes()` lists them
// so, while `matches()` returns the reference's order.
//
// Memory: 64 MiB for the /24 level from the first route other than a default
// route on, plus 1 KiB per /24 that holds a prefix longer than /24. Adding a /n
// (n <= 24) writes 2^(24-n) entries: quick to look up, slow to fill with very
// short prefixes. Meant for big tables (a backbone FIB, a plan with thousands of
// routes); a device with a handful of routes is better served by the reference
// table. Not modelled: route removal.
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include "sim/net/ipv4_addr.hpp"
#include "sim/tables/route_table.hpp"

namespace vpcsim::sim {

class Dir248RouteTable {
 public:
  Dir248RouteTable() = default;
  explicit Dir248RouteTable(std::string name) : name_(std::move(name)) {}

  void add(RouteEntry e);
  // Longest-prefix match, or nullptr. The pointer is valid until the next add().
  [[nodiscard]] const RouteEntry* lookup(Ipv4Addr dst) const {
    uint32_t slot = 0;
    if (tbl24_) {
      uint32_t e = tbl24_[dst.v >> 8];
      if (e & kGroup) e = tbl8_[(size_t(e & ~kGroup) << 8) | (dst.v & 0xff)];
      slot = e & kSlotMask;
    }
    return route_at(slot);
  }
  // What lookup() answers for a slot: 0 stands for "the default route, if
  // any", n for routes()[n - 1].
  [[nodiscard]] const RouteEntry* route_at(uint32_t slot) const {
    if (slot == 0) slot = default_slot_;
    return slot ? &routes_[slot - 1] : nullptr;
  }
  // Addresses of one /16 in a row that get the same answer: from `first` (the
  // low 16 bits) up to the next run's first.
  struct Run {
    uint16_t first;
    uint32_t slot;
  };
  // The runs of the /16 whose top 16 bits are `high`, in address order, into
  // `out` (its old contents dropped). For compact copies of the table.
  void runs_in_slash16(uint32_t high, std::vector<Run>& out) const;
  // Every route that matches `dst`, best first (the reference's order).
  [[nodiscard]] std::vector<const RouteEntry*> matches(Ipv4Addr dst) const;
  // In the order added.
  [[nodiscard]] const std::vector<RouteEntry>& routes() const { return routes_; }
  [[nodiscard]] const std::string& name() const { return name_; }
  [[nodiscard]] size_t size() const { return routes_.size(); }
  [[nodiscard]] bool empty() const { return routes_.empty(); }
  // Groups of 256 entries allocated for /24s holding longer prefixes.
  [[nodiscard]] size_t groups() const { return tbl8_.size() >> 8; }

 private:
  // An entry: 0 = no route; else bit 31 clear, bits 30-25 the prefix length of
  // the route, bits 24-0 its index in routes_ plus one. A tbl24 entry with bit 31
  // set points at a group of tbl8 instead (bits 30-0: the group number).
  static constexpr uint32_t kGroup = 0x8000'0000u;
  static constexpr uint32_t kSlotMask = 0x01ff'ffffu;
  static constexpr uint32_t kMaxRoutes = kSlotMask - 1;
  static uint32_t encode(uint8_t len, uint32_t index) {
    return (uint32_t(len) << 25) | (index + 1);
  }
  static int depth(uint32_t e) { return e == 0 ? -1 : int(e >> 25); }
  static uint64_t key(const Prefix& p) { return (uint64_t(p.len) << 32) | p.addr.v; }

  struct FreeTbl24 {
    void operator()(uint32_t* p) const;
  };
  void allocate_tbl24();
  // Writes `index` (a /len) into entries [first, first+count) of tbl24 or of one
  // group, where no longer prefix already decides; with `replace`, only where
  // the route `replace` (same prefix, now beaten) decided.
  void fill(uint32_t* entries, uint32_t first, uint32_t count, uint8_t len, uint32_t index,
            int64_t replace);
  void install(const Prefix& p, uint32_t index, int64_t replace);
  [[nodiscard]] bool better(const RouteEntry& a, const RouteEntry& b) const;

  std::string name_;
  std::vector<RouteEntry> routes_;
  // Routes with the same prefix, chained in insertion order (for ties and matches()).
  std::vector<uint32_t> next_same_;
  std::unordered_map<uint64_t, uint32_t> first_of_prefix_;  // lookups only, never iterated
  // The default route lives outside the tables (an empty entry means "the
  // default route, if any"), so adding one writes nothing.
  uint32_t default_slot_ = 0;
  std::unique_ptr<uint32_t[], FreeTbl24> tbl24_;
  std::vector<uint32_t> tbl8_;
};

static_assert(RouteLookup<Dir248RouteTable>);

}  // namespace vpcsim::sim
