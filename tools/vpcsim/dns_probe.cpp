#include "tools/vpcsim/dns_probe.hpp"

#include <algorithm>

#include "sim/services/dns_client.hpp"
#include "tools/vpcsim/cli_common.hpp"
#include "tools/vpcsim/format/dns_text.hpp"
#include "topology/dns_lower.hpp"

namespace vpcsim::cli {
namespace {

std::string join(const std::vector<std::string>& items) {
  std::string s;
  for (const std::string& i : items) s += (s.empty() ? "" : ", ") + i;
  return s;
}

std::string without_dot(std::string s) {
  if (s.ends_with('.')) s.pop_back();
  return s;
}

std::string dig_result(const sim::DnsQueryResult& r) {
  switch (r.verdict) {
    case sim::DnsVerdict::Answered:
      if (r.response->rcode == sim::dns_rcode::kNxDomain) return "nxdomain";
      if (r.response->rcode != sim::dns_rcode::kNoError) return "servfail";
      return r.records().empty() ? "nodata" : "noerror";
    case sim::DnsVerdict::Refused:
      return "refused";
    case sim::DnsVerdict::Unreachable:
      return "unreachable";
    case sim::DnsVerdict::Timeout:
      return "timeout";
  }
  return "timeout";
}

void record_reason(const std::optional<sim::ProbeReason>& reason, ItemOutcome& out) {
  if (!reason) return;
  out.reason = std::string(sim::reason_code(reason->reason));
  out.explanation = dns_why(*reason);
  if (reason->reason != sim::DropReason::EventBudget) out.drop_device = reason->device;
}

}  // namespace

void record_unresolved(const topo::ProbeSpec& p, const NameLookup& lookup, ItemOutcome& out) {
  out.label = p.type_name + " " + p.from + " -> " + p.to;
  out.result = "unresolved";
  out.tool_output = lookup_failure_text(p.type_name, lookup, out.port.value_or(0)) + "\n";
  record_reason(lookup.query.reason, out);
  out.explanation = "name lookup of " + p.to + " failed: " + out.explanation;
}

void run_dig_probe(sim::Simulation& sim, const topo::TopologySpec& spec,
                   const topo::LoweredTopology& t, const topo::Endpoint& from,
                   const topo::ProbeSpec& p, ItemOutcome& out) {
  out.to = p.dns_name;
  std::string type = sim::dns_type_name(p.record_type);
  out.label = "dig " + from.name + " " + p.dns_name + (type == "A" ? "" : " " + type);
  sim::Ipv4Addr server;
  if (!p.dns_server.empty()) {
    server = target_address(t, from, p.dns_server);
    out.label += " @" + p.dns_server;
  } else {
    std::string why;
    auto resolver = topo::resolver_of(spec, t, from, &why);
    if (!resolver) {
      out.result = "timeout";
      out.reason = "no-resolver";
      out.explanation = why;
      return;
    }
    server = resolver->ip;
  }
  sim::DnsQueryResult r = sim::run_dns_query(sim, from.device, server, p.dns_name, p.record_type);
  out.result = dig_result(r);
  DigOptions options;
  if (!p.dns_server.empty()) options.server_arg = "@" + p.dns_server;
  out.tool_output = dig_text(r, options);
  record_reason(r.reason, out);
  if (p.answer && out.result == "noerror") {
    std::vector<std::string> expected = *p.answer, actual;
    for (const sim::DnsRecord& rec : r.records()) actual.push_back(without_dot(rec.rdata_text()));
    std::sort(expected.begin(), expected.end());
    std::sort(actual.begin(), actual.end());
    if (expected != actual) {
      out.mismatches.push_back("expected answer [" + join(expected) + "], got [" + join(actual) +
                               "]");
    }
  }
}

}  // namespace vpcsim::cli
