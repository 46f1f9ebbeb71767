#pragma once
// The lease plan: which address each ip="dhcp" interface will get, computed
// from the file alone, the same way the simulated servers hand them out
// (sim/services/dhcp_server.hpp): clients are served in document order, each
// the lowest address of its server's pool that no earlier client took. A
// client's server is the <dhcp-server> on its L2 segment (the interfaces that
// switches, hubs and direct links join; DHCP does not cross routers, as vpcsim
// models no relay). Run right after loading, so that validation, lowering and
// every command see the planned addresses; the simulation checks that its
// exchanges give the same ones.
#include <cstddef>
#include <optional>
#include <vector>

#include "topology/spec.hpp"

namespace vpcsim::topo {

// Fills addr and gateway (DHCP option 3) of every ip="dhcp" interface that gets
// a lease and records in InterfaceSpec::dhcp what happened to each one.
// Tolerates unresolved names (validate reports them).
void plan_dhcp_leases(TopologySpec& spec);

// The L2 segments of a classic network: every host or router interface that a
// chain of links, switches and hubs joins is on the same segment.
class L2Segments {
 public:
  explicit L2Segments(const NetworkSpec& net);
  // The segment of interface `iface` of node `node` (indexes in the spec);
  // nullopt when no link attaches it.
  [[nodiscard]] std::optional<size_t> of(size_t node, size_t iface) const;

 private:
  size_t find(size_t v) const;
  std::vector<size_t> first_vertex_;  // per node: its first vertex (one per interface, or one)
  mutable std::vector<size_t> parent_;
  std::vector<bool> linked_;
};

}  // namespace vpcsim::topo
