#include "tools/vpcsim/scenario_runner.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

#include "sim/devices/ip_node.hpp"
#include "sim/devices/l2_switch.hpp"
#include "sim/fabric/fault.hpp"
#include "sim/probes/ping.hpp"
#include "sim/probes/tcp_connect.hpp"
#include "sim/probes/traceroute.hpp"
#include "sim/services/dhcp_boot.hpp"
#include "tools/vpcsim/commands/curl_session.hpp"
#include "tools/vpcsim/dns_probe.hpp"
#include "tools/vpcsim/format/probe_text.hpp"

namespace vpcsim::cli {
namespace {

using topo::ProbeSpec;
using topo::ProbeType;

std::string join(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : sep) + s;
  return out;
}

class Runner {
 public:
  Runner(LoadedTopology& topology, const RunObserver& observer)
      : lowered_(*topology.lowered),
        spec_(topology.spec),
        sim_(std::move(topology.lowered->network)),
        observer_(observer) {}

  ItemOutcome run(size_t index, const topo::ScenarioItem& item) {
    item_ = index;
    const auto* probe = std::get_if<ProbeSpec>(&item);
    std::vector<std::string> applied = apply_steps(
        probe ? probe->steps_before : std::get<topo::TableCheckSpec>(item).steps_before);
    ItemOutcome out = probe ? run_probe(*probe) : run_table(std::get<topo::TableCheckSpec>(item));
    out.faults.insert(out.faults.begin(), applied.begin(), applied.end());
    return out;
  }

 private:
  // ---- faults (docs/faults.md) ----
  static std::string seconds(sim::Duration d) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3fs", double(d.ns) / 1e9);
    return buf;
  }
  sim::Fault fault_of(const topo::StepSpec& step) const {
    std::string error;  // names were checked when the scenario was loaded
    sim::Fault f;
    f.down = step.action == topo::StepAction::Fail;
    if (!step.link.empty()) {
      f.target = sim::FaultTarget::Link;
      f.index = sim::find_link(sim_.network(), step.link, error).value_or(0);
    } else {
      f.target = sim::FaultTarget::Device;
      f.index = sim::find_device(sim_.network(), step.node, error).value_or(0);
    }
    return f;
  }
  bool is_down(const sim::Fault& f) const {
    return f.target == sim::FaultTarget::Link
               ? sim_.network().links()[f.index].down
               : sim_.network().device(sim::DeviceId{f.index}).is_down();
  }
  // Lets `d` of simulated time pass: pending timers (ARP retries) run, entries age.
  void advance(sim::Duration d) {
    if (d.ns <= 0) return;
    const sim::SimTime until = sim_.now() + d;
    for (int attempt = 0; attempt < 2; ++attempt) {
      sim_.set_event_budget(sim::kDefaultProbeEventBudget);
      sim_.schedule(until, [] {});  // so that the clock reaches `until`
      if (sim_.run(until) != sim::RunStatus::BudgetExhausted) return;
      sim_.discard_pending();  // a storm left over from the last probe
    }
  }
  // Scenario steps between items: their effects carry over.
  std::vector<std::string> apply_steps(const std::vector<topo::StepSpec>& steps) {
    std::vector<std::string> applied;
    for (const topo::StepSpec& step : steps) {
      advance(step.at);
      if (step.action == topo::StepAction::Wait) {
        applied.push_back("t=" + seconds(sim_.now() - sim::SimTime{}) + ": waited " +
                          seconds(step.at));
        continue;
      }
      size_t before = sim_.fault_log().size();
      sim_.apply_fault(fault_of(step));
      for (size_t i = before; i < sim_.fault_log().size(); ++i) {
        const sim::NetworkEvent& e = sim_.fault_log()[i];
        applied.push_back("t=" + seconds(e.at - sim::SimTime{}) + ": " + e.text);
      }
    }
    return applied;
  }
  // A probe's own faults: scheduled from its start, undone when it ends.
  struct ScopedFaults {
    sim::SimTime start;
    size_t log_size = 0;
    std::vector<std::pair<sim::Fault, bool>> was_down;  // target, state before the probe
  };
  ScopedFaults start_probe_faults(const ProbeSpec& p) {
    ScopedFaults scoped{sim_.now(), sim_.fault_log().size(), {}};
    for (const topo::StepSpec& step : p.faults) {
      sim::Fault f = fault_of(step);
      sim_.schedule_fault(sim_.now() + step.at, f);
      scoped.was_down.emplace_back(f, is_down(f));
    }
    return scoped;
  }
  void end_probe_faults(const ScopedFaults& scoped, ItemOutcome& out) {
    if (scoped.was_down.empty()) return;
    sim_.cancel_faults();
    for (size_t i = scoped.log_size; i < sim_.fault_log().size(); ++i) {
      const sim::NetworkEvent& e = sim_.fault_log()[i];
      out.faults.push_back("+" + seconds(e.at - scoped.start) + " into the probe: " + e.text);
    }
    size_t before = sim_.fault_log().size();
    for (auto [fault, was_down] : scoped.was_down) {
      if (is_down(fault) == was_down) continue;
      fault.down = was_down;
      sim_.apply_fault(fault);
    }
    for (size_t i = before; i < sim_.fault_log().size(); ++i) {
      out.faults.push_back("after the probe: " + sim_.fault_log()[i].text);
    }
  }

