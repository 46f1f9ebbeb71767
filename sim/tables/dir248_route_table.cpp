#include "sim/tables/dir248_route_table.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "sim/core/check.hpp"

namespace vpcsim::sim {
namespace {

constexpr uint32_t kEnd = UINT32_MAX;
constexpr size_t kTbl24Bytes = (size_t{1} << 24) * sizeof(uint32_t);

}  // namespace

void Dir248RouteTable::FreeTbl24::operator()(uint32_t* p) const {
#if defined(__linux__)
  munmap(p, kTbl24Bytes);
#else
  std::free(p);
#endif
}

void Dir248RouteTable::allocate_tbl24() {
  void* p = nullptr;
#if defined(__linux__)
  // Fresh anonymous pages read as zero and cost nothing until written, and huge
  // pages suit the access pattern: a lookup touches a random spot of 64 MiB,
  // and 32 huge pages fit in the TLB where 16384 small ones do not.
  p = mmap(nullptr, kTbl24Bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  VPCSIM_CHECK(p != MAP_FAILED, "out of memory for the DIR-24-8 table");
#if defined(MADV_HUGEPAGE)
  (void)madvise(p, kTbl24Bytes, MADV_HUGEPAGE);
#endif
#else
  p = std::calloc(kTbl24Bytes / sizeof(uint32_t), sizeof(uint32_t));
  VPCSIM_CHECK(p != nullptr, "out of memory for the DIR-24-8 table");
#endif
  tbl24_.reset(static_cast<uint32_t*>(p));
}

// The reference's tie-break among routes of one prefix: metric, then gateway;
// the first added wins a full tie.
bool Dir248RouteTable::better(const RouteEntry& a, const RouteEntry& b) const {
  if (a.metric != b.metric) return a.metric < b.metric;
  return a.gateway < b.gateway;
}

void Dir248RouteTable::add(RouteEntry e) {
  VPCSIM_CHECK(routes_.size() < kMaxRoutes, "too many routes for a DIR-24-8 table");
  VPCSIM_CHECK(e.dst.len <= 32 && (e.dst.addr.v & ~e.dst.mask()) == 0,
               "route prefix with host bits set");
  const uint32_t index = uint32_t(routes_.size());
  const Prefix prefix = e.dst;
  routes_.push_back(std::move(e));
  next_same_.push_back(kEnd);
  auto [it, fresh] = first_of_prefix_.try_emplace(key(prefix), index);
  if (fresh) {
    install(prefix, index, -1);
    return;
  }
  // The prefix is known: the new route takes over only if it beats the best one.
  uint32_t best = it->second, tail = it->second;
  for (uint32_t i = it->second; i != kEnd; i = next_same_[i]) {
    if (better(routes_[i], routes_[best])) best = i;
    tail = i;
  }
  next_same_[tail] = index;
  if (better(routes_[index], routes_[best])) install(prefix, index, best);
}

void Dir248RouteTable::install(const Prefix& p, uint32_t index, int64_t replace) {
  if (p.len == 0) {
    default_slot_ = index + 1;
    return;
  }
  if (!tbl24_) allocate_tbl24();
  if (p.len <= 24) {
    fill(tbl24_.get(), p.addr.v >> 8, 1u << (24 - p.len), p.len, index, replace);
    return;
  }
  uint32_t& top = tbl24_[p.addr.v >> 8];
  if (!(top & kGroup)) {
    // First prefix longer than /24 here: a group whose entries start out with
    // whatever decided the whole /24 so far.
    const uint32_t group = uint32_t(tbl8_.size() >> 8);
    VPCSIM_CHECK(group < kGroup, "too many DIR-24-8 groups");
    tbl8_.resize(tbl8_.size() + 256, top);
    top = kGroup | group;
  }
  const size_t group = top & ~kGroup;
  fill(tbl8_.data() + (group << 8), p.addr.v & 0xff, 1u << (32 - p.len), p.len, index, replace);
}

void Dir248RouteTable::fill(uint32_t* entries, uint32_t first, uint32_t count, uint8_t len,
                            uint32_t index, int64_t replace) {
  const uint32_t value = encode(len, index);
  for (uint32_t k = first; k < first + count; ++k) {
    const uint32_t e = entries[k];
    if (e & kGroup) {  // only in tbl24: the /24 has a group, which decides per address
      fill(tbl8_.data() + (size_t(e & ~kGroup) << 8), 0, 256, len, index, replace);
      continue;
    }
    if (replace >= 0) {
      if ((e & kSlotMask) == uint32_t(replace) + 1) entries[k] = value;
    } else if (depth(e) < len) {
      // A longer prefix keeps its addresses. No entry in this range can have the
      // same length: that would be this very prefix, which is new here.
      entries[k] = value;
    }
  }
}

void Dir248RouteTable::runs_in_slash16(uint32_t high, std::vector<Run>& out) const {
  out.clear();
  auto extend = [&out](uint32_t first, uint32_t entry) {
    const uint32_t slot = entry & kSlotMask;
    if (out.empty() || out.back().slot != slot) out.push_back(Run{uint16_t(first), slot});
  };
  if (!tbl24_) {
    out.push_back(Run{0, 0});
    return;
  }
  for (uint32_t k = 0; k < 256; ++k) {
    const uint32_t e = tbl24_[(high << 8) | k];
    if (!(e & kGroup)) {
      extend(k << 8, e);
      continue;
    }
    const uint32_t* group = tbl8_.data() + (size_t(e & ~kGroup) << 8);
    for (uint32_t j = 0; j < 256; ++j) extend((k << 8) | j, group[j]);
  }
}

std::vector<const RouteEntry*> Dir248RouteTable::matches(Ipv4Addr dst) const {
  std::vector<const RouteEntry*> out;
  for (int len = 32; len >= 0; --len) {
    auto it = first_of_prefix_.find(key(Prefix::of(dst, uint8_t(len))));
    if (it == first_of_prefix_.end()) continue;
    const size_t start = out.size();
    for (uint32_t i = it->second; i != kEnd; i = next_same_[i]) out.push_back(&routes_[i]);
    std::stable_sort(out.begin() + ptrdiff_t(start), out.end(),
                     [this](const RouteEntry* a, const RouteEntry* b) { return better(*a, *b); });
  }
  return out;
}

}  // namespace vpcsim::sim
