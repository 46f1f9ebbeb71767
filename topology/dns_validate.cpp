#include "topology/dns_validate.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "sim/services/dns_message.hpp"
#include "topology/validate.hpp"

namespace vpcsim::topo {
namespace {

std::string q(std::string_view s) { return "'" + std::string(s) + "'"; }

std::vector<std::string> name_notes(std::string_view wrong, std::string_view what,
                                    const std::vector<std::string>& known) {
  std::vector<std::string> notes;
  if (auto near = closest_name(wrong, known)) notes.push_back("did you mean " + q(*near) + "?");
  notes.push_back(known_names_note(what, known));
  return notes;
}

// Nodes an alias may name: whatever has an address a probe can aim at.
std::vector<std::string> alias_targets(const TopologySpec& spec) {
  std::vector<std::string> names;
  for (const NetworkSpec& net : spec.networks) {
    for (const NodeSpec& n : net.nodes) {
      if (n.kind == NodeKind::Host || n.kind == NodeKind::Router) names.push_back(n.name);
    }
  }
  if (spec.internet) {
    for (const InternetHostSpec& h : spec.internet->hosts) names.push_back(h.name);
  }
  for (const VpcSpec& vpc : spec.vpcs) {
    for (const InstanceSpec& i : vpc.instances) names.push_back(i.name);
    for (const NatGatewaySpec& n : vpc.nat_gateways) names.push_back(n.name);
  }
  return names;
}

void check_records(const DnsZoneSpec& z, const std::vector<std::string>& targets,
                   Diagnostics& diags) {
  // Owner name (lower case, absolute) -> the records at it, in file order.
  std::map<std::string, std::vector<const DnsRecordSpec*>> by_owner;
  for (const DnsRecordSpec& r : z.records) {
    std::string owner =
        r.name == "@" ? sim::dns_absolute(z.name) : sim::dns_absolute(r.name + "." + z.name);
    by_owner[owner].push_back(&r);
    const std::string who = "record " + q(r.name) + " of dns-zone " + q(z.name);
    if (!r.alias.empty() && std::find(targets.begin(), targets.end(), r.alias) == targets.end()) {
      diags.error(r.loc, "unknown-alias-target", who + ": alias names no node " + q(r.alias),
                  name_notes(r.alias, "nodes with an address", targets));
    }
    if (r.type == sim::dns_type::kCname && r.name == "@") {
      diags.error(r.loc, "cname-at-apex",
                  who +
                      ": a CNAME cannot be at the zone apex (the apex holds the zone's SOA "
                      "and NS records)",
                  {"use an A record with alias=\"NODE\" at '@', as Route 53's alias records do"});
    }
  }
  for (const auto& [owner, records] : by_owner) {
    const DnsRecordSpec* cname = nullptr;
    for (const DnsRecordSpec* r : records) {
      if (r->type == sim::dns_type::kCname && !cname) cname = r;
    }
    for (size_t i = 0; i < records.size(); ++i) {
      const DnsRecordSpec& r = *records[i];
      const std::string who = "record " + q(r.name) + " of dns-zone " + q(z.name);
      if (cname && &r != cname) {
        diags.error(r.loc, "cname-conflict",
                    who + ": " + owner +
                        " has a CNAME record, which cannot share its name with "
                        "any other record (RFC 1034 section 3.6.2)",
                    {"the CNAME is at " + cname->loc.str()});
        continue;
      }
      for (size_t j = 0; j < i; ++j) {
        const DnsRecordSpec& o = *records[j];
        if (o.type == r.type && o.value == r.value && o.alias == r.alias) {
          diags.warning(r.loc, "duplicate-record",
                        who + ": the same " + sim::dns_type_name(r.type) +
                            " record is already at " + o.loc.str());
          break;
        }
      }
    }
  }
}

}  // namespace

void validate_dns(const TopologySpec& spec, Diagnostics& diags) {
  std::vector<std::string> vpcs;
  for (const VpcSpec& v : spec.vpcs) vpcs.push_back(v.name);
  std::vector<std::string> targets = alias_targets(spec);
  std::map<std::pair<std::string, std::string>, const DnsZoneSpec*> seen;
  for (const DnsZoneSpec& z : spec.dns_zones) {
    const std::string who = "dns-zone " + q(z.name);
    if (!z.private_to.empty() && std::find(vpcs.begin(), vpcs.end(), z.private_to) == vpcs.end()) {
      diags.error(z.loc, "unknown-vpc", who + ": private-to names no vpc " + q(z.private_to),
                  name_notes(z.private_to, "vpcs", vpcs));
    }
    std::string key = sim::dns_absolute(z.name);
    auto [it, fresh] = seen.emplace(std::make_pair(key, z.private_to), &z);
    if (!fresh) {
      diags.error(
          z.loc, "duplicate-zone",
          who + ": a " +
              (z.private_to.empty() ? "public zone" : "private zone for vpc " + q(z.private_to)) +
              " with this name is already defined",
          {"the first is at " + it->second->loc.str()});
    }
    check_records(z, targets, diags);
  }
  // resolver= must be an address where something can answer.
  std::map<uint32_t, std::pair<std::string, bool>> owners;  // address -> (node, serves DNS)
  for (const NetworkSpec& net : spec.networks) {
    for (const NodeSpec& n : net.nodes) {
      for (const InterfaceSpec& i : n.interfaces)
        owners[i.addr.ip.v] = {n.name, n.dns.view().server.has_value()};
    }
  }
  for (const VpcSpec& vpc : spec.vpcs) {
    for (const InstanceSpec& i : vpc.instances) {
      owners[i.ip.v] = {i.name, i.dns.view().server.has_value()};
      if (i.elastic_ip) owners[i.elastic_ip->v] = {i.name, i.dns.view().server.has_value()};
    }
  }
  if (spec.internet) {
    for (const InternetHostSpec& h : spec.internet->hosts) {
      owners[h.ip.v] = {h.name, h.dns.view().server.has_value()};
    }
  }
  for (const NetworkSpec& net : spec.networks) {
    for (const NodeSpec& n : net.nodes) {
      if (!n.dns || !n.dns->resolver) continue;
      const DnsNodeSpec& dns = *n.dns;
      const std::string who = "host " + q(n.name);
      auto it = owners.find(dns.resolver->v);
      if (it == owners.end()) {
        diags.error(dns.resolver_loc, "unknown-resolver",
                    who + ": resolver " + dns.resolver->str() + " is no node's address",
                    {"point resolver= at a node with <dns-server/>"});
      } else if (!it->second.second) {
        diags.warning(dns.resolver_loc, "resolver-not-serving",
                      who + ": resolver " + dns.resolver->str() + " is " + q(it->second.first) +
                          ", which runs no <dns-server/>: its queries will be refused");
      }
    }
  }
}

}  // namespace vpcsim::topo