  ItemOutcome run_probe(const ProbeSpec& p) {
    ItemOutcome out;
    out.line = p.loc.line;
    out.type = p.type_name;
    out.from = p.from;
    out.to = p.to;
    out.via = p.via;
    // Connections always have a port: the one written, or the tool's default.
    out.port = p.type == ProbeType::Telnet ? p.port.value_or(23)
               : p.type == ProbeType::Ssh  ? p.port.value_or(22)
                                           : p.port;
    out.expect = p.expect;
    const topo::Endpoint& from = source_endpoint(lowered_, p.from);
    // A curl probe names its target in its URL (resolved by the probe itself, maybe by DNS);
    // a dig probe asks for name=; any other `to` may be a DNS name (docs/dns.md).
    bool named = p.type != ProbeType::Curl && p.type != ProbeType::Dig && is_dns_name(lowered_, p.to);
    sim::Ipv4Addr to = p.type == ProbeType::Curl || p.type == ProbeType::Dig || named
                           ? sim::Ipv4Addr{}
                           : target_address(lowered_, from, p.to);
    ScopedFaults scoped = start_probe_faults(p);
    std::optional<NameLookup> lookup;
    if (named) {
      // ssh -J: the jump host looks the name up (it opens the onward connection).
      const topo::Endpoint& asker =
          p.type == ProbeType::Ssh && !p.via.empty() ? source_endpoint(lowered_, p.via) : from;
      lookup = lookup_name(sim_, spec_, lowered_, asker, p.to, false);
      observe();
      to = lookup->address().value_or(sim::Ipv4Addr{});
    }
    if (lookup && !lookup->address()) {
      record_unresolved(p, *lookup, out);
    } else switch (p.type) {
      case ProbeType::Ping:
        ping(p, from, to, out);
        break;
      case ProbeType::Traceroute:
        traceroute(p, from, to, out);
        break;
      case ProbeType::Telnet:
        check_connection(p, connect(p, from, p.to, to, p.port.value_or(23), out), out);
        break;
      case ProbeType::Ssh:
        ssh(p, from, to, out);
        break;
      case ProbeType::Curl:
        curl(p, from, out);
        break;
      case ProbeType::Dig:
        run_dig_probe(sim_, spec_, lowered_, from, p, out);
        observe();
        break;
    }
    end_probe_faults(scoped, out);
    check_common(p, out);
    out.passed = out.mismatches.empty();
    return out;
  }

