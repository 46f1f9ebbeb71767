#pragma once
// SitesPlan: the "topology build" workload of the performance issue, as plain
// data both sides build from, so vpcsim (through its XML) and the ns-3 peer
// (through its API) construct exactly the same network:
//   S sites x H hosts; site s is a router r<s> whose interface "lan" sits on a
//   switch sw<s> together with the hosts s<s>h<h>; the site routers are chained
//   by point-to-point links; every host has a default route to its router and
//   every router reaches the other sites through static routes towards its two
//   chain neighbours. Every link is 1 Gbps, 1 us.
// Addresses: site s owns 10.(s/256).(s%256).0/24, its router .1, host h .(h+2)
// (so H <= 253); chain link s (r<s> -- r<s+1>) is 172.16.0.0/12 + 4*s, a /30 with
// r<s> at .1 and r<s+1> at .2. The sites on each side of a router form one range
// of /24s, written as the fewest aligned prefixes (at most 2*16 routes, usually
// a handful), so routing state grows as S log S, not S^2.
// Standard library only: the ns-3 peer includes it too.
#include <cstdint>
#include <string>
#include <vector>

namespace vpcsim::bench {

struct SitesPlan {
  uint32_t sites = 0;
  uint32_t hosts_per_site = 0;

  // The sizes the issue names (and the CI smoke size); other node counts get
  // roughly square plans.
  static SitesPlan for_nodes(uint64_t nodes) {
    if (nodes == 10'000) return {100, 98};
    if (nodes == 65'000) return {256, 253};
    if (nodes == 1'000'000) return {4000, 248};
    uint32_t h = 2;
    while (h < 253 && uint64_t(h + 3) * uint64_t(h + 3) <= nodes) ++h;
    uint32_t s = uint32_t(nodes / (h + 2));
    return {s < 1 ? 1u : s, h};
  }
  // Routers, switches and hosts.
  [[nodiscard]] uint64_t nodes() const { return uint64_t(sites) * (hosts_per_site + 2); }
  // host-switch, router-switch and chain links.
  [[nodiscard]] uint64_t links() const {
    return uint64_t(sites) * (hosts_per_site + 1) + (sites ? sites - 1 : 0);
  }

  // ---- addresses (host byte order) ----
  static uint32_t site_net(uint32_t s) { return (10u << 24) | (s << 8); }
  static uint32_t router_lan_ip(uint32_t s) { return site_net(s) | 1; }
  static uint32_t host_ip(uint32_t s, uint32_t h) { return site_net(s) | (h + 2); }
  static uint32_t chain_net(uint32_t s) { return (172u << 24) | (16u << 16) | (s * 4); }
  // r<s>'s address on the link towards r<s+1>, and r<s+1>'s on the same link.
  static uint32_t chain_west_end(uint32_t s) { return chain_net(s) | 1; }
  static uint32_t chain_east_end(uint32_t s) { return chain_net(s) | 2; }

  // ---- names ----
  static std::string router_name(uint32_t s) { return "r" + std::to_string(s); }
  static std::string switch_name(uint32_t s) { return "sw" + std::to_string(s); }
  static std::string host_name(uint32_t s, uint32_t h) {
    return "s" + std::to_string(s) + "h" + std::to_string(h);
  }

  struct Route {
    uint32_t dst = 0;   // network address
    uint8_t len = 0;    // prefix length
    uint32_t via = 0;   // next hop
    bool east = false;  // out of the interface towards r<s+1> (else towards r<s-1>)
  };
  // The static routes of router s: the sites west of it via r<s-1>, east of it via r<s+1>.
  [[nodiscard]] std::vector<Route> routes_of(uint32_t s) const {
    std::vector<Route> out;
    if (s > 0) {
      for (auto [net, len] : site_range_prefixes(0, s)) {
        out.push_back(Route{net, len, chain_west_end(s - 1), false});
      }
    }
    if (s + 1 < sites) {
      for (auto [net, len] : site_range_prefixes(s + 1, sites)) {
        out.push_back(Route{net, len, chain_east_end(s), true});
      }
    }
    return out;
  }

  // Sites [lo, hi) as the fewest aligned prefixes of their /24s, in address order.
  static std::vector<std::pair<uint32_t, uint8_t>> site_range_prefixes(uint32_t lo, uint32_t hi) {
    std::vector<std::pair<uint32_t, uint8_t>> out;
    while (lo < hi) {
      uint32_t block = 1;  // the largest power of two aligned at lo that fits
      while ((lo & (block * 2 - 1)) == 0 && lo + block * 2 <= hi && block < (1u << 16)) block *= 2;
      uint8_t len = uint8_t(24 - __builtin_ctz(block));
      out.emplace_back(site_net(lo), len);
      lo += block;
    }
    return out;
  }

  // A probe that proves the build: the first host of site 0 to the last host of
  // site 1 (two routers on the way, ARP and MAC learning on both switches).
  [[nodiscard]] uint32_t probe_dst_site() const { return sites > 1 ? 1 : 0; }
};

}  // namespace vpcsim::bench
