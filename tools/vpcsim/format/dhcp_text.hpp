#pragma once
// DHCP leases as the real daemons write them (docs/dhcp.md), for `vpcsim show
// NODE --leases`: a server's as dhcpd.leases(5) entries (ISC dhcpd), a client's
// as a dhclient.leases(5) entry (ISC dhclient), AWS's DHCP service of a VPC
// (on its router, VPC:router) like a server, all after the exchanges that ran
// before the first probe.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "sim/core/simulation.hpp"

namespace vpcsim::cli {

// "" when `device` is neither a DHCP server nor a DHCP client.
[[nodiscard]] std::string dhcp_leases_text(const sim::Simulation& sim, sim::DeviceId device);

// The DHCP message `pkt` carries, for a journey's JSON: {"type": "ACK", "xid",
// "client_mac", "your_ip", "server_id", "lease_seconds", "subnet_mask", "router",
// "dns", "requested_ip", "host_name", "domain_name"} (absent options null);
// nullopt for any other packet.
[[nodiscard]] std::optional<nlohmann::ordered_json> dhcp_json(const sim::Simulation& sim,
                                                              const sim::Packet& pkt);

}  // namespace vpcsim::cli