  void ping(const ProbeSpec& p, const topo::Endpoint& from, sim::Ipv4Addr to, ItemOutcome& out) {
    sim::PingOptions options;
    if (p.count) options.count = *p.count;
    if (p.ttl) options.ttl = uint8_t(*p.ttl);
    sim::PingResult r = sim::run_ping(sim_, from.device, to, options);
    observe();
    if (!r.reachable()) blame_missing_public_ip(lowered_, from, p.to, r.reason);
    out.label = "ping " + p.from + " -> " + p.to;
    out.result = r.reachable() ? "reachable" : "unreachable";
    out.tool_output = ping_text(r, p.to, options);
    record_reason(r.reason, out);
    std::optional<sim::Ipv4Addr> error_from;
    for (const sim::PingEvent& e : r.events) {
      if (!e.is_reply && !error_from) error_from = e.from;
    }
    check_error_from(p, error_from, out);
    if (p.reply_ttl) {
      auto reply = std::find_if(r.events.begin(), r.events.end(),
                                [](const sim::PingEvent& e) { return e.is_reply; });
      // No reply at all is the verdict's mismatch already (reply-ttl goes with
      // expect="reachable" only): saying it twice would bury the reason.
      if (reply != r.events.end() && reply->ttl != *p.reply_ttl) {
        out.mismatches.push_back("expected reply TTL " + std::to_string(*p.reply_ttl) + ", got " +
                                 std::to_string(reply->ttl));
      }
    }
  }

  void traceroute(const ProbeSpec& p, const topo::Endpoint& from, sim::Ipv4Addr to,
                  ItemOutcome& out) {
    sim::TracerouteOptions options;
    if (p.max_hops) options.max_hops = *p.max_hops;
    if (p.mode == "icmp") options.mode = sim::TracerouteMode::Icmp;
    if (p.mode == "tcp") options.mode = sim::TracerouteMode::Tcp;
    if (p.port) options.port = *p.port;
    if (p.source_port) options.source_port = *p.source_port;
    sim::TracerouteResult r = sim::run_traceroute(sim_, from.device, to, options);
    observe();
    if (!r.reached) blame_missing_public_ip(lowered_, from, p.to, r.reason);
    out.label = "traceroute " + p.from + " -> " + p.to + (p.mode ? " (" + *p.mode + ")" : "");
    out.result = r.reached ? "reachable" : "unreachable";
    out.tool_output = traceroute_text(r, p.to, options.mode);
    record_reason(r.reason, out);
    std::optional<sim::Ipv4Addr> error_from;
    for (const sim::TracerouteHop& hop : r.hops) {
      for (const sim::TracerouteQuery& q : hop.queries) {
        if (!q.marker.empty() && !error_from) error_from = q.from;
      }
    }
    check_error_from(p, error_from, out);
    if (p.hops) {
      std::vector<std::string> actual;
      for (const sim::TracerouteHop& hop : r.hops) {
        std::string addr = "*";
        for (const sim::TracerouteQuery& q : hop.queries) {
          if (q.answered) {
            addr = q.from.str();
            break;
          }
        }
        actual.push_back(addr);
      }
      std::vector<std::string> expected;
      for (const std::string& h : *p.hops) expected.push_back(hop_address(h, from));
      if (actual != expected) {
        out.mismatches.push_back("expected hops [" + join(expected, ", ") + "], got [" +
                                 join(actual, ", ") + "] (" + first_hop_difference(expected, actual) +
                                 ")");
      }
    }
  }

  sim::ConnectResult connect(const ProbeSpec& p, const topo::Endpoint& from,
                             const std::string& to_name, sim::Ipv4Addr to, uint16_t port,
                             ItemOutcome& out) {
    sim::ConnectOptions options;
    if (p.source_port) options.source_port = *p.source_port;
    if (p.ttl) options.ttl = uint8_t(*p.ttl);
    sim::ConnectResult r = sim::run_tcp_connect(sim_, from.device, to, port, options);
    observe();
    if (r.verdict != sim::ConnectVerdict::Open) blame_missing_public_ip(lowered_, from, to_name, r.reason);
    out.label = p.type_name + " " + from.name + " -> " + to_name + ":" + std::to_string(port);
    out.result = std::string(sim::verdict_name(r.verdict));
    out.tool_output += telnet_text(r, to_name);
    record_reason(r.reason, out);
    return r;
  }

