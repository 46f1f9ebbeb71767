#include "tools/vpcsim/commands/show_services.hpp"

#include <algorithm>

#include "sim/services/dns_view.hpp"
#include "topology/dns_lower.hpp"
#include "topology/graph_view.hpp"
#include "topology/load_balancer_validate.hpp"

namespace vpcsim::cli {
namespace {

// The server `device` is, as dns_view needs it (only vpc, kind and addresses
// count), and how to name it; nullopt when it serves no DNS.
struct DnsServerAt {
  topo::Endpoint where;
  std::string label;
};

std::optional<DnsServerAt> dns_server_at(const topo::TopologySpec& spec,
                                         const topo::LoweredTopology& t,
                                         const std::string& device) {
  for (const topo::VpcSpec& vpc : spec.vpcs) {
    if (device == vpc.name + ":dns") {
      return DnsServerAt{{device, {}, "instance", {}, {}, vpc.name, std::nullopt},
                         "the Amazon DNS server of VPC " + vpc.name + " (" +
                             topo::vpc_dns_address(vpc).str() + ")"};
    }
  }
  // As lower_dns: the internet has the resolver unless something in the plan owns 8.8.8.8.
  const bool internet =
      spec.internet || std::any_of(spec.vpcs.begin(), spec.vpcs.end(), [](const topo::VpcSpec& v) {
        return v.internet_gateway.has_value();
      });
  if (device == "internet:dns" && internet && !t.endpoint_owning(topo::kPublicResolver)) {
    return DnsServerAt{{device, {}, "internet-host", {}, {}, "", std::nullopt},
                       "the public DNS resolver (" + topo::kPublicResolver.str() + ")"};
  }
  auto runs_server = [&](const topo::Boxed<topo::DnsNodeSpec>& dns) { return dns && dns->server; };
  bool server = false;
  if (spec.internet) {
    for (const auto& h : spec.internet->hosts)
      server = server || (h.name == device && runs_server(h.dns));
  }
  for (const topo::VpcSpec& vpc : spec.vpcs) {
    for (const auto& i : vpc.instances) server = server || (i.name == device && runs_server(i.dns));
  }
  for (const topo::NetworkSpec& net : spec.networks) {
    for (const auto& n : net.nodes) server = server || (n.name == device && runs_server(n.dns));
  }
  const topo::Endpoint* ep = t.endpoint(device);
  if (!server || !ep) return std::nullopt;
  return DnsServerAt{*ep, "the DNS server on " + device};
}

std::string action_text(const topo::LbActionSpec& a) {
  using Kind = topo::LbActionSpec::Kind;
  switch (a.kind) {
    case Kind::None:
      return "(no action)";
    case Kind::Forward:
      return "forward to " + a.target_group;
    case Kind::Redirect:
      return "redirect to " + a.redirect_protocol + ":" + std::to_string(a.redirect_port) + " (" +
             std::to_string(a.status ? a.status : 301) + ")";
    case Kind::FixedResponse:
      return "fixed response " + std::to_string(a.status);
  }
  return "(no action)";
}

std::string condition_text(const topo::LbRuleSpec& r) {
  std::string out;
  if (!r.host.empty()) out += "host " + r.host;
  if (!r.path.empty()) out += (out.empty() ? "" : " and ") + ("path " + r.path);
  return out.empty() ? "any request" : out;
}

}  // namespace

std::optional<std::string> zones_text(const topo::TopologySpec& spec,
                                      const topo::LoweredTopology& t, const std::string& device) {
  std::optional<DnsServerAt> at = dns_server_at(spec, t, device);
  if (!at) return std::nullopt;
  sim::DnsView view = topo::dns_view(spec, t, at->where);
  std::string out = device + " zones, as " + at->label + " answers from them:\n";
  if (view.zones().empty()) out += "  (none)\n";
  for (const sim::DnsZone& z : view.zones()) {
    // A zone file: $ORIGIN, then one record a line, fields as dig prints them.
    out += "\n; " + z.label + "\n$ORIGIN " + z.name + "\n";
    for (const sim::DnsRecord& r : z.records) {
      out += r.name + "\t" + std::to_string(r.ttl) + "\tIN\t" + sim::dns_type_name(r.type) + "\t" +
             r.rdata_text() + "\n";
    }
  }
  return out;
}

std::optional<std::string> listeners_text(const topo::TopologySpec& spec,
                                          const topo::LoweredTopology& t,
                                          const std::string& device) {
  for (const topo::VpcSpec& vpc : spec.vpcs) {
    for (const topo::LoadBalancerSpec& lb : vpc.load_balancers) {
      std::vector<topo::LbEni> enis = topo::lb_enis(vpc, lb);
      bool named =
          device == lb.name || std::any_of(enis.begin(), enis.end(), [&](const topo::LbEni& e) {
            return device == lb.name + "/" + e.subnet->name;
          });
      if (!named) continue;
      std::string out = lb.name + " (" +
                        (lb.type == topo::LbType::Application ? "application" : "network") +
                        " load balancer, " + (lb.internet_facing ? "internet-facing" : "internal") +
                        ", VPC " + vpc.name + ")\n";
      for (const topo::LbEni& e : enis) {
        out += "  node " + lb.name + "/" + e.subnet->name + " " + e.ip.str() +
               (e.public_ip ? " public " + e.public_ip->str() : "") + "\n";
      }
      std::string groups;
      for (const std::string& g : lb.security_groups) groups += (groups.empty() ? "" : ", ") + g;
      // Without security-groups=, an ALB is in the VPC's default group; an NLB in none
      // (it then filters nothing: what reaches the targets is up to their groups).
      if (groups.empty()) groups = lb.type == topo::LbType::Application ? "default" : "none";
      out += "  security groups: " + groups + "\n";
      std::vector<const topo::LbListenerSpec*> listeners;
      for (const topo::LbListenerSpec& l : lb.listeners) listeners.push_back(&l);
      std::stable_sort(listeners.begin(), listeners.end(),
                       [](auto* a, auto* b) { return a->port < b->port; });
      for (const topo::LbListenerSpec* l : listeners) {
        out += "\nlistener " + std::string(topo::lb_protocol_name(l->protocol)) + ":" +
               std::to_string(l->port) + "\n";
        // In evaluation order: by priority, then the default action.
        std::vector<const topo::LbRuleSpec*> rules;
        for (const topo::LbRuleSpec& r : l->rules) rules.push_back(&r);
        std::stable_sort(rules.begin(), rules.end(),
                         [](auto* a, auto* b) { return a->priority < b->priority; });
        for (const topo::LbRuleSpec* r : rules) {
          out += "  rule " + std::to_string(r->priority) + ": " + condition_text(*r) + " -> " +
                 action_text(r->action) + "\n";
        }
        out += "  default: " + action_text(l->default_action) + "\n";
      }
      std::vector<std::string> used = topo::forwarded_target_groups(lb);
      std::sort(used.begin(), used.end());
      for (const std::string& name : used) {
        auto g = std::find_if(vpc.target_groups.begin(), vpc.target_groups.end(),
                              [&](const topo::TargetGroupSpec& x) { return x.name == name; });
        if (g == vpc.target_groups.end()) continue;
        out += "\ntarget group " + g->name + " (" + topo::lb_protocol_name(g->protocol) + ":" +
               std::to_string(g->port) + ", round robin)\n";
        for (const topo::LbTargetSpec& target : g->targets) {
          const topo::Endpoint* ep = t.endpoint(target.instance);
          std::string ip = ep && !ep->addresses.empty() ? ep->addresses.front().ip.str() : "?";
          out += "  " + target.instance + " " + ip + ":" +
                 std::to_string(target.port ? target.port : g->port) + "\n";
        }
      }
      return out;
    }
  }
  return std::nullopt;
}

std::string load_balancer_nodes(const topo::TopologySpec& spec, const std::string& name) {
  for (const topo::VpcSpec& vpc : spec.vpcs) {
    for (const topo::LoadBalancerSpec& lb : vpc.load_balancers) {
      if (lb.name != name) continue;
      std::string out;
      for (const topo::LbEni& e : topo::lb_enis(vpc, lb)) {
        out += (out.empty() ? "" : ", ") + lb.name + "/" + e.subnet->name;
      }
      return out;
    }
  }
  return "";
}

}  // namespace vpcsim::cli
