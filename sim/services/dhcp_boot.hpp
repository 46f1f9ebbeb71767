#pragma once
// DHCP at boot: before the first probe of a simulation, every DHCP client of
// the network (Network::dhcp_clients: the LANs' in document order, then VPC
// instances, VPC by VPC, as lowering adds them) runs its exchange with its
// server, one client after the other, each to its end (bound, or given up), so
// that servers hand out addresses in document order, as the lease plan
// (topology/dhcp_leases.hpp) predicted. The exchanges are real
// frames: switches learn the clients' MACs from them, and the first probe's
// journey shows them. Runs once (the list is emptied).
#include "sim/core/simulation.hpp"

namespace vpcsim::sim {

// Does nothing when the network has no DHCP client (or they already ran).
void run_dhcp_exchanges(Simulation& sim);

}  // namespace vpcsim::sim