  void ssh(const ProbeSpec& p, const topo::Endpoint& from, sim::Ipv4Addr to, ItemOutcome& out) {
    // As `vpcsim ssh`: directly, or (ssh -J) first to the bastion's port 22, then
    // from the bastion onwards, with the target named as the bastion sees it. The
    // scenario's source port is the client's (first leg); the bastion picks its own.
    const uint16_t port = p.port.value_or(22);
    SshSession session{from.name, p.to, p.via, {}};
    auto leg = [&](const topo::Endpoint& leg_from, const std::string& target, sim::Ipv4Addr dst,
                   uint16_t dst_port, const sim::ConnectOptions& options) {
      SshLeg l{leg_from.name, target,
               sim::run_tcp_connect(sim_, leg_from.device, dst, dst_port, options)};
      observe();
      if (l.result.verdict != sim::ConnectVerdict::Open) {
        blame_missing_public_ip(lowered_, leg_from, target, l.result.reason);
      }
      session.legs.push_back(std::move(l));
      return session.legs.back().result.verdict == sim::ConnectVerdict::Open;
    };
    sim::ConnectOptions first;
    if (p.source_port) first.source_port = *p.source_port;
    out.label = "ssh " + from.name + " -> " + p.to + ":" + std::to_string(port);
    if (p.via.empty()) {
      leg(from, p.to, to, port, first);
    } else {
      out.label += " via " + p.via;
      const topo::Endpoint& bastion = source_endpoint(lowered_, p.via);
      if (leg(from, p.via, target_address(lowered_, from, p.via), 22, first)) {
        leg(bastion, p.to,
            is_dns_name(lowered_, p.to) ? to : target_address(lowered_, bastion, p.to), port, {});
      }
    }
    const sim::ConnectResult& last = session.last().result;
    out.result = std::string(sim::verdict_name(last.verdict));
    out.tool_output = ssh_text(session);
    record_reason(last.reason, out);
    // The label names the probe the same way whatever happens (CI reports follow
    // probes by it); where the session stopped belongs to the explanation.
    if (!p.via.empty() && session.legs.size() == 1) {
      out.explanation = "the first leg (" + from.name + " -> " + p.via + ":22) failed" +
                        (out.explanation.empty() ? "" : ": " + out.explanation);
    }
    // served-by / seen-source describe the connection to the target: nobody
    // served it when the session stopped at the bastion.
    const bool reached_target = session.legs.size() == (p.via.empty() ? 1u : 2u);
    check_connection(p, reached_target ? last : sim::ConnectResult{}, out);
  }

  // As `vpcsim curl FROM URL [-H 'Host: …'] [-L]` (tools/vpcsim/commands/curl_session.cpp).
  void curl(const ProbeSpec& p, const topo::Endpoint& from, ItemOutcome& out) {
    CurlRequest request;
    request.url = p.url;
    request.host_header = p.host;
    request.follow = p.follow;
    CurlSession s = run_curl(sim_, spec_, lowered_, from, request, [&](const std::string&) {
      observe();
    });
    out.to = p.url;
    out.label = "curl " + from.name + " " + p.url + (p.host ? " (Host: " + *p.host + ")" : "");
    out.tool_output = curl_text(s, false);
    record_reason(s.reason(), out);
    const CurlExchange* last = s.resolve_error ? nullptr : s.last();
    if (last) out.port = last->url.port;
    out.result = last ? std::string(sim::verdict_name(last->result.verdict)) : "unresolved";
    if (!last || !last->result.response) return;
    const sim::HttpResult& r = last->result;
    if (p.expect_status && r.status() != *p.expect_status) {
      out.mismatches.push_back("expected status " + std::to_string(*p.expect_status) + ", got " +
                               std::to_string(r.status()));
    }
    // Who served it: the target behind a load balancer, or nobody (the load
    // balancer answered itself: a redirect, a fixed response, an error).
    if (p.served_by) {
      std::string actual = r.served_by ? sim_.network().device(*r.served_by).name() : "nobody";
      if (actual != *p.served_by) {
        out.mismatches.push_back("expected the request served by " + *p.served_by + ", got " +
                                 actual);
      }
    }
    if (p.seen_source && r.served_by) {
      std::string expected = address_of(*p.seen_source);
      if (r.seen_source.str() != expected) {
        out.mismatches.push_back("expected the server to see source " + expected + ", got " +
                                 r.seen_source.str());
      }
    }
  }

