#pragma once
// Semantic checks of the DNS part of a topology (docs/dns.md): private-to=
// names a VPC, alias= names a node, a zone is defined once per scope, a CNAME
// stands alone at its name and never at the apex, identical records repeat
// (a warning), and a host's resolver= is an address where a <dns-server/> runs.
#include "topology/diagnostics.hpp"
#include "topology/spec.hpp"

namespace vpcsim::topo {

void validate_dns(const TopologySpec& spec, Diagnostics& diags);

}  // namespace vpcsim::topo
