#pragma once
// The tables a device holds, printed as the Linux tools print them, for
// `vpcsim show`: the ARP cache like `ip neigh`, a switch's MAC table like
// `bridge fdb`, routes like `ip route` (a VPC router: one AWS route table per
// table, with the subnets using it and each route's target), and NAT like
// `conntrack -L` (an internet gateway: its 1:1 elastic IP mappings). Each
// starts with a title line "NODE WHAT (tool style):" and lists its entries
// indented by two spaces, "(empty)" when there are none.
// Tables are read at the simulation's current time (entries that aged out are
// not shown). Returns "" when the device has no such table.
#include <string>

#include "sim/core/simulation.hpp"

namespace vpcsim::cli {

[[nodiscard]] std::string arp_table_text(const sim::Simulation& sim, sim::DeviceId device);
[[nodiscard]] std::string mac_table_text(const sim::Simulation& sim, sim::DeviceId device);
[[nodiscard]] std::string routes_text(const sim::Simulation& sim, sim::DeviceId device);
[[nodiscard]] std::string nat_table_text(const sim::Simulation& sim, sim::DeviceId device);

}  // namespace vpcsim::cli
