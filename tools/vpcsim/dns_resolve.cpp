#include "tools/vpcsim/dns_resolve.hpp"

#include <iostream>

#include "tools/vpcsim/cli_common.hpp"

#include "tools/vpcsim/format/dns_text.hpp"
#include "tools/vpcsim/format/journey_text.hpp"
#include "tools/vpcsim/format/probe_json.hpp"
#include "topology/dns_loader.hpp"
#include "topology/dns_lower.hpp"

namespace vpcsim::cli {

bool is_dns_name(const topo::LoweredTopology& t, const std::string& to) {
  if (t.endpoint(to) || sim::Ipv4Addr::parse(to)) return false;
  if (to.find('.') == std::string::npos) return false;
  return !topo::dns_name_problem(to, false);
}

std::optional<sim::Ipv4Addr> NameLookup::address() const {
  if (query.reason) return std::nullopt;
  auto all = query.addresses();
  if (all.empty()) return std::nullopt;
  return all.front();
}

std::string NameLookup::gai_error() const {
  if (!query.reason) return "";
  switch (query.reason->reason) {
    case sim::DropReason::DnsNxdomain:
      return "Name or service not known";
    case sim::DropReason::DnsNodata:
      return "No address associated with hostname";
    default:
      return "Temporary failure in name resolution";
  }
}

nlohmann::ordered_json NameLookup::json() const {
  nlohmann::ordered_json j;
  j["name"] = name;
  j["server"] = asked ? nlohmann::ordered_json(query.server.str()) : nlohmann::ordered_json();
  j["resolver"] = resolver_label;
  j["status"] = asked ? dns_status(query) : "no-resolver";
  nlohmann::ordered_json addresses = nlohmann::ordered_json::array();
  for (const sim::Ipv4Addr& a : query.addresses()) addresses.push_back(a.str());
  j["addresses"] = addresses;
  j["reason"] = reason_json(query.reason);
  if (!journey.is_null()) j["journey"] = journey;
  return j;
}

NameLookup lookup_name(sim::Simulation& sim, const topo::TopologySpec& spec,
                       const topo::LoweredTopology& t, const topo::Endpoint& from,
                       const std::string& name, bool keep_journey) {
  NameLookup out;
  out.name = name;
  out.query.question = sim::dns_absolute(name);
  std::string why;
  auto resolver = topo::resolver_of(spec, t, from, &why);
  if (!resolver) {
    sim::ProbeReason r;
    r.reason = sim::DropReason::DnsNoResolver;
    r.device = from.device;
    r.device_name = from.name;
    r.detail = why;
    out.query.reason = r;
    return out;
  }
  out.asked = true;
  out.resolver_label = resolver->label;
  out.query = sim::run_dns_query(sim, from.device, resolver->ip, name, sim::dns_type::kA);
  if (keep_journey) {
    out.explanation = explain_text(sim);
    out.journey = journey_json(sim);
  }
  return out;
}

}  // namespace vpcsim::cli

namespace vpcsim::cli {

std::string lookup_failure_text(const std::string& tool, const NameLookup& lookup, uint16_t port) {
  const std::string err = lookup.gai_error();
  if (tool == "telnet") {
    return "telnet: could not resolve " + lookup.name + "/" + std::to_string(port) + ": " + err;
  }
  if (tool == "ssh") return "ssh: Could not resolve hostname " + lookup.name + ": " + err;
  if (tool == "traceroute") {
    return lookup.name + ": " + err + "\nCannot handle \"host\" cmdline arg `" + lookup.name +
           "' on position 1 (argc 1)";
  }
  if (tool == "curl") return "curl: (6) Could not resolve host: " + lookup.name;
  return tool + ": " + lookup.name + ": " + err;
}

void fail_lookup(const std::string& tool, const NameLookup& lookup, bool json, bool explain,
                 uint16_t port) {
  if (json) {
    nlohmann::ordered_json j;
    j["tool"] = tool;
    j["to"] = lookup.name;
    j["result"] = "unresolved";
    j["lookup"] = lookup.json();
    std::cout << j.dump(2) << "\n";
  } else if (explain) {
    std::cout << lookup_explanation(lookup);
  }
  std::cout.flush();
  std::cerr << lookup_failure_text(tool, lookup, port) << "\n";
  if (lookup.query.reason) {
    std::cerr << "why: " << dns_why(*lookup.query.reason) << " ["
              << sim::reason_code(lookup.query.reason->reason) << "]\n";
  }
  throw InputRejected("name lookup failed");
}

std::string lookup_explanation(const NameLookup& lookup) {
  std::string out = "Name lookup: " + lookup.name;
  if (auto a = lookup.address()) {
    out += " -> " + a->str();
  } else {
    out += " failed";
  }
  if (lookup.asked) {
    out += ", asked of the " + lookup.resolver_label + " (" + lookup.query.server.str() + ")";
  }
  out += "\n";
  if (!lookup.explanation.empty()) out += lookup.explanation + "\n";
  return out;
}

}  // namespace vpcsim::cli
