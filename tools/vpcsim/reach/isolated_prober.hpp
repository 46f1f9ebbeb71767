#pragma once
// IsolatedProber: runs probes one at a time on its own copy of a lowered network,
// each as if it were the first probe ever sent: empty ARP caches and MAC tables,
// no tracked connections or NAT entries, ephemeral ports from 32768, time 0. So a
// probe's answer never depends on which probes ran before it, or on which thread
// ran it (vpcsim reach runs one prober per thread).
//
// How: each probe runs in a new Simulation that borrows the network; afterwards
// only the devices the probe touched (every device of its journey, plus the
// source) are told to `reset_state`, and links with a bandwidth get their queues
// emptied. A probe touches tens of devices, so this costs far less than
// rebuilding a network of thousands.
//
// A probe is a ping (one echo request) or a TCP connect (as telnet), aimed at the
// target as the source names it (split horizon), with the missing-public-IP
// diagnosis of the probe commands.
#include <cstdint>
#include <vector>

#include "sim/core/simulation.hpp"
#include "sim/net/ipv4_addr.hpp"
#include "tools/vpcsim/reach/probe_outcome.hpp"
#include "topology/lower.hpp"
#include "topology/spec.hpp"

namespace vpcsim::cli {

class IsolatedProber {
 public:
  // Lowers `spec` (validated) into the prober's own network.
  explicit IsolatedProber(const topo::TopologySpec& spec);

  struct Run {
    ProbeOutcome outcome;
    sim::Ipv4Addr src;  // the source address used (0.0.0.0 when nothing could be sent)
    sim::Ipv4Addr dst;  // the target's address as `from` names it
  };
  // One probe from the endpoint named `from` to the one named `to` (both must be
  // endpoints of this prober's topology). `explain`: fill outcome.explanation.
  [[nodiscard]] Run run(const topo::Endpoint& from, const topo::Endpoint& to, ProbeKey probe,
                        bool explain);

  [[nodiscard]] const topo::LoweredTopology& topology() const { return lowered_; }

 private:
  void run_probe(sim::Simulation& sim, const topo::Endpoint& from, const topo::Endpoint& to,
                 ProbeKey probe, bool explain, Run& out);
  void note_touched(const sim::Journey& journey, sim::DeviceId source);
  void reset_touched();

  topo::LoweredTopology lowered_;
  std::vector<uint32_t> timed_links_;  // links with a bandwidth: they keep a busy-until time
  std::vector<uint8_t> touched_mark_;  // per device, scratch for reset_touched
  std::vector<sim::DeviceId> touched_;
};

}  // namespace vpcsim::cli
