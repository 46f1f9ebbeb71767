#include "topology/dump_services.hpp"

#include <algorithm>
#include <tuple>

#include "sim/services/dns_message.hpp"

namespace vpcsim::topo {
namespace {

std::string join(const std::vector<std::string>& items, const std::string& empty) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ",") + s;
  return out.empty() ? empty : out;
}

// The record's owner as a zone file writes it: absolute, with the trailing dot.
std::string owner_name(const std::string& name, const std::string& zone) {
  if (name == "@") return zone + ".";
  return name + "." + zone + ".";
}

std::string record_line(const DnsRecordSpec& r, const std::string& zone) {
  std::string data;
  if (!r.alias.empty()) {
    data = "alias=" + r.alias;  // the node's address, as each asker sees it (split horizon)
  } else {
    sim::DnsRecord rec;
    rec.type = r.type;
    rec.a = r.a;
    rec.target = r.target;
    rec.srv = r.srv;
    data = rec.rdata_text();
  }
  return owner_name(r.name, zone) + " " + std::to_string(r.ttl) + " IN " +
         sim::dns_type_name(r.type) + " " + data;
}

std::string action_text(const LbActionSpec& a) {
  switch (a.kind) {
    case LbActionSpec::Kind::None:
      return "(none)";
    case LbActionSpec::Kind::Forward:
      return "forward " + a.target_group;
    case LbActionSpec::Kind::Redirect:
      return "redirect " + a.redirect_protocol + ":" + std::to_string(a.redirect_port) + " " +
             std::to_string(a.status ? a.status : 301);
    case LbActionSpec::Kind::FixedResponse:
      return "fixed-response " + std::to_string(a.status);
  }
  return "(none)";
}

std::string addresses(const std::vector<sim::Ipv4Addr>& ips, const std::string& empty) {
  std::vector<std::string> out;
  for (const sim::Ipv4Addr& ip : ips) out.push_back(ip.str());
  return join(out, empty);
}

std::string dhcp_status(DhcpLeasePlan::Status s) {
  switch (s) {
    case DhcpLeasePlan::Status::NoServer:
      return "no-server";
    case DhcpLeasePlan::Status::Leased:
      return "leased";
    case DhcpLeasePlan::Status::PoolExhausted:
      return "pool-exhausted";
    case DhcpLeasePlan::Status::Competing:
      return "competing";
  }
  return "no-server";
}

}  // namespace

std::string dump_dns_zones(const std::vector<DnsZoneSpec>& zones) {
  std::vector<const DnsZoneSpec*> order;
  for (const DnsZoneSpec& z : zones) order.push_back(&z);
  std::stable_sort(order.begin(), order.end(), [](const DnsZoneSpec* a, const DnsZoneSpec* b) {
    return std::tie(a->name, a->private_to) < std::tie(b->name, b->private_to);
  });
  std::string out;
  for (const DnsZoneSpec* z : order) {
    out += "dns-zone " + z->name +
           " private-to=" + (z->private_to.empty() ? "(public)" : z->private_to) + "\n";
    std::vector<std::string> lines;
    for (const DnsRecordSpec& r : z->records)
      lines.push_back("  " + record_line(r, z->name) + "\n");
    std::sort(lines.begin(), lines.end());
    for (const std::string& l : lines) out += l;
  }
  return out;
}

std::string dump_load_balancers(const VpcSpec& vpc) {
  std::string out;
  for (const LoadBalancerSpec* lb : by_name(vpc.load_balancers)) {
    std::vector<std::string> groups = lb->security_groups;
    std::sort(groups.begin(), groups.end());
    // subnets, ip and elastic-ip keep their order: the n-th address is the n-th subnet's.
    out += "  load-balancer " + lb->name +
           " type=" + (lb->type == LbType::Application ? "application" : "network") +
           " scheme=" + (lb->internet_facing ? "internet-facing" : "internal") +
           " subnets=" + join(lb->subnets, "(none)") + " security-groups=" +
           join(groups, lb->type == LbType::Application ? "(default)" : "(none)") +
           " ip=" + addresses(lb->ips, "(derived)") +
           " elastic-ip=" + addresses(lb->elastic_ips, "(none)") + "\n";
    std::vector<const LbListenerSpec*> listeners;
    for (const LbListenerSpec& l : lb->listeners) listeners.push_back(&l);
    std::stable_sort(listeners.begin(), listeners.end(),
                     [](auto* a, auto* b) { return a->port < b->port; });
    for (const LbListenerSpec* l : listeners) {
      out += "    listener " + std::string(lb_protocol_name(l->protocol)) + " " +
             std::to_string(l->port) + " default=" + action_text(l->default_action) + "\n";
      std::vector<const LbRuleSpec*> rules;
      for (const LbRuleSpec& r : l->rules) rules.push_back(&r);
      std::stable_sort(rules.begin(), rules.end(),
                       [](auto* a, auto* b) { return a->priority < b->priority; });
      for (const LbRuleSpec* r : rules) {
        out += "      rule " + std::to_string(r->priority) +
               " host=" + (r->host.empty() ? "(any)" : r->host) +
               " path=" + (r->path.empty() ? "(any)" : r->path) + " " + action_text(r->action) +
               "\n";
      }
    }
  }
  for (const TargetGroupSpec* g : by_name(vpc.target_groups)) {
    out += "  target-group " + g->name + " protocol=" + lb_protocol_name(g->protocol) +
           " port=" + std::to_string(g->port) + "\n";
    std::vector<std::string> lines;
    for (const LbTargetSpec& t : g->targets) {
      lines.push_back("    target " + t.instance +
                      " port=" + (t.port ? std::to_string(t.port) : "(group)") + "\n");
    }
    std::sort(lines.begin(), lines.end());
    for (const std::string& l : lines) out += l;
  }
  return out;
}

std::string dump_dns_node(const std::string& indent, const Boxed<DnsNodeSpec>& dns) {
  if (!dns) return "";
  std::string out;
  if (dns->resolver) out += indent + "resolver " + dns->resolver->str() + "\n";
  if (dns->server) out += indent + "dns-server\n";
  return out;
}

std::string dump_dhcp_servers(const std::string& indent,
                              const Boxed<std::vector<DhcpServerSpec>>& servers) {
  if (!servers) return "";
  std::vector<std::string> lines;
  for (const DhcpServerSpec& d : *servers) {
    lines.push_back(indent + "dhcp-server interface=" + d.interface +
                    " pool=" + d.pool_first.str() + "-" + d.pool_last.str() +
                    " gateway=" + (d.gateway ? d.gateway->str() : "(none)") +
                    " dns=" + (d.dns ? d.dns->str() : "(none)") +
                    " lease=" + std::to_string(d.lease_seconds) + "s\n");
  }
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const std::string& l : lines) out += l;
  return out;
}

std::string dump_dhcp_plan(const Boxed<DhcpLeasePlan>& plan) {
  if (!plan) return "";
  std::string out = " dhcp=" + dhcp_status(plan->status);
  if (!plan->server.empty()) {
    out += " server=" + plan->server +
           (plan->server_interface.empty() ? "" : ":" + plan->server_interface);
  }
  return out;
}

}  // namespace vpcsim::topo
