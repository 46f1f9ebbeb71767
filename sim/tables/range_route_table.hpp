#pragma once
// RangeRouteTable: longest-prefix match from a few megabytes, so that lookups
// of scattered destinations are served from the caches, not from memory.
//
// Why: DIR-24-8 answers in one or two reads, but from a 64 MiB table, and
// random destinations touch all of it: on the 2-core VMs we measure on, 25-45
// M lookups/s with 500,000 random prefixes, each lookup a miss to memory. The
// same routes here take 4.8 MiB of trees, which the caches hold: 2-4x as many
// lookups, side by side in the same process (bench/README.md).
//
// How: the idea of DXR (Zec, Rizzo and Mikuc, 2012): a direct table on the top
// 16 bits, and for each /16 the addresses as runs that get the same answer
// (a /16 with one run is answered from the direct entry). A /16's runs are
// searched with a static 16-ary search tree (an S-tree): each node holds 16
// keys, 32 bytes, and a step compares the address with all 16 at once (two
// SSE2 loads; 16 scalar loads per step held half as many lookups in flight, as
// measured). A /16 with 16 runs or fewer is one node, then the answer.
//
// Updates: add() keeps the exact state in a Dir248RouteTable underneath (the
// same answers, the same tie-break) and marks the /16s it changes; lookups
// there go to the exact table until commit() rebuilds their trees, so the
// answers are always right and the speed comes back at commit() (DXR batches
// its updates the same way). So a user adds the routes, calls commit(), then
// looks up. Memory: the exact table's (64 MiB and up) plus the trees'.
#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "sim/net/ipv4_addr.hpp"
#include "sim/tables/dir248_route_table.hpp"
#include "sim/tables/route_table.hpp"

namespace vpcsim::sim {

// Keys in a node of RangeRouteTable's search trees: 32 bytes, half a cache line.
inline constexpr int kKeysPerNode = 16;

// The step of RangeRouteTable's search: how many of a node's keys, in
// ascending order, are below `low`. One by one, the reference:
inline uint32_t keys_below_one_by_one(const uint16_t* keys, uint16_t low) {
  uint32_t below = 0;
  for (int k = 0; k < kKeysPerNode; ++k) below += keys[k] < low;
  return below;
}

// All at once (two 8-key halves) where the compiler may use SSE2 (any x86-64).
inline uint32_t keys_below(const uint16_t* keys, uint16_t low) {
#if defined(__SSE2__)
  const __m128i want = _mm_set1_epi16(int16_t(low));
  const __m128i zero = _mm_setzero_si128();
  // low - key, saturated at 0, is 0 exactly where key >= low.
  const __m128i left = _mm_loadu_si128(reinterpret_cast<const __m128i*>(keys));
  const __m128i right = _mm_loadu_si128(reinterpret_cast<const __m128i*>(keys + 8));
  const __m128i at_or_above_left = _mm_cmpeq_epi16(_mm_subs_epu16(want, left), zero);
  const __m128i at_or_above_right = _mm_cmpeq_epi16(_mm_subs_epu16(want, right), zero);
  const uint32_t at_or_above =
      uint32_t(_mm_movemask_epi8(_mm_packs_epi16(at_or_above_left, at_or_above_right)));
  // The keys ascend, so those below come first: a trailing-zero count, not a
  // popcount (x86-64 has no popcount instruction by default; GCC would call
  // a library function).
  return uint32_t(std::countr_zero(at_or_above | 0x1'0000u));
#else
  return keys_below_one_by_one(keys, low);
#endif
}

class RangeRouteTable {
 public:
  RangeRouteTable();
  explicit RangeRouteTable(std::string name);

  void add(RouteEntry e);
  // Rebuilds the search trees of the /16s that add() changed since the last
  // commit. Lookups are right without it, and fast for the /16s it has built.
  void commit();

  // Longest-prefix match, or nullptr. The pointer is valid until the next add().
  [[nodiscard]] const RouteEntry* lookup(Ipv4Addr dst) const {
    const Slash16 s = slash16_[dst.v >> 16];
    if (s.runs == 1) return exact_.route_at(s.at);
    if (s.runs == kChanged) return exact_.lookup(dst);
    return exact_.route_at(search(s, uint16_t(dst.v)));
  }
  // Every route that matches `dst`, best first (the reference's order).
  [[nodiscard]] std::vector<const RouteEntry*> matches(Ipv4Addr dst) const {
    return exact_.matches(dst);
  }
  // In the order added.
  [[nodiscard]] const std::vector<RouteEntry>& routes() const { return exact_.routes(); }
  [[nodiscard]] const std::string& name() const { return exact_.name(); }
  [[nodiscard]] size_t size() const { return exact_.size(); }
  [[nodiscard]] bool empty() const { return exact_.empty(); }
  // Bytes of the search trees (what lookups read besides the 512 KiB direct
  // table), counting space that commit() has not reclaimed yet.
  [[nodiscard]] size_t tree_bytes() const { return trees_.size() * sizeof(uint16_t); }
  // /16s waiting for commit().
  [[nodiscard]] size_t changed() const { return changed_.size(); }

 private:
  // A /16: `runs` == 1: every address gets slot `at`; `runs` >= 2: its tree
  // starts at trees_[at]; kChanged: changed since the last commit().
  struct Slash16 {
    uint32_t at = 0;
    uint32_t runs = 1;
  };
  static constexpr uint32_t kChanged = 0;
  static constexpr int kFanout = kKeysPerNode;
  static constexpr int kSlotHalves = 2;  // a slot, 32 bits, as two of trees_'s halves

  // Levels of a tree over `runs` runs: the smallest d with 16^d >= runs.
  static int depth(uint32_t runs) { return (std::bit_width(runs - 1) + 3) / 4; }
  // Nodes on `level` (0 = the root) of a tree of `depth` levels over `runs` runs.
  static uint32_t nodes_on(uint32_t runs, int depth, int level) {
    return ((runs - 1) >> (4 * (depth - level))) + 1;
  }
  // The tree: levels from the root down, each node 16 keys (a key is the first
  // address of the run or subtree to its right, minus one; 0xffff past the
  // end); the runs' slots follow the last level. At each level the number of
  // keys below the address picks the child; at the bottom, the run.
  [[nodiscard]] uint32_t search(Slash16 s, uint16_t low) const {
    const int levels = depth(s.runs);
    const uint16_t* level = trees_.data() + s.at;
    uint32_t index = 0;
    for (int l = 0; l < levels; ++l) {
      index = index * kFanout + keys_below(level + size_t(index) * kFanout, low);
      level += size_t(nodes_on(s.runs, levels, l)) * kFanout;
    }
    uint32_t slot;
    std::memcpy(&slot, level + size_t(index) * kSlotHalves, sizeof slot);
    return slot;
  }
  // Size of a tree over `runs` runs in trees_'s halves: its nodes and slots.
  static size_t tree_halves_of(uint32_t runs);
  void mark_changed(uint32_t high);
  void build(uint32_t high, const std::vector<Dir248RouteTable::Run>& runs);
  void compact();

  Dir248RouteTable exact_;
  std::vector<Slash16> slash16_;
  std::vector<uint16_t> trees_;
  size_t live_halves_ = 0;         // what of trees_ some /16 still uses
  std::vector<uint32_t> changed_;  // the /16s marked kChanged, in the order marked
};

static_assert(RouteLookup<RangeRouteTable>);

}  // namespace vpcsim::sim
