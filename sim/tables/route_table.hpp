#pragma once
// RouteTable: an IPv4 routing table with longest-prefix match. Entries are kept
// sorted by (prefix length desc, metric asc, gateway asc, insertion), so `lookup`
// returns the first match and ties never depend on the order routes were written.
// This linear table is the reference implementation; faster structures must
// answer exactly as it does (tested against it on the same cases).
// Not modelled: ECMP, policy routing rules, route metrics beyond tie-breaking.
#include <concepts>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/net/ipv4_addr.hpp"
#include "sim/net/prefix.hpp"

namespace vpcsim::sim {

enum class RouteAction : uint8_t {
  Forward,      // send to gateway (or directly to the destination) out of `iface`
  Blackhole,    // drop silently
  Unreachable,  // drop, ICMP host unreachable
  Prohibit,     // drop, ICMP administratively prohibited
};

struct RouteEntry {
  Prefix dst{};
  RouteAction action = RouteAction::Forward;
  Ipv4Addr gateway{};    // 0.0.0.0: on-link, the next hop is the destination itself
  uint16_t iface = 0;    // output interface (port) for Forward
  uint32_t metric = 0;
  uint32_t target = 0;   // device-defined meaning (e.g. a VPC route target); 0 = none
  std::string origin{};  // "connected", "static", "default gateway", "local", ...
  std::string source{};  // where the route was written, "file:line:col" (may be empty)

  // Like `ip route`: "10.0.0.0/16 via 10.0.1.1 dev eth0", "blackhole 10.9.0.0/16".
  [[nodiscard]] std::string str(const std::vector<std::string>& iface_names) const;
};

class RouteTable {
 public:
  RouteTable() = default;
  explicit RouteTable(std::string name) : name_(std::move(name)) {}

  void add(RouteEntry e);
  // Longest-prefix match, or nullptr.
  [[nodiscard]] const RouteEntry* lookup(Ipv4Addr dst) const;
  // Every entry that matches `dst`, best first (for explanations).
  [[nodiscard]] std::vector<const RouteEntry*> matches(Ipv4Addr dst) const;
  [[nodiscard]] const std::vector<RouteEntry>& entries() const { return entries_; }
  [[nodiscard]] const std::string& name() const { return name_; }
  [[nodiscard]] bool empty() const { return entries_.empty(); }
  [[nodiscard]] size_t size() const { return entries_.size(); }

 private:
  std::string name_;
  std::vector<RouteEntry> entries_;
};

// What every route table implementation offers, so tests and benchmarks run
// the reference and the fast ones (Dir248RouteTable) through the same cases.
template <typename T>
concept RouteLookup = requires(T t, const T& ct, RouteEntry e, Ipv4Addr a) {
  t.add(e);
  { ct.lookup(a) } -> std::same_as<const RouteEntry*>;
  { ct.matches(a) } -> std::same_as<std::vector<const RouteEntry*>>;
  { ct.size() } -> std::same_as<size_t>;
};
static_assert(RouteLookup<RouteTable>);

}  // namespace vpcsim::sim
