#pragma once
// Shared by the reach tests: plans loaded through the real loader, validator and
// lowering, and the reference the engine is held to: every probe on a network
// lowered afresh for it alone, exactly as `vpcsim ping -c 3` or `vpcsim telnet`
// would run it on its own.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "sim/probes/ping.hpp"
#include "sim/probes/tcp_connect.hpp"
#include "tools/vpcsim/cli_common.hpp"
#include "tools/vpcsim/reach/reach_engine.hpp"
#include "topology/validate.hpp"
#include "topology/xml_loader.hpp"

namespace vpcsim::test {

// A plan from XML text; fails the test (and returns nullptr) when it has errors.
inline std::unique_ptr<cli::LoadedTopology> load_plan(const std::string& xml,
                                                      const std::string& label = "plan.xml") {
  topo::Diagnostics diags;
  auto spec = topo::load_topology_string(xml, label, diags);
  if (spec && !diags.has_errors()) diags.append(topo::validate(*spec));
  if (!spec || diags.has_errors()) {
    ADD_FAILURE() << "plan does not validate:\n" << diags.render() << "\n" << xml;
    return nullptr;
  }
  auto out = std::make_unique<cli::LoadedTopology>();
  out->spec = std::move(*spec);
  out->lowered = std::make_unique<topo::LoweredTopology>(topo::lower(out->spec));
  return out;
}

// The verdict of one probe run alone on a freshly lowered network: a ping of
// three requests (reachable when any is answered), or one TCP connect.
inline cli::ProbeOutcome reference_probe(const topo::TopologySpec& spec, const std::string& from,
                                         const std::string& to, cli::ProbeKey key) {
  topo::LoweredTopology t = topo::lower(spec);
  const topo::Endpoint& src = *t.endpoint(from);
  const sim::Ipv4Addr dst = cli::target_address(t, src, to);
  sim::Simulation sim(std::move(t.network));
  cli::ProbeOutcome out;
  std::optional<sim::ProbeReason> reason;
  if (key.proto == cli::ProbeProto::Icmp) {
    sim::PingResult r = sim::run_ping(sim, src.device, dst, sim::PingOptions{});
    out.result = r.reachable() ? cli::ReachResult::Reachable : cli::ReachResult::Unreachable;
    if (!r.reachable()) reason = r.reason;
  } else {
    sim::ConnectResult r = sim::run_tcp_connect(sim, src.device, dst, key.port, {});
    out.result = r.verdict == sim::ConnectVerdict::Open      ? cli::ReachResult::Open
                 : r.verdict == sim::ConnectVerdict::Refused ? cli::ReachResult::Refused
                 : r.verdict == sim::ConnectVerdict::Timeout ? cli::ReachResult::Timeout
                                                             : cli::ReachResult::ConnUnreachable;
    if (r.verdict != sim::ConnectVerdict::Open) reason = r.reason;
  }
  if (!cli::result_ok(out.result)) {
    cli::blame_missing_public_ip(t, src, to, reason);
    if (reason) {
      out.reason = reason->reason;
      out.explanation = reason->sentence();
    }
  }
  return out;
}

// Every row of `m` (names, addresses, columns, verdicts) as text, one probe a
// line, so two matrices compare with a readable diff.
inline std::string rows_text(const cli::ReachMatrix& m) {
  std::string out;
  m.for_each_row([&](const cli::ReachMatrix::Row& r) {
    for (size_t c = 0; c < r.cells.size(); ++c) {
      out += r.from.name + " " + r.from_ip.str() + " -> " + r.to.name + " " + r.to_ip.str() + " " +
             r.to.columns[c].label() + ": " + r.cells[c].verdict_text() +
             (r.cells[c].reason ? " " + std::string(sim::name(*r.cells[c].reason)) : "") + "\n";
    }
  });
  return out;
}

}  // namespace vpcsim::test
