#include "tools/vpcsim/emulate/lan_plan.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <stdexcept>

#include "tools/vpcsim/emulate/unemulated.hpp"

namespace vpcsim::emulate {
namespace {

using topo::NodeKind;
using topo::NodeSpec;

bool is_bridge(const NodeSpec& n) { return n.kind == NodeKind::Switch || n.kind == NodeKind::Hub; }

// The kernel's bridge ageing time is in hundredths of a second.
std::string ageing_centiseconds(const NodeSpec& sw) {
  if (sw.kind == NodeKind::Hub) return "0";  // never learns: every frame is flooded
  int64_t ns = sw.mac_aging ? sw.mac_aging->ns : 300'000'000'000;
  return std::to_string(ns / 10'000'000);
}

class NetworkPlanner {
 public:
  NetworkPlanner(PlanBuilder& plan, const topo::NetworkSpec& net) : plan_(plan), net_(net) {
    for (const NodeSpec& n : net.nodes) nodes_[n.name] = &n;
  }

  void run() {
    find_layer2_loop();
    for (const NodeSpec& n : net_.nodes) add_node(n);
    for (size_t i = 0; i < net_.links.size(); ++i) add_link(net_.links[i], i + 1);
    for (const NodeSpec& n : net_.nodes) {
      if (is_bridge(n)) continue;
      add_unlinked_interfaces(n);
      configure_ip_node(n);
    }
    if (!loop_.empty()) {
      wait_for_stp();
      // After a fault, STP may first let the blocked port's stale information
      // expire (max_age, 6 s), then takes it through listening and learning (4 s).
      plan_.faults().settle_ms = std::max(plan_.faults().settle_ms, 12000);
    }
  }

