#pragma once
// DHCP in topology files (docs/dhcp.md): `ip="dhcp"` on a host's interface (or
// an instance), `<dhcp-server interface= pool="A-B" gateway=? dns=? lease=?/>`
// on a host or router. The lease each client will get is planned when the file
// is loaded (topology/dhcp_leases.hpp), so that everything that needs the
// address before a run (lowering, show, reach, names in probes) has it.
#include <cstdint>
#include <optional>
#include <string>

#include "sim/core/time.hpp"
#include "sim/net/ipv4_addr.hpp"
#include "topology/source_loc.hpp"

namespace vpcsim::topo {

struct DhcpServerSpec {
  SourceLoc loc;
  std::string interface;  // the interface it serves (its segment)
  sim::Ipv4Addr pool_first, pool_last;
  std::optional<sim::Ipv4Addr> gateway;  // option 3 (router)
  std::optional<sim::Ipv4Addr> dns;      // option 6
  uint32_t lease_seconds = 3600;         // option 51: lease= (1h)
};

// What the lease plan found for one ip="dhcp" interface.
struct DhcpLeasePlan {
  enum class Status : uint8_t {
    NoServer,       // no <dhcp-server> on its segment
    Leased,         // addr and gateway of the interface hold the lease
    PoolExhausted,  // its server's pool ran out before this client's turn
    Competing,      // several servers on its segment: which answers first is a race
  };
  Status status = Status::NoServer;
  std::string server;            // the serving node's name
  std::string server_interface;  // and interface
  SourceLoc server_loc;          // of its <dhcp-server>
  bool gateway_written = false;  // gateway= was given too (the server's option 3 decides)
};

}  // namespace vpcsim::topo
