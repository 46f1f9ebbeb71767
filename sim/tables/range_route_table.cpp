#include "sim/tables/range_route_table.hpp"

#include <algorithm>

#include "sim/core/check.hpp"

namespace vpcsim::sim {
namespace {

constexpr uint32_t kSlash16s = 1u << 16;

}  // namespace

RangeRouteTable::RangeRouteTable() : slash16_(kSlash16s) {}

RangeRouteTable::RangeRouteTable(std::string name) : exact_(std::move(name)), slash16_(kSlash16s) {}

size_t RangeRouteTable::tree_halves_of(uint32_t runs) {
  const int levels = depth(runs);
  size_t halves = size_t(runs) * kSlotHalves;
  for (int l = 0; l < levels; ++l) halves += size_t(nodes_on(runs, levels, l)) * kFanout;
  return halves;
}

void RangeRouteTable::add(RouteEntry e) {
  const Prefix prefix = e.dst;
  exact_.add(std::move(e));
  // A default route changes no /16: slot 0 already means "the default route".
  if (prefix.len == 0) return;
  const uint32_t first = prefix.addr.v >> 16;
  const uint32_t count = prefix.len >= 16 ? 1 : 1u << (16 - prefix.len);
  for (uint32_t high = first; high < first + count; ++high) mark_changed(high);
}

void RangeRouteTable::mark_changed(uint32_t high) {
  Slash16& s = slash16_[high];
  if (s.runs == kChanged) return;
  if (s.runs >= 2) live_halves_ -= tree_halves_of(s.runs);
  s.runs = kChanged;
  changed_.push_back(high);
}

void RangeRouteTable::commit() {
  // In /16 order, so that the trees of one commit lie in address order.
  std::sort(changed_.begin(), changed_.end());
  std::vector<Dir248RouteTable::Run> runs;
  for (uint32_t high : changed_) {
    exact_.runs_in_slash16(high, runs);
    build(high, runs);
  }
  changed_.clear();
  // Rebuilt trees go to the end; the space of the ones they replace is
  // reclaimed once it outweighs what is in use.
  if (trees_.size() > 2 * live_halves_ + kSlash16s) compact();
}

void RangeRouteTable::build(uint32_t high, const std::vector<Dir248RouteTable::Run>& runs) {
  Slash16& s = slash16_[high];
  const uint32_t n = uint32_t(runs.size());
  if (n == 1) {
    s = Slash16{.at = runs[0].slot, .runs = 1};
    return;
  }
  VPCSIM_CHECK(trees_.size() + tree_halves_of(n) <= UINT32_MAX,
               "too many address ranges for a RangeRouteTable");
  s = Slash16{.at = uint32_t(trees_.size()), .runs = n};
  const int levels = depth(n);
  for (int l = 0; l < levels; ++l) {
    // Each child of a node on this level spans `span` runs; key k stands
    // between child k and child k+1.
    const uint64_t span = uint64_t(1) << (4 * (levels - l - 1));
    const uint32_t nodes = nodes_on(n, levels, l);
    for (uint32_t node = 0; node < nodes; ++node) {
      for (uint32_t k = 0; k < kFanout; ++k) {
        const uint64_t right = (uint64_t(node) * kFanout + k + 1) * span;
        // A run after the first starts above 0, so first - 1 does not wrap;
        // "key < address" is then "first <= address". Past the end, 0xffff is
        // below no address.
        trees_.push_back(right < n ? uint16_t(runs[right].first - 1) : uint16_t(0xffff));
      }
    }
  }
  for (const auto& run : runs) {
    uint16_t halves[kSlotHalves];
    std::memcpy(halves, &run.slot, sizeof halves);
    trees_.insert(trees_.end(), halves, halves + kSlotHalves);
  }
  live_halves_ += trees_.size() - s.at;
}

void RangeRouteTable::compact() {
  std::vector<uint16_t> kept;
  kept.reserve(live_halves_);
  for (Slash16& s : slash16_) {
    if (s.runs < 2) continue;
    const uint32_t at = uint32_t(kept.size());
    const auto tree = trees_.begin() + s.at;
    kept.insert(kept.end(), tree, tree + ptrdiff_t(tree_halves_of(s.runs)));
    s.at = at;
  }
  trees_ = std::move(kept);
}

}  // namespace vpcsim::sim
