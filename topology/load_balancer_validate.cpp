#include "topology/load_balancer_validate.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "topology/validate.hpp"

namespace vpcsim::topo {
namespace {

std::string q(std::string_view s) { return "'" + std::string(s) + "'"; }

// "1 address", "2 addresses".
std::string addresses(size_t n) { return std::to_string(n) + (n == 1 ? " address" : " addresses"); }

std::vector<std::string> name_notes(std::string_view wrong, const std::string& what,
                                    const std::vector<std::string>& known) {
  std::vector<std::string> notes;
  if (auto near = closest_name(wrong, known)) notes.push_back("did you mean " + q(*near) + "?");
  notes.push_back(known_names_note(what, known));
  return notes;
}

template <class T>
std::vector<std::string> names_of(const std::vector<T>& items) {
  std::vector<std::string> out;
  for (const T& x : items) out.push_back(x.name);
  return out;
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

const SubnetSpec* find_subnet(const VpcSpec& vpc, const std::string& name) {
  for (const SubnetSpec& s : vpc.subnets) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

class LbValidator {
 public:
  LbValidator(const TopologySpec& spec, const VpcSpec& vpc, Diagnostics& diags)
      : spec_(spec), vpc_(vpc), diags_(diags), vwho_("vpc " + q(vpc.name)) {}

  void run() {
    std::map<std::string, SourceLoc> seen;
    for (const TargetGroupSpec& tg : vpc_.target_groups) {
      auto [it, fresh] = seen.emplace(tg.name, tg.loc);
      if (!fresh) {
        diags_.error(tg.loc, "duplicate-name",
                     "target group " + q(tg.name) + ": " + vwho_ +
                         " already has a target group of that name",
                     {"the first is at " + it->second.str()});
      }
      check_target_group(tg);
    }
    for (const LoadBalancerSpec& lb : vpc_.load_balancers) check_load_balancer(lb);
  }

 private:
  void check_target_group(const TargetGroupSpec& tg) {
    const std::string who = "target group " + q(tg.name);
    std::vector<std::string> instances = names_of(vpc_.instances);
    std::set<std::pair<std::string, uint16_t>> targets;
    if (tg.targets.empty()) {
      diags_.warning(tg.loc, "empty-target-group",
                     who +
                         " has no targets: an application load balancer forwarding to it "
                         "answers 503, a network load balancer drops the connections");
    }
    for (const LbTargetSpec& t : tg.targets) {
      uint16_t port = t.port ? t.port : tg.port;
      auto in = std::find_if(vpc_.instances.begin(), vpc_.instances.end(),
                             [&](const InstanceSpec& i) { return i.name == t.instance; });
      if (in == vpc_.instances.end()) {
        diags_.error(t.loc, "unknown-instance",
                     "target of " + who + ": no instance " + q(t.instance) + " in " + vwho_,
                     name_notes(t.instance, "instances in " + vwho_, instances));
        continue;
      }
      if (!targets.insert({t.instance, port}).second) {
        diags_.error(t.loc, "duplicate-target",
                     "target of " + who + ": instance " + q(t.instance) + " port " +
                         std::to_string(port) + " is already a target of this group");
      }
      bool listens = std::any_of(in->listens.begin(), in->listens.end(), [&](const ListenSpec& l) {
        return l.protocol == Protocol::Tcp && l.port == port;
      });
      if (!listens) {
        diags_.warning(t.loc, "target-not-listening",
                       "target of " + who + ": instance " + q(t.instance) +
                           " does not listen on tcp/" + std::to_string(port) +
                           "; connections to it are refused",
                       {"add <listen protocol=\"tcp\" port=\"" + std::to_string(port) +
                        "\"/> to instance " + q(t.instance)});
      }
    }
  }

  void check_load_balancer(const LoadBalancerSpec& lb) {
    const std::string who = "load balancer " + q(lb.name);
    const bool alb = lb.type == LbType::Application;
    check_name(lb, who);
    std::vector<std::string> subnet_names = names_of(vpc_.subnets);
    std::set<std::string> listed;
    for (const std::string& s : lb.subnets) {
      if (!find_subnet(vpc_, s)) {
        diags_.error(lb.loc, "unknown-subnet", who + ": no subnet " + q(s) + " in " + vwho_,
                     name_notes(s, "subnets in " + vwho_, subnet_names));
      } else if (!listed.insert(s).second) {
        diags_.error(lb.loc, "duplicate-subnet", who + ": subnet " + q(s) + " is listed twice");
      }
    }
    if (alb && lb.subnets.size() < 2) {
      diags_.warning(lb.loc, "alb-one-subnet",
                     who +
                         ": AWS requires an application load balancer in at least two "
                         "subnets (of different availability zones)");
    }
    std::vector<std::string> sg_names = names_of(vpc_.security_groups);
    if (!contains(sg_names, "default")) sg_names.push_back("default");
    for (const std::string& g : lb.security_groups) {
      if (!contains(sg_names, g)) {
        diags_.error(lb.loc, "unknown-security-group",
                     who + ": no security group " + q(g) + " in " + vwho_,
                     name_notes(g, "security groups in " + vwho_, sg_names));
      }
    }
    check_addresses(lb, who);
    if (!alb) check_group_references(lb, who);
    std::map<uint16_t, SourceLoc> ports;
    for (const LbListenerSpec& l : lb.listeners) {
      const std::string lwho = std::string("listener ") + lb_protocol_name(l.protocol) + ":" +
                               std::to_string(l.port) + " of " + who;
      auto [it, fresh] = ports.emplace(l.port, l.loc);
      if (!fresh) {
        diags_.error(l.loc, "duplicate-listener",
                     lwho + ": " + who + " already listens on port " + std::to_string(l.port),
                     {"the first listener is at " + it->second.str()});
      }
      if (alb == (l.protocol == LbProtocol::Tcp)) {
        diags_.error(
            l.loc, "lb-listener-protocol",
            lwho + ": " +
                (alb ? "an application load balancer listens on HTTP or HTTPS"
                     : "a network load balancer listens on TCP"),
            {alb ? "for TCP, use type=\"network\"" : "for HTTP, use type=\"application\""});
      }
      if (!alb && !l.rules.empty()) {
        diags_.error(l.rules.front().loc, "lb-rules-on-nlb",
                     lwho +
                         ": a network load balancer has no listener rules (it does not "
                         "read requests); forward= on the listener says where connections go");
      }
      check_action(l.default_action, l.loc, lwho, lb, l);
      std::map<uint32_t, SourceLoc> priorities;
      for (const LbRuleSpec& r : l.rules) {
        const std::string rwho = "rule " + std::to_string(r.priority) + " of " + lwho;
        if (r.priority < 1 || r.priority > 50000) {
          diags_.error(r.loc, "bad-priority", rwho + ": priorities run from 1 to 50000");
        }
        auto [pit, pfresh] = priorities.emplace(r.priority, r.loc);
        if (!pfresh) {
          diags_.error(
              r.loc, "duplicate-priority",
              rwho + ": the listener already has a rule of priority " + std::to_string(r.priority),
              {"the first is at " + pit->second.str()});
        }
        if (r.host.empty() && r.path.empty()) {
          diags_.error(r.loc, "lb-rule-no-condition",
                       rwho + ": a rule needs a condition: host= and/or path=",
                       {"what no rule matches goes to the listener's own action"});
        }
        if (alb) check_action(r.action, r.loc, rwho, lb, l);
      }
    }
  }

  void check_name(const LoadBalancerSpec& lb, const std::string& who) {
    // Probes name load balancers like nodes, so the name is global.
    auto clash = [&](const std::string& name, const std::string& kind, const SourceLoc& loc) {
      if (name != lb.name || loc == lb.loc) return false;
      diags_.error(lb.loc, "duplicate-name", who + ": the name is already used by " + kind,
                   {"the first is at " + loc.str()});
      return true;
    };
    if (spec_.internet) {
      for (const auto& h : spec_.internet->hosts) {
        if (clash(h.name, "internet host " + q(h.name), h.loc)) return;
      }
    }
    for (const VpcSpec& v : spec_.vpcs) {
      for (const auto& i : v.instances) {
        if (clash(i.name, "instance " + q(i.name), i.loc)) return;
      }
      for (const auto& n : v.nat_gateways) {
        if (clash(n.name, "NAT gateway " + q(n.name), n.loc)) return;
      }
      for (const auto& l : v.load_balancers) {
        if (&l == &lb) break;  // only the earlier ones: the first keeps its name
        if (clash(l.name, "load balancer " + q(l.name), l.loc)) return;
      }
    }
    for (const NetworkSpec& net : spec_.networks) {
      for (const NodeSpec& n : net.nodes) {
        if (clash(n.name, "node " + q(n.name), n.loc)) return;
      }
    }
  }

  void check_action(const LbActionSpec& a, const SourceLoc& loc, const std::string& who,
                    const LoadBalancerSpec& lb, const LbListenerSpec& l) {
    const bool alb = lb.type == LbType::Application;
    if (!alb && a.kind != LbActionSpec::Kind::Forward) {
      diags_.error(loc, "lb-action-not-supported",
                   who +
                       ": a network load balancer only forwards (forward=\"TARGET-GROUP\"); "
                       "redirects and fixed responses are HTTP features of an application "
                       "load balancer");
      return;
    }
    if (a.kind == LbActionSpec::Kind::Redirect && a.redirect_port == l.port &&
        a.redirect_protocol == lb_protocol_name(l.protocol)) {
      diags_.error(loc, "lb-redirect-loop",
                   who + ": redirects to " + a.redirect_protocol + ":" +
                       std::to_string(a.redirect_port) + ", the listener itself");
    }
    if (a.kind != LbActionSpec::Kind::Forward) return;
    auto tg = std::find_if(vpc_.target_groups.begin(), vpc_.target_groups.end(),
                           [&](const TargetGroupSpec& t) { return t.name == a.target_group; });
    if (tg == vpc_.target_groups.end()) {
      diags_.error(
          loc, "unknown-target-group",
          who + ": no target group " + q(a.target_group) + " in " + vwho_,
          name_notes(a.target_group, "target groups in " + vwho_, names_of(vpc_.target_groups)));
      return;
    }
    if (alb == (tg->protocol == LbProtocol::Tcp)) {
      diags_.error(loc, "lb-target-group-protocol",
                   who + ": target group " + q(tg->name) + " has protocol " +
                       lb_protocol_name(tg->protocol) + ", but " +
                       (alb ? "an application load balancer forwards HTTP or HTTPS"
                            : "a network load balancer forwards TCP"),
                   {"target group " + q(tg->name) + " is at " + tg->loc.str()});
    }
  }

  // AWS lets a target's rule with source-group= naming an NLB's group admit the
  // clients that NLB forwards (client IP preservation keeps their addresses);
  // vpcsim's group members are addresses, so such a rule matches only the NLB's own
  // ENIs and admits none of the forwarded flows. Said once per rule and NLB.
  void check_group_references(const LoadBalancerSpec& lb, const std::string& who) {
    if (lb.security_groups.empty()) return;
    std::set<std::string> targets;
    for (const LbListenerSpec& l : lb.listeners) {
      for (const TargetGroupSpec& g : vpc_.target_groups) {
        if (g.name != l.default_action.target_group) continue;
        for (const LbTargetSpec& t : g.targets) targets.insert(t.instance);
      }
    }
    std::set<std::string> groups;
    for (const InstanceSpec& i : vpc_.instances) {
      if (!targets.count(i.name)) continue;
      if (i.security_groups.empty()) groups.insert("default");
      groups.insert(i.security_groups.begin(), i.security_groups.end());
    }
    for (const SecurityGroupSpec& sg : vpc_.security_groups) {
      if (!groups.count(sg.name)) continue;
      for (const SgRuleSpec& r : sg.rules) {
        if (!r.inbound || !contains(lb.security_groups, r.group)) continue;
        diags_.warning(r.loc, "nlb-group-reference",
                       "security group " + q(sg.name) + " admits source-group " + q(r.group) +
                           ", a group of " + who +
                           ", which forwards with the clients' addresses: vpcsim matches this "
                           "rule for the load balancer's own addresses only, so it admits none "
                           "of the forwarded connections (AWS admits them)",
                       {"allow the clients' addresses (source=\"CIDR\") for the same "
                        "answer in vpcsim and AWS"});
      }
    }
  }

  // An internet-facing node in a subnet without a default route to the IGW takes
  // the client's SYN (the IGW maps its public address) but its answer finds no way
  // back: the classic "ALB in the private subnets" mistake.
  void check_public_subnets(const LoadBalancerSpec& lb, const std::string& who) {
    const std::string& igw = vpc_.internet_gateway->name;
    for (const std::string& name : lb.subnets) {
      const SubnetSpec* s = find_subnet(vpc_, name);
      if (!s) continue;
      const RouteTableSpec* table = nullptr;
      for (const RouteTableSpec& t : vpc_.route_tables) {
        if (s->route_table.empty() ? t.main : t.name == s->route_table) table = &t;
      }
      if (!s->route_table.empty() && !table) continue;  // reported as unknown-route-table
      bool public_route = table && std::any_of(table->routes.begin(), table->routes.end(),
                                               [&](const VpcRouteSpec& r) {
                                                 return r.destination.len == 0 && r.target == igw;
                                               });
      if (public_route) continue;
      diags_.warning(lb.loc, "lb-subnet-not-public",
                     who + " is internet-facing, but the " +
                         (table ? "route table " + q(table->name) : "implicit main route table") +
                         " of subnet " + q(s->name) +
                         " has no 0.0.0.0/0 route to internet gateway " + q(igw) +
                         ": its answers to internet clients find no way back");
    }
  }

  void check_addresses(const LoadBalancerSpec& lb, const std::string& who) {
    const size_t n = lb.subnets.size();
    if (!lb.ips.empty() && lb.ips.size() != n) {
      diags_.error(lb.loc, "lb-address-count",
                   who + ": ip= lists " + addresses(lb.ips.size()) + " for " + std::to_string(n) +
                       " subnets (one per subnet, in the order of subnets=)");
    }
    if (lb.internet_facing) {
      if (lb.elastic_ips.empty()) {
        diags_.error(lb.loc, "lb-needs-public-ip",
                     who +
                         " is internet-facing (the default scheme) but has no public "
                         "addresses",
                     {"give elastic-ip=\"…\" with one public address per subnet, or "
                      "scheme=\"internal\""});
      } else if (lb.elastic_ips.size() != n) {
        diags_.error(lb.loc, "lb-address-count",
                     who + ": elastic-ip= lists " + addresses(lb.elastic_ips.size()) + " for " +
                         std::to_string(n) + " subnets (one per subnet, in the order of subnets=)");
      }
      if (vpc_.internet_gateway) check_public_subnets(lb, who);
      if (!vpc_.internet_gateway) {
        diags_.error(lb.loc, "eip-without-igw",
                     who + " is internet-facing, but " + vwho_ +
                         " has no internet gateway to map its public addresses",
                     {"add <internet-gateway name=\"...\"/> to " + vwho_});
      }
      for (sim::Ipv4Addr ip : lb.elastic_ips) {
        if (ip.is_private()) {
          diags_.error(lb.loc, "private-elastic-ip",
                       who + ": elastic IP " + ip.str() +
                           " is a private (RFC 1918) address; elastic IPs are public");
        }
      }
    } else if (!lb.elastic_ips.empty()) {
      diags_.error(lb.loc, "conflicting-attributes",
                   who +
                       " is internal: it has no public addresses (leave out elastic-ip=, or "
                       "make it scheme=\"internet-facing\")");
    }
    // Private addresses: inside their subnets, not reserved, not taken.
    std::map<uint32_t, std::string> taken;
    for (const InstanceSpec& i : vpc_.instances) taken.emplace(i.ip.v, "instance " + q(i.name));
    for (const NatGatewaySpec& g : vpc_.nat_gateways) {
      taken.emplace(g.ip.v, "NAT gateway " + q(g.name));
    }
    for (const LoadBalancerSpec& other : vpc_.load_balancers) {
      if (&other == &lb) break;
      for (const LbEni& e : lb_enis(vpc_, other)) {
        taken.emplace(e.ip.v, "load balancer " + q(other.name));
      }
    }
    std::map<uint32_t, std::string> public_taken;
    if (spec_.internet) {
      for (const auto& h : spec_.internet->hosts) {
        public_taken.emplace(h.ip.v, "internet host " + q(h.name));
      }
    }
    for (const VpcSpec& v : spec_.vpcs) {
      for (const auto& i : v.instances) {
        if (i.elastic_ip) public_taken.emplace(i.elastic_ip->v, "instance " + q(i.name));
      }
      for (const auto& g : v.nat_gateways) {
        public_taken.emplace(g.elastic_ip.v, "NAT gateway " + q(g.name));
      }
    }
    if (!lb.ips.empty() && lb.ips.size() != n) return;
    for (const LbEni& e : lb_enis(vpc_, lb)) {
      const SubnetSpec& s = *e.subnet;
      const std::string in = "subnet " + q(s.name) + " (" + s.cidr.str() + ")";
      if (!s.cidr.contains(e.ip)) {
        diags_.error(lb.loc, "ip-outside-subnet",
                     who + ": ip " + e.ip.str() + " is outside its " + in);
        continue;
      }
      uint32_t offset = e.ip.v - s.cidr.addr.v;
      if (offset <= 3 || e.ip == s.cidr.broadcast()) {
        diags_.error(
            lb.loc, "reserved-ip",
            who + " uses " + e.ip.str() + ", one of the 5 addresses AWS reserves in " + in);
        continue;
      }
      if (auto it = taken.find(e.ip.v); it != taken.end()) {
        diags_.error(lb.loc, "duplicate-ip",
                     who + ": ip " + e.ip.str() + " is already used by " + it->second,
                     {lb.ips.empty() ? "without ip=, a load balancer takes the last usable "
                                       "address of each subnet; give ip=\"…\" to choose others"
                                     : "give each interface a free address"});
      }
      if (e.public_ip) {
        if (auto it = public_taken.find(e.public_ip->v); it != public_taken.end()) {
          diags_.error(
              lb.loc, "duplicate-ip",
              who + ": elastic IP " + e.public_ip->str() + " is already used by " + it->second);
        }
      }
    }
  }

  const TopologySpec& spec_;
  const VpcSpec& vpc_;
  Diagnostics& diags_;
  std::string vwho_;
};

}  // namespace

std::vector<LbEni> lb_enis(const VpcSpec& vpc, const LoadBalancerSpec& lb) {
  std::vector<LbEni> out;
  for (size_t i = 0; i < lb.subnets.size(); ++i) {
    const SubnetSpec* s = find_subnet(vpc, lb.subnets[i]);
    // One interface per subnet, however often it is listed (validate reports repeats).
    bool repeat =
        std::any_of(out.begin(), out.end(), [&](const LbEni& e) { return e.subnet == s; });
    if (!s || repeat) continue;
    LbEni e;
    e.subnet = s;
    e.ip = i < lb.ips.size() ? lb.ips[i] : sim::Ipv4Addr{s->cidr.broadcast().v - 1};
    if (lb.internet_facing && i < lb.elastic_ips.size()) e.public_ip = lb.elastic_ips[i];
    out.push_back(e);
  }
  return out;
}

void validate_load_balancers(const TopologySpec& spec, const VpcSpec& vpc, Diagnostics& diags) {
  LbValidator(spec, vpc, diags).run();
}

}  // namespace vpcsim::topo