 private:
  void add_node(const NodeSpec& n) {
    bool router = n.kind == NodeKind::Router;
    // A host that masquerades forwards what it translates (as the model's lowering does).
    bool forwarding = router || !n.masquerades.empty();
    const char* kind = n.kind == NodeKind::Host     ? "host "
                       : n.kind == NodeKind::Router ? "router "
                       : n.kind == NodeKind::Switch ? "switch "
                                                    : "hub ";
    const std::string& ns = plan_.add_namespace(n.name, kind + n.name, forwarding);
    plan_.faults().devices[n.name] = n.down;
    if (!is_bridge(n)) return;
    // Bridged frames must not cross iptables (br_netfilter, when loaded).
    plan_.sysctl(ns, {"net.bridge.bridge-nf-call-iptables=0"},
                 "frames bridged by " + n.name + " skip iptables");
    plan_.interface_name(ns, "br0", "br");
    plan_.ip(ns, {"link", "add", "br0", "type", "bridge", "ageing_time", ageing_centiseconds(n)},
             n.kind == NodeKind::Hub ? "hub " + n.name + ": a bridge that never learns (floods)"
                                     : "switch " + n.name + ": a learning bridge");
    if (!loop_.empty()) {
      // forward_delay and max_age: the kernel's minimums with STP on, 2 s and
      // 6 s (in hundredths), so that STP settles quickly after a fault too.
      plan_.ip(ns,
               {"link", "set", "br0", "type", "bridge", "stp_state", "1", "forward_delay", "200",
                "max_age", "600"},
               "STP on " + n.name + ": the switches form a loop (" + loop_ +
                   "); without it the kernel would flood frames round it forever");
    }
    plan_.ip(ns, {"link", "set", "br0", "up"}, "switch on " + n.name);
    plan_.faults().interfaces.push_back({ns, "br0", {}, {n.name}});
    if (n.kind == NodeKind::Switch) {
      plan_.faults().bridges[n.name] = {ns, "br0", n.mac_aging ? n.mac_aging->ns : 300'000'000'000};
    }
  }

  // A real broadcast storm would take the machine down, so a network whose
  // switches and hubs form a loop gets STP in all of its bridges: the kernel
  // blocks a port of the loop, and the storm the simulator reports does not
  // happen here (docs/emulate.md). Links between two bridges are the only ones
  // that can close a loop (hosts and routers do not bridge).
  void find_layer2_loop() {
    std::map<std::string, std::string> parent;
    std::function<std::string(const std::string&)> root = [&](const std::string& x) {
      auto it = parent.find(x);
      if (it == parent.end() || it->second == x) return x;
      return it->second = root(it->second);
    };
    for (const topo::LinkSpec& l : net_.links) {
      if (!is_bridge(*nodes_.at(l.a.node)) || !is_bridge(*nodes_.at(l.b.node)) || l.down) continue;
      std::string ra = root(l.a.node), rb = root(l.b.node);
      if (ra == rb) {
        loop_ = "link " + l.a.node + " - " + l.b.node + " closes it";
        plan_.note("the switches of network " + net_.name + " form a loop (" + loop_ +
                   "): STP is on in its bridges, so the broadcast storm the simulator reports "
                   "does not happen here; frames take the loop-free tree STP leaves");
        return;
      }
      parent[ra] = rb;
    }
  }

  void wait_for_stp() {
    const NodeSpec* first = nullptr;
    for (const NodeSpec& n : net_.nodes) {
      if (is_bridge(n) && !first) first = &n;
    }
    plan_.exec(plan_.netns(first->name), {"sleep", "5"},
               "STP: ports forward after listening and learning (2 x 2 s)");
  }

  // The veth end of one side of a link: the interface of a host/router, or the
  // next port pN of a switch (ports are numbered in link order, as the model does).
  VethEnd end_of(const topo::LinkEndSpec& end) {
    const NodeSpec& n = *nodes_.at(end.node);
    const std::string& ns = plan_.netns(n.name);
    if (is_bridge(n)) {
      std::string port = "p" + std::to_string(++ports_[n.name]);
      sim_port_ = port;
      return VethEnd{ns, plan_.interface_name(ns, port, "p"), std::nullopt};
    }
    const topo::InterfaceSpec& iface = interface(n, end.interface);
    linked_[n.name].insert(iface.name);
    sim_port_ = iface.name;
    return VethEnd{ns, ifname(n, iface), mac_of(n, iface)};
  }

  void add_link(const topo::LinkSpec& link, size_t number) {
    std::string what =
        link.a.node + describe_if(link.a) + " - " + link.b.node + describe_if(link.b);
    FaultModel& faults = plan_.faults();
    const size_t id = faults.links.size();
    VethEnd a = end_of(link.a);
    faults.link_by_end[{link.a.node, sim_port_}] = id;
    VethEnd b = end_of(link.b);
    faults.link_by_end[{link.b.node, sim_port_}] = id;
    const bool a_bridge = is_bridge(*nodes_.at(link.a.node));
    const bool b_bridge = is_bridge(*nodes_.at(link.b.node));
    faults.links.push_back({what, link.down, true});
    if (a_bridge || b_bridge) {
      // A switch port holds no addresses or routes: setting it down pulls the
      // cable (the far end loses carrier, the bridge flushes the port's MACs).
      plan_.veth(a, b, "link " + what);
    } else if (link.down || plan_.options().cables) {
      plan_.cable("cable:" + std::to_string(number), a, b, id, what);
    } else {
      plan_.veth(a, b, "link " + what);
      faults.links.back().can_fail = false;
    }
    for (const VethEnd* e : {&a, &b}) {
      const topo::LinkEndSpec& spec = e == &a ? link.a : link.b;
      const NodeSpec& n = *nodes_.at(spec.node);
      if (!is_bridge(n)) continue;
      plan_.ip(e->netns, {"link", "set", e->ifname, "master", "br0"},
               "port " + e->ifname + " of " + n.name);
      plan_.ip(e->netns, {"link", "set", e->ifname, "up"},
               "port " + e->ifname + " of " + n.name + " up");
      // The first switch end cuts the link; every port goes with its switch.
      std::vector<size_t> cuts;
      if (e == &a || !a_bridge) cuts.push_back(id);
      faults.interfaces.push_back({e->netns, e->ifname, cuts, {n.name}});
    }
  }

  // An interface no link plugs into: a veth whose other end stays down next to
  // it, so the interface exists (with its address) and has no carrier.
  void add_unlinked_interfaces(const NodeSpec& n) {
    const std::string& ns = plan_.netns(n.name);
    for (const topo::InterfaceSpec& i : n.interfaces) {
      if (linked_[n.name].count(i.name)) continue;
      VethEnd self{ns, ifname(n, i), mac_of(n, i)};
      VethEnd loose{ns, plan_.interface_name(ns, "", "unplugged"), std::nullopt};
      plan_.veth(self, loose, n.name + ":" + i.name + " is not linked: nothing plugged in");
    }
  }

  void configure_ip_node(const NodeSpec& n) {
    const std::string& ns = plan_.netns(n.name);
    for (const topo::InterfaceSpec& i : n.interfaces) {
      std::string dev = ifname(n, i);
      if (has_static_address(i)) {
        plan_.ip(
            ns, {"addr", "add", i.addr.str(), "dev", dev},
            n.name + ":" + i.name + (i.dhcp ? " address (its planned DHCP lease)" : " address"));
      }
      plan_.ip(ns, {"link", "set", dev, "up"}, n.name + ":" + i.name + " up");
      plan_.faults().interfaces.push_back({ns, dev, {}, {n.name}});
    }
    for (size_t k = 0; k < n.interfaces.size(); ++k) {
      const topo::InterfaceSpec& i = n.interfaces[k];
      if (!i.gateway || !has_static_address(i)) continue;
      // Several gateways: the first interface's wins (lower metric), as in the model.
      plan_.ip(ns,
               {"route", "add", "default", "via", i.gateway->str(), "dev", ifname(n, i), "metric",
                std::to_string(k)},
               "default gateway of " + n.name);
    }
    for (const topo::RouteSpec& r : n.routes) add_route(n, r);
    add_nat(n);
    for (const topo::ListenSpec& l : n.listens) plan_.listen(n.name, l);
  }

  void add_route(const NodeSpec& n, const topo::RouteSpec& r) {
    const std::string& ns = plan_.netns(n.name);
    std::string dst = r.destination.str();
    std::string where = "route of " + n.name + " (" + r.loc.str() + ")";
    switch (r.type) {
      case topo::RouteType::Blackhole:
        return plan_.ip(ns, {"route", "add", "blackhole", dst}, where + ": silent drop");
      case topo::RouteType::Unreachable:
        return plan_.ip(ns, {"route", "add", "unreachable", dst},
                        where + ": ICMP host unreachable");
      case topo::RouteType::Prohibit:
        return plan_.ip(ns, {"route", "add", "prohibit", dst},
                        where + ": ICMP administratively prohibited");
      case topo::RouteType::Normal:
        break;
    }
    if (r.via) {
      const topo::InterfaceSpec* out = nullptr;
      for (const topo::InterfaceSpec& i : n.interfaces) {
        if (i.addr.subnet().contains(*r.via)) out = &i;
        if (out) break;
      }
      std::vector<std::string> args{"route", "add", dst, "via", r.via->str()};
      if (out) args.insert(args.end(), {"dev", ifname(n, *out)});
      return plan_.ip(ns, std::move(args), where);
    }
    plan_.ip(ns, {"route", "add", dst, "dev", ifname(n, interface(n, r.interface))}, where);
  }

  void add_nat(const NodeSpec& n) {
    const std::string& ns = plan_.netns(n.name);
    for (const topo::MasqueradeSpec& m : n.masquerades) {
      const topo::InterfaceSpec* out = masquerade_interface(n, m);
      if (!out) continue;  // validate() reports it
      std::vector<std::string> args{"-t", "nat", "-A", "POSTROUTING", "-o", ifname(n, *out)};
      if (m.source) args.insert(args.end(), {"-s", m.source->str()});
      args.insert(args.end(), {"-j", "MASQUERADE"});
      plan_.iptables(ns, std::move(args), "masquerade of " + n.name + " (" + m.loc.str() + ")");
    }
    for (const topo::PortForwardSpec& f : n.port_forwards) {
      plan_.iptables(ns, port_forward_rule(f),
                     "port forward of " + n.name + " (" + f.loc.str() + ")");
    }
  }

  // <masquerade> without interface=: the only interface, else the one the
  // default route leaves by (the model's rule).
  static const topo::InterfaceSpec* masquerade_interface(const NodeSpec& n,
                                                         const topo::MasqueradeSpec& m) {
    if (!m.interface.empty()) {
      for (const topo::InterfaceSpec& i : n.interfaces) {
        if (i.name == m.interface) return &i;
      }
      return nullptr;
    }
    if (n.interfaces.size() == 1) return &n.interfaces.front();
    for (const topo::InterfaceSpec& i : n.interfaces) {
      if (i.gateway) return &i;
    }
    for (const topo::RouteSpec& r : n.routes) {
      if (r.destination.len != 0 || r.type != topo::RouteType::Normal) continue;
      for (const topo::InterfaceSpec& i : n.interfaces) {
        if (r.via ? i.addr.subnet().contains(*r.via) : i.name == r.interface) return &i;
      }
    }
    return nullptr;
  }

  const topo::InterfaceSpec& interface(const NodeSpec& n, const std::string& name) {
    if (name.empty()) return n.interfaces.front();  // a one-interface node named alone
    for (const topo::InterfaceSpec& i : n.interfaces) {
      if (i.name == name) return i;
    }
    throw std::logic_error("no interface " + name + " on " + n.name + " (not validated?)");
  }

  // The Linux name of a node's interface: its own name when valid, else ifN,
  // decided once per interface.
  std::string ifname(const NodeSpec& n, const topo::InterfaceSpec& i) {
    auto key = std::make_pair(n.name, i.name);
    auto it = ifnames_.find(key);
    if (it != ifnames_.end()) return it->second;
    return ifnames_[key] = plan_.interface_name(plan_.netns(n.name), i.name, "if");
  }

  static sim::MacAddr mac_of(const NodeSpec& n, const topo::InterfaceSpec& i) {
    return i.mac.value_or(derived_mac(n.name, i.name));
  }

  std::string describe_if(const topo::LinkEndSpec& e) const {
    return e.interface.empty() ? "" : ":" + e.interface;
  }

  PlanBuilder& plan_;
  const topo::NetworkSpec& net_;
  std::map<std::string, const NodeSpec*> nodes_;
  std::string loop_;                       // how the switches form a loop; empty when they do not
  std::map<std::string, unsigned> ports_;  // switch -> ports so far
  std::map<std::string, std::set<std::string>> linked_;  // node -> linked interfaces
  std::map<std::pair<std::string, std::string>, std::string> ifnames_;
  std::string sim_port_;  // the port end_of() just planned, as the simulator names it
};

}  // namespace

void plan_network(PlanBuilder& plan, const topo::NetworkSpec& network) {
  NetworkPlanner(plan, network).run();
}

}  // namespace vpcsim::emulate
