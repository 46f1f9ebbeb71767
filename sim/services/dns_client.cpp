#include "sim/services/dns_client.hpp"

#include <variant>

#include "sim/core/check.hpp"
#include "sim/services/dns_server.hpp"
#include "sim/services/dns_socket.hpp"

namespace vpcsim::sim {

std::vector<DnsRecord> DnsQueryResult::records() const {
  std::vector<DnsRecord> out;
  if (!response) return out;
  for (const DnsRecord& r : response->answers) {
    if (r.type == qtype) out.push_back(r);
  }
  return out;
}

std::vector<Ipv4Addr> DnsQueryResult::addresses() const {
  std::vector<Ipv4Addr> out;
  if (!response) return out;
  for (const DnsRecord& r : response->answers) {
    if (r.type == dns_type::kA) out.push_back(r.a);
  }
  return out;
}

namespace {

// The reason a server gave in the journey (its Local steps), as a ProbeReason.
ProbeReason answer_reason(const Simulation& sim, uint32_t flow, DropReason why,
                          const std::string& fallback) {
  ProbeReason r;
  r.reason = why;
  r.detail = fallback;
  for (const Hop& hop : sim.journey().hops()) {
    if (hop.packet.flow != flow) continue;
    for (const Step& s : hop.steps) {
      if (s.kind != StepKind::Local || s.object.empty()) continue;
      bool matches = (why == DropReason::DnsNxdomain && s.detail.ends_with("NXDOMAIN")) ||
                     (why == DropReason::DnsNodata && s.detail.ends_with("(NODATA)")) ||
                     (why == DropReason::DnsCnameLoop && s.detail.starts_with("CNAME loop"));
      if (!matches) continue;
      r.device = hop.device;
      r.device_name = sim.network().device(hop.device).name();
      r.detail = s.detail;
      r.object = s.object;
    }
  }
  return r;
}

}  // namespace

DnsQueryResult run_dns_query(Simulation& sim, DeviceId from, Ipv4Addr server,
                             const std::string& name, uint16_t qtype,
                             const DnsQueryOptions& options) {
  IpNode* node = as_ip_node(sim, from);
  VPCSIM_CHECK(node != nullptr, "DNS query from a device that is not an IP node");
  ProbeRun run(sim, options.event_budget);
  DnsQueryResult result;
  result.flow = run.flow;
  result.server = server;
  result.question = dns_absolute(name);
  result.qtype = qtype;
  result.src = node->source_for(server).value_or(Ipv4Addr{});
  result.src_port = options.source_port ? *options.source_port : node->next_ephemeral_port();
  // dig picks a random id; a fixed function of the flow keeps runs reproducible.
  uint16_t id = options.id ? options.id : uint16_t(0x1000 + run.flow * 7919);
  bool answered = false;
  result.sent = sim.now();
  DnsSocket& socket = DnsSocket::of(*node);
  socket.open(result.src_port);

  sim.set_app_sink([&](DeviceId dev, const Packet& pkt) {
    if (pkt.flow != run.flow || dev != from || answered) return;
    if (pkt.is_udp()) {
      const AppPayload* p = sim.app_payloads().get(pkt.app);
      const DnsMessage* m = p ? std::get_if<DnsMessage>(p) : nullptr;
      if (!m || !m->response || m->id != id) return;
      answered = true;
      result.verdict = DnsVerdict::Answered;
      result.response = *m;
    } else if (pkt.is_icmp_error()) {
      answered = true;
      bool refused =
          pkt.icmp.type == icmp::kDestUnreachable && pkt.icmp.code == icmp::kPortUnreachable;
      result.verdict = refused ? DnsVerdict::Refused : DnsVerdict::Unreachable;
      result.error_from = pkt.ip.src;
    } else {
      return;
    }
    result.rtt = sim.now() - result.sent;
  });

  sim.schedule(sim.now(), [&] {
    result.sent = sim.now();
    DnsMessage query;
    query.id = id;
    query.question = result.question;
    query.qtype = qtype;
    Packet pkt;
    pkt.id = sim.next_packet_id();
    pkt.flow = run.flow;
    pkt.ip = Ipv4Header{result.src, server, 64, IpProto::Udp, 1};
    pkt.udp = UdpHeader{result.src_port, kDnsPort};
    pkt.payload_bytes = uint32_t(wire_bytes(query).size());
    pkt.app = sim.app_payloads().put(std::move(query));
    std::optional<IpNode::SendError> error;
    sim.act_as(from, [&](Context& ctx) { error = node->send(ctx, pkt); });
    if (error) result.local_error = "Network is unreachable";
  });
  run.run_until(sim.now() + options.timeout);
  socket.close(result.src_port);
  if (run.budget_exhausted) {
    result.reason = budget_reason(sim, options.event_budget);
  } else if (result.verdict == DnsVerdict::Answered) {
    const DnsMessage& m = *result.response;
    if (m.rcode == dns_rcode::kNxDomain) {
      result.reason = answer_reason(sim, run.flow, DropReason::DnsNxdomain,
                                    result.question + " does not exist (NXDOMAIN)");
    } else if (m.rcode == dns_rcode::kServFail) {
      result.reason =
          answer_reason(sim, run.flow, DropReason::DnsCnameLoop, "the server failed (SERVFAIL)");
    } else if (result.records().empty()) {
      result.reason =
          answer_reason(sim, run.flow, DropReason::DnsNodata,
                        result.question + " has no " + dns_type_name(qtype) + " record (NODATA)");
    }
  } else {
    if (result.local_error) result.verdict = DnsVerdict::Unreachable;
    result.reason = decisive_drop(sim, run.flow);
    if (!result.reason && result.verdict == DnsVerdict::Timeout) {
      ProbeReason r;
      r.reason = DropReason::DnsTimeout;
      r.detail = "no answer from " + server.str() + " within the timeout";
      result.reason = r;
    }
  }
  return result;
}

}  // namespace vpcsim::sim