  void check_connection(const ProbeSpec& p, const sim::ConnectResult& r, ItemOutcome& out) {
    // No listener accepted: the verdict is then not "open", which served-by and
    // seen-source require (the loader checks), so its mismatch already says it all.
    if (!r.served_by) return;
    if (p.served_by) {
      std::string actual = sim_.network().device(*r.served_by).name();
      if (actual != *p.served_by) {
        out.mismatches.push_back("expected the connection served by " + *p.served_by + ", got " +
                                 actual);
      }
    }
    if (p.seen_source) {
      std::string expected = address_of(*p.seen_source);
      std::string actual = r.seen_source.str();
      if (actual != expected) {
        out.mismatches.push_back("expected the listener to see source " + expected + ", got " +
                                 actual);
      }
    }
  }

  void record_reason(const std::optional<sim::ProbeReason>& reason, ItemOutcome& out) {
    if (!reason) return;
    out.reason = std::string(sim::reason_code(reason->reason));
    out.explanation = reason->sentence();
    out.loop = reason->loop;
    if (reason->reason != sim::DropReason::EventBudget) out.drop_device = reason->device;
  }

  void check_error_from(const ProbeSpec& p, std::optional<sim::Ipv4Addr> actual, ItemOutcome& out) {
    if (!p.error_from) return;
    std::string expected = address_of(*p.error_from);
    std::string got = actual ? actual->str() : "no ICMP error";
    if (got != expected) {
      out.mismatches.push_back("expected an ICMP error from " + expected + ", got " + got);
    }
  }

  void check_common(const ProbeSpec& p, ItemOutcome& out) {
    if (out.result != p.expect) {
      // The actual reason goes with the actual result, as on a PASS line, so the
      // one-line summary (FAIL line, JUnit message) already says why.
      out.mismatches.insert(out.mismatches.begin(),
                            "expected " + p.expect + ", got " + out.result +
                                (out.reason ? " [" + *out.reason + "]" : ""));
    }
    if (p.reason && out.reason != p.reason) {
      out.mismatches.push_back("expected reason " + *p.reason + ", got " +
                               out.reason.value_or("none"));
    }
  }

  // Where two hop lists part, in words: "hop 2: expected 10.0.1.20, got *".
  static std::string first_hop_difference(const std::vector<std::string>& expected,
                                          const std::vector<std::string>& actual) {
    size_t i = 0;
    while (i < expected.size() && i < actual.size() && expected[i] == actual[i]) ++i;
    const std::string hop = "hop " + std::to_string(i + 1) + ": ";
    if (i == expected.size()) return hop + "expected the end of the path, got " + actual[i];
    if (i == actual.size()) return hop + "expected " + expected[i] + ", got no more hops";
    return hop + "expected " + expected[i] + ", got " + actual[i];
  }

  // A name in an expectation means that node's address; an address stays as is.
  std::string address_of(const std::string& name_or_ip) const {
    if (sim::Ipv4Addr::parse(name_or_ip)) return name_or_ip;
    const topo::Endpoint* ep = lowered_.endpoint(name_or_ip);
    return ep && !ep->addresses.empty() ? ep->addresses.front().ip.str() : name_or_ip;
  }
  std::string hop_address(const std::string& hop, const topo::Endpoint& from) const {
    if (hop == "*" || sim::Ipv4Addr::parse(hop)) return hop;
    auto ip = lowered_.resolve(from, hop);
    return ip ? ip->str() : hop;
  }

