#pragma once
// DNS in scenario files (docs/dns.md): dig probes, and probes whose target is a
// DNS name that did not resolve. Results of a dig probe: noerror (records of the
// type asked came back), nxdomain, nodata, servfail, timeout, refused,
// unreachable. A ping/traceroute/telnet/ssh whose name does not resolve is
// "unresolved", with the lookup's reason (nxdomain, nodata, cname-loop,
// no-resolver, dns-timeout, or whatever dropped the query: security-group...).
#include "sim/core/simulation.hpp"
#include "tools/vpcsim/dns_resolve.hpp"
#include "tools/vpcsim/scenario_runner.hpp"
#include "topology/lower.hpp"
#include "topology/scenario_spec.hpp"

namespace vpcsim::cli {

void record_unresolved(const topo::ProbeSpec& p, const NameLookup& lookup, ItemOutcome& out);

// Runs the dig probe `p` from `from` and fills `out` (result, reason, tool
// output, mismatches of answer=; the caller compares expect= and reason=).
void run_dig_probe(sim::Simulation& sim, const topo::TopologySpec& spec,
                   const topo::LoweredTopology& t, const topo::Endpoint& from,
                   const topo::ProbeSpec& p, ItemOutcome& out);

}  // namespace vpcsim::cli
