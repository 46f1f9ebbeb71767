#include "topology/lower_vpc.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "sim/aws/internet_core.hpp"
#include "sim/aws/internet_gateway.hpp"
#include "sim/aws/vpc_router.hpp"
#include "sim/devices/ip_node.hpp"
#include "sim/devices/l2_switch.hpp"
#include "topology/dhcp_vpc_lower.hpp"
#include "topology/dns_lower.hpp"
#include "topology/load_balancer_lower.hpp"

namespace vpcsim::topo {
namespace {

using sim::DeviceId;
using sim::FilterRule;
using sim::IpNode;
using sim::MacAddr;

constexpr sim::Duration kFabricLatency{100'000};  // the default link latency, 0.1 ms

sim::RuleProto rule_proto(Protocol p) {
  switch (p) {
    case Protocol::All:
      return sim::RuleProto::All;
    case Protocol::Tcp:
      return sim::RuleProto::Tcp;
    case Protocol::Udp:
      return sim::RuleProto::Udp;
    case Protocol::Icmp:
      return sim::RuleProto::Icmp;
  }
  return sim::RuleProto::All;
}

sim::IpProto ip_proto(Protocol p) {
  return p == Protocol::Udp ? sim::IpProto::Udp : sim::IpProto::Tcp;
}

// "tcp/22", "tcp/1024-65535", "icmp", "all".
std::string proto_ports(Protocol p, PortRange ports) {
  std::string s(sim::name(rule_proto(p)));
  if (p != Protocol::Tcp && p != Protocol::Udp) return s;
  s += "/" + std::to_string(ports.lo);
  if (ports.hi != ports.lo) s += "-" + std::to_string(ports.hi);
  return s;
}

MacAddr mac_of(const std::string& device, const std::string& port) {
  return MacAddr::from_name(device + ":" + port);
}

sim::Ipv4Addr router_ip(const sim::Prefix& subnet) { return {subnet.addr.v + 1}; }

class AwsLowering {
 public:
  AwsLowering(const TopologySpec& spec, LoweredTopology& out) : spec_(spec), out_(out) {}

  void run() {
    bool any_igw = std::any_of(spec_.vpcs.begin(), spec_.vpcs.end(),
                               [](const VpcSpec& v) { return v.internet_gateway.has_value(); });
    if (spec_.internet || any_igw) add_internet();
    for (const VpcSpec& vpc : spec_.vpcs) {
      routers_[vpc.name] = &out_.network.add<sim::VpcRouter>(vpc.name + ":router", vpc.cidr);
    }
    for (const PeeringSpec& p : spec_.peerings) add_peering(p);
    for (const VpcSpec& vpc : spec_.vpcs) add_vpc(vpc);
  }

 private:
  // ---- the internet ----

  void add_internet() {
    core_ = &out_.network.add<sim::InternetCore>("internet:core");
    if (!spec_.internet) return;
    for (const InternetHostSpec& h : spec_.internet->hosts) {
      IpNode& host = out_.network.add<IpNode>(h.name, IpNode::Role::Host);
      host.set_down(h.down);
      MacAddr mac = mac_of(h.name, "eth0");
      host.add_interface("eth0", sim::InterfaceAddr{h.ip, 32}, mac);
      // The whole internet is on-link: the core answers ARP for every address.
      host.add_route(sim::RouteEntry{
          sim::Prefix{}, sim::RouteAction::Forward, {}, 0, 0, 0, "internet uplink", h.loc.str()});
      for (const ListenSpec& l : h.listens) host.add_listener(ip_proto(l.protocol), l.port);
      uint16_t port = core_->add_host_port(h.name, mac_of(core_->name(), h.name), mac);
      core_->add_owned(h.ip, port, "internet host " + h.name);
      connect({host.id(), 0}, {core_->id(), port});
      out_.endpoints.push_back(Endpoint{
          h.name, host.id(), "internet-host", {sim::InterfaceAddr{h.ip, 32}}, h.listens, "", h.ip});
    }
  }

  // ---- VPCs ----

  void add_peering(const PeeringSpec& p) {
    sim::VpcRouter& a = *routers_.at(p.a);
    sim::VpcRouter& b = *routers_.at(p.b);
    uint16_t pa = a.add_gateway_port(p.name, mac_of(a.name(), p.name), mac_of(b.name(), p.name));
    uint16_t pb = b.add_gateway_port(p.name, mac_of(b.name(), p.name), mac_of(a.name(), p.name));
    connect({a.id(), pa}, {b.id(), pb});
    peering_ports_[{p.a, p.name}] = pa;
    peering_ports_[{p.b, p.name}] = pb;
    out_.peered.insert({p.a, p.b});
    out_.peered.insert({p.b, p.a});
  }

  void add_vpc(const VpcSpec& vpc) {
    sim::VpcRouter& router = *routers_.at(vpc.name);
    std::optional<uint16_t> igw_port;
    sim::InternetGateway* igw = nullptr;
    if (vpc.internet_gateway) {
      const std::string& name = vpc.internet_gateway->name;
      igw = &out_.network.add<sim::InternetGateway>(name, mac_of(name, "vpc"));
      igw_port = router.add_gateway_port(name, mac_of(router.name(), name), mac_of(name, "vpc"));
      uint16_t core_port =
          core_->add_gateway_port(name, mac_of(core_->name(), name), mac_of(name, "internet"));
      igw->set_peer_macs(mac_of(router.name(), name), mac_of(core_->name(), name));
      connect({igw->id(), sim::InternetGateway::kVpcPort}, {router.id(), *igw_port});
      connect({igw->id(), sim::InternetGateway::kInternetPort}, {core_->id(), core_port});
      igw_core_port_ = core_port;
    }

    // Subnets first: route targets and the mapping service need their ports.
    std::map<std::string, uint16_t> table_index = table_indices(vpc);
    std::map<std::string, uint16_t> acl_index;
    router.add_acl(sim::StatelessAcl::allow_all("default"));
    for (const NaclSpec& n : vpc.nacls) {
      acl_index[n.name] = router.add_acl(nacl(n));
    }
    std::map<std::string, SubnetInfo> subnets;
    for (const SubnetSpec& s : vpc.subnets) {
      auto& sw = out_.network.add<sim::L2Switch>(vpc.name + "/" + s.name);
      std::string table = s.route_table.empty() ? main_table_name(vpc) : s.route_table;
      uint16_t acl = s.nacl.empty() ? 0 : acl_index.at(s.nacl);
      uint16_t port = router.add_subnet(s.name, s.cidr, mac_of(router.name(), s.name),
                                        table_index.at(table), acl);
      uint16_t sw_port = sw.add_port("p" + std::to_string(sw.ports().size() + 1));
      connect({sw.id(), sw_port}, {router.id(), port});
      subnets[s.name] = SubnetInfo{&s, sw.id(), port};
    }

    std::map<std::string, std::vector<sim::Prefix>> members = group_members(vpc);
    for (const NatGatewaySpec& n : vpc.nat_gateways) {
      const SubnetInfo& s = subnets.at(n.subnet);
      IpNode& node = out_.network.add<IpNode>(n.name, IpNode::Role::NatGateway);
      node.set_down(n.down);
      MacAddr mac = mac_of(n.name, "eth0");
      node.add_interface("eth0", sim::InterfaceAddr{n.ip, s.spec->cidr.len}, mac);
      add_default_route(node, s.spec->cidr, n.loc);
      node.add_masquerade(sim::Masquerade{0, std::nullopt}, sim::PortPolicy::Sequential);
      attach(node, s);
      router.add_neighbour(n.ip, mac);
      if (igw) igw->add_address(n.ip, n.elastic_ip, "NAT gateway " + n.name);
      if (core_ && igw) core_->add_owned(n.elastic_ip, igw_core_port_, "IGW " + igw->name());
      out_.endpoints.push_back(Endpoint{n.name,
                                        node.id(),
                                        "nat-gateway",
                                        {sim::InterfaceAddr{n.ip, s.spec->cidr.len}},
                                        {},
                                        vpc.name,
                                        n.elastic_ip});
    }
    for (const InstanceSpec& i : vpc.instances) {
      const SubnetInfo& s = subnets.at(i.subnet);
      IpNode& node = add_instance(vpc, i, s, members);
      router.add_neighbour(i.ip, node.interfaces()[0].mac);
      if (igw) igw->add_address(i.ip, i.elastic_ip, "instance " + i.name);
      if (core_ && igw && i.elastic_ip) {
        core_->add_owned(*i.elastic_ip, igw_core_port_, "IGW " + igw->name());
      }
    }
    lower_vpc_dhcp(vpc, router, out_.network);  // ip="dhcp" instances (docs/dhcp.md)
    add_load_balancers(vpc, router, igw, subnets, members);
    add_route_tables(vpc, router, subnets, igw_port);
  }

  struct SubnetInfo {
    const SubnetSpec* spec = nullptr;
    DeviceId device;
    uint16_t router_port = 0;
  };

  // Load balancer nodes, as instances without an InstanceSpec (topology/load_balancer_lower.cpp).
  void add_load_balancers(const VpcSpec& vpc, sim::VpcRouter& router, sim::InternetGateway* igw,
                          const std::map<std::string, SubnetInfo>& subnets,
                          const std::map<std::string, std::vector<sim::Prefix>>& members) {
    LbLoweringHooks hooks;
    hooks.router = &router;  // an NLB's return path
    hooks.add_node = [&](const std::string& name, const SubnetSpec& s, sim::Ipv4Addr ip,
                         const SourceLoc& loc) -> IpNode& {
      IpNode& node = out_.network.add<IpNode>(name, IpNode::Role::Host);
      node.add_interface("eth0", sim::InterfaceAddr{ip, s.cidr.len}, mac_of(name, "eth0"));
      add_default_route(node, s.cidr, loc);
      node.set_source_dest_check(0, true);
      attach(node, subnets.at(s.name));
      router.add_neighbour(ip, node.interfaces()[0].mac);
      if (igw) igw->add_address(ip, std::nullopt, name);
      return node;
    };
    hooks.security_groups = [&](const std::vector<std::string>& groups) {
      InstanceSpec as_instance;
      as_instance.security_groups = groups;
      return security_groups(vpc, as_instance, members);
    };
    hooks.expose = [&](sim::Ipv4Addr private_ip, sim::Ipv4Addr public_ip,
                       const std::string& owner) {
      if (!igw || !core_) return;
      igw->add_address(private_ip, public_ip, owner);
      core_->add_owned(public_ip, igw_core_port_, "IGW " + igw->name());
    };
    lower_load_balancers(vpc, hooks, out_);
  }

  IpNode& add_instance(const VpcSpec& vpc, const InstanceSpec& i, const SubnetInfo& s,
                       const std::map<std::string, std::vector<sim::Prefix>>& members) {
    // An instance that may forward: a NAT instance or a router appliance.
    bool forwards = !i.source_dest_check || !i.masquerades.empty();
    IpNode& node =
        out_.network.add<IpNode>(i.name, forwards ? IpNode::Role::Router : IpNode::Role::Host);
    node.set_down(i.down);
    MacAddr mac = i.mac.value_or(mac_of(i.name, "eth0"));
    sim::InterfaceAddr addr{i.ip, s.spec->cidr.len};
    node.add_interface("eth0", addr, mac);
    add_default_route(node, s.spec->cidr, i.loc);
    node.set_source_dest_check(0, i.source_dest_check);
    node.set_security_groups(0, security_groups(vpc, i, members));
    for (const ListenSpec& l : i.listens) node.add_listener(ip_proto(l.protocol), l.port);
    for (const MasqueradeSpec& m : i.masquerades) node.add_masquerade(sim::Masquerade{0, m.source});
    for (const PortForwardSpec& f : i.port_forwards) {
      node.add_port_forward(sim::PortForward{ip_proto(f.protocol), f.port, f.to_ip, f.to_port});
    }
    attach(node, s);
    out_.endpoints.push_back(
        Endpoint{i.name, node.id(), "instance", {addr}, i.listens, vpc.name, i.elastic_ip});
    return node;
  }

  void add_default_route(IpNode& node, const sim::Prefix& subnet, const SourceLoc& loc) {
    node.add_route(sim::RouteEntry{sim::Prefix{}, sim::RouteAction::Forward, router_ip(subnet), 0,
                                   0, 0, "default gateway (VPC router)", loc.str()});
  }

  void attach(IpNode& node, const SubnetInfo& s) {
    sim::Device& sw = out_.network.device(s.device);
    uint16_t port = sw.add_port("p" + std::to_string(sw.ports().size() + 1));
    connect({node.id(), 0}, {s.device, port});
  }

  // ---- security groups ----

  // Private /32s of the instances in each group; instances naming no group are
  // in the VPC's "default" group.
  static std::map<std::string, std::vector<sim::Prefix>> group_members(const VpcSpec& vpc) {
    std::map<std::string, std::vector<sim::Prefix>> members;
    for (const InstanceSpec& i : vpc.instances) {
      std::vector<std::string> groups = i.security_groups;
      if (groups.empty()) groups.push_back("default");
      for (const std::string& g : groups) members[g].push_back(sim::Prefix{i.ip, 32});
    }
    add_lb_group_members(vpc, members);  // topology/load_balancer_lower.cpp
    return members;
  }

  sim::StatefulFilter security_groups(
      const VpcSpec& vpc, const InstanceSpec& i,
      const std::map<std::string, std::vector<sim::Prefix>>& members) {
    sim::StatefulFilter filter;
    filter.exempt(vpc_dns_address(vpc), "the Amazon DNS server " + vpc_dns_address(vpc).str() +
                                            " is not filtered by security groups (docs/dns.md)");
    std::vector<std::string> groups = i.security_groups;
    if (groups.empty()) groups.push_back("default");
    for (const std::string& name : groups) {
      auto spec = std::find_if(vpc.security_groups.begin(), vpc.security_groups.end(),
                               [&](const SecurityGroupSpec& g) { return g.name == name; });
      if (spec == vpc.security_groups.end()) {
        // AWS's default group: members may talk to each other; all outbound.
        FilterRule in{1,
                      true,
                      sim::RuleProto::All,
                      0,
                      65535,
                      member_list(members, "default"),
                      "all from group default",
                      ""};
        FilterRule out{1, true, sim::RuleProto::All, 0, 65535, {sim::Prefix{}}, "all to 0.0.0.0/0",
                       ""};
        filter.add_group("default", {in}, {out});
        continue;
      }
      filter.add_group(name, sg_rules(*spec, true, members), sg_rules(*spec, false, members));
    }
    return filter;
  }

  static std::vector<sim::Prefix> member_list(
      const std::map<std::string, std::vector<sim::Prefix>>& members, const std::string& group) {
    auto it = members.find(group);
    return it == members.end() ? std::vector<sim::Prefix>{} : it->second;
  }

  static std::vector<FilterRule> sg_rules(
      const SecurityGroupSpec& g, bool inbound,
      const std::map<std::string, std::vector<sim::Prefix>>& members) {
    std::vector<FilterRule> rules;
    const char* peer = inbound ? " from " : " to ";
    for (const SgRuleSpec& r : g.rules) {
      if (r.inbound != inbound) continue;
      FilterRule f;
      f.number = uint32_t(rules.size() + 1);
      f.proto = rule_proto(r.protocol);
      f.port_lo = r.ports.lo;
      f.port_hi = r.ports.hi;
      std::string who;
      if (r.cidr) {
        f.peers = {*r.cidr};
        who = r.cidr->str();
      } else {
        f.peers = member_list(members, r.group);
        who = "group " + r.group;
      }
      f.label = proto_ports(r.protocol, r.ports) + peer + who;
      f.source = r.loc.str();
      rules.push_back(std::move(f));
    }
    bool lists_outbound =
        std::any_of(g.rules.begin(), g.rules.end(), [](const SgRuleSpec& r) { return !r.inbound; });
    if (!inbound && !lists_outbound && g.default_outbound) {
      rules.push_back(FilterRule{1,
                                 true,
                                 sim::RuleProto::All,
                                 0,
                                 65535,
                                 {sim::Prefix{}},
                                 "all to 0.0.0.0/0 (the default rule)",
                                 g.loc.str()});
    }
    return rules;
  }

  // ---- NACLs ----

  static sim::StatelessAcl nacl(const NaclSpec& n) {
    std::vector<FilterRule> in, out;
    for (const NaclRuleSpec& r : n.rules) {
      FilterRule f;
      f.number = r.number;
      f.allow = r.allow;
      f.proto = rule_proto(r.protocol);
      f.port_lo = r.ports.lo;
      f.port_hi = r.ports.hi;
      f.peers = {r.cidr};
      f.label = std::string(r.allow ? "allow " : "deny ") + proto_ports(r.protocol, r.ports) +
                (r.inbound ? " from " : " to ") + r.cidr.str();
      f.source = r.loc.str();
      (r.inbound ? in : out).push_back(std::move(f));
    }
    return sim::StatelessAcl(n.name, std::move(in), std::move(out));
  }

  // ---- route tables ----

  // Key of the table AWS creates when none is marked main. A user may name a table "main"
  // without marking it, so the key must be one no XML name can spell.
  static constexpr const char* kImplicitMainKey = "\x01implicit-main";

  static std::string main_table_name(const VpcSpec& vpc) {
    for (const RouteTableSpec& t : vpc.route_tables) {
      if (t.main) return t.name;
    }
    return kImplicitMainKey;  // with no table marked main, ours has the local route only
  }

  // What explanations call the implicit main table: "main", unless a user table has that name.
  static std::string implicit_main_display_name(const VpcSpec& vpc) {
    for (const RouteTableSpec& t : vpc.route_tables) {
      if (t.name == "main") return "main (implicit)";
    }
    return "main";
  }

  // Table indices in the router: declared tables in order, then the implicit main.
  static std::map<std::string, uint16_t> table_indices(const VpcSpec& vpc) {
    std::map<std::string, uint16_t> index;
    for (const RouteTableSpec& t : vpc.route_tables) index.emplace(t.name, uint16_t(index.size()));
    if (main_table_name(vpc) == kImplicitMainKey)
      index.emplace(kImplicitMainKey, uint16_t(index.size()));
    return index;
  }

  void add_route_tables(const VpcSpec& vpc, sim::VpcRouter& router,
                        const std::map<std::string, SubnetInfo>& subnets,
                        std::optional<uint16_t> igw_port) {
    using Kind = sim::VpcRouteTarget::Kind;
    std::map<std::string, uint32_t> targets;
    targets["local"] = router.add_target({Kind::Local, "local", 0, {}});
    targets["blackhole"] = router.add_target({Kind::Blackhole, "blackhole", 0, {}});
    if (igw_port) {
      const std::string& name = vpc.internet_gateway->name;
      targets[name] = router.add_target({Kind::Gateway, name, *igw_port, {}});
    }
    auto eni = [&](const std::string& name, const std::string& subnet, sim::Ipv4Addr ip) {
      targets[name] = router.add_target({Kind::Eni, name, subnets.at(subnet).router_port, ip});
    };
    for (const NatGatewaySpec& n : vpc.nat_gateways) eni(n.name, n.subnet, n.ip);
    for (const InstanceSpec& i : vpc.instances) eni(i.name, i.subnet, i.ip);
    for (const auto& [key, port] : peering_ports_) {
      if (key.first == vpc.name) {
        targets[key.second] = router.add_target({Kind::Peering, key.second, port, {}});
      }
    }

    std::vector<const RouteTableSpec*> tables;
    for (const RouteTableSpec& t : vpc.route_tables) tables.push_back(&t);
    RouteTableSpec implicit_main;
    implicit_main.name = implicit_main_display_name(vpc);
    if (table_indices(vpc).size() > vpc.route_tables.size()) tables.push_back(&implicit_main);
    for (const RouteTableSpec* t : tables) {
      sim::RouteTable table(t->name);
      table.add(sim::RouteEntry{
          vpc.cidr, sim::RouteAction::Forward, {}, 0, 0, targets["local"], "local", vpc.loc.str()});
      for (const VpcRouteSpec& r : t->routes) {
        auto it = targets.find(r.target);
        if (it == targets.end()) continue;  // validate() reported it
        bool blackhole = r.target == "blackhole";
        table.add(
            sim::RouteEntry{r.destination,
                            blackhole ? sim::RouteAction::Blackhole : sim::RouteAction::Forward,
                            {},
                            0,
                            0,
                            it->second,
                            "route",
                            r.loc.str()});
      }
      router.add_table(std::move(table));
    }
  }

  void connect(sim::PortRef a, sim::PortRef b) { out_.network.connect(a, b, kFabricLatency); }

  const TopologySpec& spec_;
  LoweredTopology& out_;
  sim::InternetCore* core_ = nullptr;
  uint16_t igw_core_port_ = 0;
  std::map<std::string, sim::VpcRouter*> routers_;
  std::map<std::pair<std::string, std::string>, uint16_t> peering_ports_;  // (vpc, peering)
};

}  // namespace

void lower_aws(const TopologySpec& spec, LoweredTopology& out) { AwsLowering(spec, out).run(); }

}  // namespace vpcsim::topo