  ItemOutcome run_table(const topo::TableCheckSpec& t) {
    sim::run_dhcp_exchanges(sim_);  // a table read before any probe: after DHCP (docs/dhcp.md)
    ItemOutcome out;
    out.line = t.loc.line;
    out.type = "table";
    out.from = t.node;
    out.expect = (t.has.empty() ? "" : "has " + join(t.has, ",")) +
                 (!t.has.empty() && !t.lacks.empty() ? "; " : "") +
                 (t.lacks.empty() ? "" : "lacks " + join(t.lacks, ","));
    std::set<std::string> present;
    const sim::Device& dev = sim_.network().device(*sim_.network().find(t.node));
    if (t.kind == topo::TableKind::Mac) {
      out.label = "mac table of " + t.node;
      const auto& sw = dynamic_cast<const sim::L2Switch&>(dev);
      std::set<uint64_t> macs;
      for (const auto& e : sw.mac_table().entries(sim_.now())) macs.insert(e.mac.v);
      for (const std::string& name : listed(t)) {
        if (node_has_mac_in(name, macs)) present.insert(name);
      }
      std::vector<std::string> learned;
      for (const auto& e : sw.mac_table().entries(sim_.now())) {
        learned.push_back(e.mac.str() + " (" + owner_of_mac(e.mac) + ") on " +
                          sw.ports()[e.port].name);
      }
      out.result = learned.empty() ? "empty" : join(learned, ", ");
    } else {
      out.label = "arp cache of " + t.node;
      const auto& node = dynamic_cast<const sim::IpNode&>(dev);
      std::vector<std::string> resolved;
      for (const auto& e : node.arp().entries(sim_.now())) {
        present.insert(e.ip.str());
        resolved.push_back(e.ip.str() + " at " + e.mac.str());
      }
      out.result = resolved.empty() ? "empty" : join(resolved, ", ");
    }
    for (const std::string& want : t.has) {
      if (!present.count(want))
        out.mismatches.push_back("expected " + want + " in the " + out.label +
                                 ", but it is not there");
    }
    for (const std::string& unwanted : t.lacks) {
      if (present.count(unwanted))
        out.mismatches.push_back("expected no " + unwanted + " in the " + out.label +
                                 ", but it is there");
    }
    out.passed = out.mismatches.empty();
    out.tool_output = out.label + ": " + out.result + "\n";
    return out;
  }

  static std::vector<std::string> listed(const topo::TableCheckSpec& t) {
    std::vector<std::string> all = t.has;
    all.insert(all.end(), t.lacks.begin(), t.lacks.end());
    return all;
  }
  bool node_has_mac_in(const std::string& name, const std::set<uint64_t>& macs) const {
    auto id = sim_.network().find(name);
    if (!id) return false;
    const auto* node = dynamic_cast<const sim::IpNode*>(&sim_.network().device(*id));
    if (!node) return false;
    for (const sim::IpInterface& i : node->interfaces()) {
      if (macs.count(i.mac.v)) return true;
    }
    return false;
  }
  std::string owner_of_mac(sim::MacAddr mac) const {
    for (size_t d = 0; d < sim_.network().device_count(); ++d) {
      const auto* node =
          dynamic_cast<const sim::IpNode*>(&sim_.network().device(sim::DeviceId{uint32_t(d)}));
      if (!node) continue;
      for (const sim::IpInterface& i : node->interfaces()) {
        if (i.mac == mac) return node->name() + ":" + i.name;
      }
    }
    return "?";
  }

  void observe() {
    if (observer_) observer_(item_, sim_);
  }

  const topo::LoweredTopology& lowered_;
  const topo::TopologySpec& spec_;  // curl probes look names up in its DNS zones
  sim::Simulation sim_;
  const RunObserver& observer_;
  size_t item_ = 0;
};

}  // namespace

int ScenarioOutcome::passed() const {
  return int(
      std::count_if(items.begin(), items.end(), [](const ItemOutcome& o) { return o.passed; }));
}
int ScenarioOutcome::failed() const { return int(items.size()) - passed(); }

ScenarioOutcome run_scenario(const topo::ScenarioSpec& scenario, LoadedTopology& topology,
                             const RunObserver& observer) {
  ScenarioOutcome out{scenario.name, scenario.file, {}};
  Runner runner(topology, observer);
  for (size_t i = 0; i < scenario.items.size(); ++i) {
    out.items.push_back(runner.run(i, scenario.items[i]));
  }
  return out;
}

}  // namespace vpcsim::cli
