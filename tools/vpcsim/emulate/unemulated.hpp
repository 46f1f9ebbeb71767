#pragma once
// What of a topology `vpcsim emulate` does not build, said as notes of the
// plan (printed by `emulate` on stderr and by `--dry-run` as `# note:` lines):
// DNS servers and zones, DHCP servers (an interface with ip="dhcp" gets its
// planned lease as a static address, or none), load balancers. The emulation
// still builds everything else, so that `vpcsim crosscheck` compares the
// probes it can run (it skips dig and curl probes, and probes aimed at a load
// balancer). Written defensively: a feature added to the topology later and
// not listed here is simply absent from the emulation.
#include "tools/vpcsim/emulate/plan_builder.hpp"
#include "topology/spec.hpp"

namespace vpcsim::emulate {

void note_unemulated(PlanBuilder& plan, const topo::TopologySpec& topology);

// Whether an interface has an address to configure: not one of ip="dhcp"
// whose planned lease failed (no server, pool exhausted, a race).
[[nodiscard]] bool has_static_address(const topo::InterfaceSpec& interface);

}  // namespace vpcsim::emulate
