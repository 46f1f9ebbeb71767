#include "tools/vpcsim/reach/reach_matrix.hpp"

#include <algorithm>

namespace vpcsim::cli {
namespace {

uint64_t pair_key(uint32_t from_cls, uint32_t to_cls) {
  return (uint64_t(from_cls) << 32) | to_cls;
}

}  // namespace

void ReachMatrix::index_class_pairs() {
  pair_index_.clear();
  pair_index_.reserve(class_pairs.size());
  for (uint32_t i = 0; i < class_pairs.size(); ++i) {
    pair_index_.emplace(pair_key(class_pairs[i].from_cls, class_pairs[i].to_cls), i);
  }
}

const ClassPair* ReachMatrix::class_pair(uint32_t from_cls, uint32_t to_cls) const {
  auto it = pair_index_.find(pair_key(from_cls, to_cls));
  return it == pair_index_.end() ? nullptr : &class_pairs[it->second];
}

ReachMatrix::Row ReachMatrix::make_row(const ReachEndpoint& from, const ReachEndpoint& to,
                                       const ClassPair& cp) const {
  sim::Ipv4Addr from_ip = from.addresses.empty() ? sim::Ipv4Addr{} : from.addresses.front().ip;
  if (cp.src_iface >= 0 && size_t(cp.src_iface) < from.addresses.size()) {
    from_ip = from.addresses[size_t(cp.src_iface)].ip;
  }
  sim::Ipv4Addr to_ip = to.addresses.empty() ? sim::Ipv4Addr{} : to.addresses.front().ip;
  if (cp.dst_iface < 0 && to.public_ip) {
    to_ip = *to.public_ip;
  } else if (cp.dst_iface >= 0 && size_t(cp.dst_iface) < to.addresses.size()) {
    to_ip = to.addresses[size_t(cp.dst_iface)].ip;
  }
  return Row{from, to, from_ip, to_ip,
             std::span<const ProbeOutcome>(cells).subspan(cp.first_cell, to.columns.size())};
}

std::optional<ReachMatrix::Row> ReachMatrix::row(uint32_t from, uint32_t to) const {
  const ReachEndpoint& a = endpoints[from];
  const ReachEndpoint& b = endpoints[to];
  if (from == to || !a.is_source || !b.is_target || b.columns.empty()) return std::nullopt;
  const ClassPair* cp = class_pair(a.cls, b.cls);
  if (!cp) return std::nullopt;
  return make_row(a, b, *cp);
}

void ReachMatrix::for_each_row(const std::function<void(const Row&)>& fn) const {
  for (uint32_t a = 0; a < endpoints.size(); ++a) {
    if (!endpoints[a].is_source) continue;
    for (uint32_t b = 0; b < endpoints.size(); ++b) {
      if (auto r = row(a, b)) fn(*r);
    }
  }
}

ReachMatrix::Totals ReachMatrix::totals() const {
  Totals t;
  for (const ClassPair& cp : class_pairs) {
    const ReachEndpoint& to = endpoints[classes[cp.to_cls].front()];
    t.pairs += cp.pairs;
    for (size_t c = 0; c < to.columns.size(); ++c) {
      t.probes += cp.pairs;
      (result_ok(cells[cp.first_cell + c].result) ? t.ok : t.blocked) += cp.pairs;
    }
  }
  return t;
}

const ReachEndpoint* ReachMatrix::endpoint(std::string_view name) const {
  auto it = std::lower_bound(endpoints.begin(), endpoints.end(), name,
                             [](const ReachEndpoint& e, std::string_view n) { return e.name < n; });
  return it != endpoints.end() && it->name == name ? &*it : nullptr;
}

}  // namespace vpcsim::cli
