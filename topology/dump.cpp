#include "topology/dump.hpp"

#include <algorithm>
#include <tuple>

#include "topology/dump_services.hpp"

namespace vpcsim::topo {
namespace {

// Said only of a device that is powered off, so dumps of running networks read as before.
std::string down_text(bool down) { return down ? " down=true" : ""; }

std::string protocol_text(Protocol p) {
  switch (p) {
    case Protocol::All:
      return "all";
    case Protocol::Tcp:
      return "tcp";
    case Protocol::Udp:
      return "udp";
    case Protocol::Icmp:
      return "icmp";
  }
  return "all";
}

std::string ports_text(Protocol p, const PortRange& r) {
  if (p == Protocol::All || p == Protocol::Icmp) return "";
  if (r.lo == r.hi) return " ports=" + std::to_string(r.lo);
  return " ports=" + std::to_string(r.lo) + "-" + std::to_string(r.hi);
}

std::string route_type_text(RouteType t) {
  switch (t) {
    case RouteType::Normal:
      return "normal";
    case RouteType::Blackhole:
      return "blackhole";
    case RouteType::Unreachable:
      return "unreachable";
    case RouteType::Prohibit:
      return "prohibit";
  }
  return "normal";
}

// Exact and canonical: the largest unit that divides the value.
std::string duration_text(sim::Duration d) {
  if (d.ns != 0 && d.ns % 1'000'000'000 == 0) return std::to_string(d.ns / 1'000'000'000) + "s";
  if (d.ns != 0 && d.ns % 1'000'000 == 0) return std::to_string(d.ns / 1'000'000) + "ms";
  if (d.ns != 0 && d.ns % 1'000 == 0) return std::to_string(d.ns / 1'000) + "us";
  return std::to_string(d.ns) + "ns";
}

// Sorted copies of lines, for siblings whose order carries no meaning.
void emit_sorted(std::string& out, std::vector<std::string> lines) {
  std::sort(lines.begin(), lines.end());
  for (const std::string& l : lines) out += l;
}

std::string services(const std::string& indent, const std::vector<ListenSpec>& listens,
                     const std::vector<MasqueradeSpec>& masquerades,
                     const std::vector<PortForwardSpec>& forwards) {
  std::vector<std::string> lines;
  for (const ListenSpec& l : listens) {
    lines.push_back(indent + "listen " + protocol_text(l.protocol) + " " + std::to_string(l.port) +
                    "\n");
  }
  for (const MasqueradeSpec& m : masquerades) {
    lines.push_back(indent +
                    "masquerade interface=" + (m.interface.empty() ? "(default)" : m.interface) +
                    " source=" + (m.source ? m.source->str() : "(any)") + "\n");
  }
  for (const PortForwardSpec& p : forwards) {
    lines.push_back(indent + "port-forward " + protocol_text(p.protocol) + " " +
                    std::to_string(p.port) + " to-ip=" + (p.to_ip ? p.to_ip->str() : "(local)") +
                    " to-port=" + std::to_string(p.to_port ? p.to_port : p.port) + "\n");
  }
  std::string out;
  emit_sorted(out, std::move(lines));
  return out;
}

}  // namespace

std::string dump_topology(const TopologySpec& spec) {
  std::string out = "topology " + spec.name + "\n";
  if (spec.internet) {
    out += "internet\n";
    for (const InternetHostSpec* h : by_name(spec.internet->hosts)) {
      out += "  host " + h->name + " ip=" + h->ip.str() + down_text(h->down) + "\n";
      out += services("    ", h->listens, {}, {});
      out += dump_dns_node("    ", h->dns);
    }
  }
  for (const VpcSpec* vpc : by_name(spec.vpcs)) {
    out += "vpc " + vpc->name + " cidr=" + vpc->cidr.str() + "\n";
    if (vpc->internet_gateway) out += "  internet-gateway " + vpc->internet_gateway->name + "\n";
    for (const RouteTableSpec* t : by_name(vpc->route_tables)) {
      out += "  route-table " + t->name + " main=" + (t->main ? "true" : "false") + "\n";
      std::vector<const VpcRouteSpec*> routes;
      for (const VpcRouteSpec& r : t->routes) routes.push_back(&r);
      std::stable_sort(routes.begin(), routes.end(), [](auto* a, auto* b) {
        return std::tie(a->destination.addr, a->destination.len) <
               std::tie(b->destination.addr, b->destination.len);
      });
      for (const VpcRouteSpec* r : routes) {
        out += "    route " + r->destination.str() + " target=" + r->target + "\n";
      }
    }
    for (const SubnetSpec* s : by_name(vpc->subnets)) {
      out += "  subnet " + s->name + " cidr=" + s->cidr.str() +
             " route-table=" + (s->route_table.empty() ? "(main)" : s->route_table) +
             " nacl=" + (s->nacl.empty() ? "(default)" : s->nacl) + "\n";
    }
    for (const NaclSpec* a : by_name(vpc->nacls)) {
      out += "  nacl " + a->name + "\n";
      std::vector<const NaclRuleSpec*> rules;
      for (const NaclRuleSpec& r : a->rules) rules.push_back(&r);
      std::stable_sort(rules.begin(), rules.end(), [](auto* x, auto* y) {
        return std::make_tuple(!x->inbound, x->number) < std::make_tuple(!y->inbound, y->number);
      });
      for (const NaclRuleSpec* r : rules) {
        out += "    rule " + std::string(r->inbound ? "inbound" : "outbound") + " " +
               std::to_string(r->number) + " " + (r->allow ? "allow" : "deny") + " " +
               protocol_text(r->protocol) + ports_text(r->protocol, r->ports) +
               " cidr=" + r->cidr.str() + "\n";
      }
    }
    for (const SecurityGroupSpec* g : by_name(vpc->security_groups)) {
      out += "  security-group " + g->name +
             " default-outbound=" + (g->default_outbound ? "true" : "false") + "\n";
      std::vector<std::string> lines;
      for (const SgRuleSpec& r : g->rules) {
        std::string peer = r.cidr ? r.cidr->str() : "group:" + r.group;
        lines.push_back("    " + std::string(r.inbound ? "inbound " : "outbound ") +
                        protocol_text(r.protocol) + ports_text(r.protocol, r.ports) +
                        (r.inbound ? " source=" : " destination=") + peer + "\n");
      }
      emit_sorted(out, std::move(lines));
    }
    for (const NatGatewaySpec* n : by_name(vpc->nat_gateways)) {
      out += "  nat-gateway " + n->name + " subnet=" + n->subnet + " ip=" + n->ip.str() +
             " elastic-ip=" + n->elastic_ip.str() + down_text(n->down) + "\n";
    }
    for (const InstanceSpec* i : by_name(vpc->instances)) {
      std::vector<std::string> groups = i->security_groups;
      std::sort(groups.begin(), groups.end());
      std::string sgs;
      for (const std::string& g : groups) sgs += (sgs.empty() ? "" : ",") + g;
      out += "  instance " + i->name + " subnet=" + i->subnet + " ip=" + i->ip.str() +
             dump_dhcp_plan(i->dhcp) +
             " public-ip=" + (i->elastic_ip ? i->elastic_ip->str() : "(none)") +
             " security-groups=" + (sgs.empty() ? "(default)" : sgs) +
             " source-dest-check=" + (i->source_dest_check ? "true" : "false") +
             " mac=" + (i->mac ? i->mac->str() : "(derived)") + down_text(i->down) + "\n";
      out += services("    ", i->listens, i->masquerades, i->port_forwards);
      out += dump_dns_node("    ", i->dns);
    }
    out += dump_load_balancers(*vpc);
  }
  for (const PeeringSpec* p : by_name(spec.peerings)) {
    out += "vpc-peering " + p->name + " a=" + p->a + " b=" + p->b +
           (p->dns_resolution ? " dns-resolution=true" : "") + "\n";
  }
  for (const NetworkSpec* net : by_name(spec.networks)) {
    out += "network " + net->name + "\n";
    for (const NodeSpec* n : by_name(net->nodes)) {
      switch (n->kind) {
        case NodeKind::Host:
          out += "  host " + n->name + down_text(n->down) + "\n";
          break;
        case NodeKind::Router:
          out += "  router " + n->name + down_text(n->down) + "\n";
          break;
        case NodeKind::Switch:
          out += "  switch " + n->name + " aging=" +
                 (n->mac_aging ? duration_text(*n->mac_aging) : std::string("(default)")) +
                 down_text(n->down) + "\n";
          break;
        case NodeKind::Hub:
          out += "  hub " + n->name + down_text(n->down) + "\n";
          break;
      }
      for (const InterfaceSpec* i : by_name(n->interfaces)) {
        out += "    interface " + i->name + " ip=" + i->addr.str() + dump_dhcp_plan(i->dhcp) +
               " gateway=" + (i->gateway ? i->gateway->str() : "(none)") +
               " mac=" + (i->mac ? i->mac->str() : "(derived)") + "\n";
      }
      std::vector<std::string> routes;
      for (const RouteSpec& r : n->routes) {
        std::string line = "    route " + r.destination.str() + " type=" + route_type_text(r.type);
        if (r.via) line += " via=" + r.via->str();
        if (!r.interface.empty()) line += " interface=" + r.interface;
        routes.push_back(line + "\n");
      }
      emit_sorted(out, std::move(routes));
      out += services("    ", n->listens, n->masquerades, n->port_forwards);
      out += dump_dns_node("    ", n->dns);
      out += dump_dhcp_servers("    ", n->dhcp_servers);
    }
    for (const LinkSpec& l : net->links) {
      auto end = [](const LinkEndSpec& e) {
        return e.interface.empty() ? e.node : e.node + ":" + e.interface;
      };
      out += "  link " + end(l.a) + " " + end(l.b) + " latency=" + duration_text(l.latency) +
             " bandwidth=" +
             (l.bandwidth_bps ? std::to_string(*l.bandwidth_bps) + "bps" : "(unlimited)") +
             " down=" + (l.down ? "true" : "false") + "\n";
    }
  }
  out += dump_dns_zones(spec.dns_zones);
  return out;
}

}  // namespace vpcsim::topo
