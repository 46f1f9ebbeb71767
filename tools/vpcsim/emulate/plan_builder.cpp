#include "tools/vpcsim/emulate/plan_builder.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace vpcsim::emulate {
namespace {

// Namespace names are file names under /run/netns: keep them to characters that
// need no quoting. User names are [A-Za-z0-9_.-]; the implicit devices add ':'.
std::string sanitized(std::string_view name) {
  std::string out;
  for (char c : name) {
    bool ok =
        std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' || c == ':';
    out += ok ? c : '_';
  }
  return out;
}

bool valid_ifname(const std::string& name) {
  if (name.empty() || name.size() > 15 || name == "." || name == "..") return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
  });
}

}  // namespace

std::vector<std::string> port_forward_rule(const topo::PortForwardSpec& f) {
  std::string proto = f.protocol == topo::Protocol::Udp ? "udp" : "tcp";
  uint16_t to_port = f.to_port ? f.to_port : f.port;
  // Only what is addressed to the node itself is forwarded (not traffic it routes).
  std::vector<std::string> args{"-t", "nat",      "-A",         "PREROUTING",
                                "-p", proto,      "--dport",    std::to_string(f.port),
                                "-m", "addrtype", "--dst-type", "LOCAL"};
  if (f.to_ip) {
    args.insert(args.end(),
                {"-j", "DNAT", "--to-destination", f.to_ip->str() + ":" + std::to_string(to_port)});
  } else {
    args.insert(args.end(), {"-j", "REDIRECT", "--to-ports", std::to_string(to_port)});
  }
  return args;
}

std::string mac_text(const sim::MacAddr& mac) { return mac.str(); }

sim::MacAddr derived_mac(const std::string& device, const std::string& port) {
  return sim::MacAddr::from_name(device + ":" + port);
}

PlanBuilder::PlanBuilder(std::string_view prefix, std::string_view topology, PlanOptions options)
    : options_(options) {
  plan_.name_prefix_ = sanitized(prefix) + "-" + sanitized(topology) + "-";
}

const std::string& PlanBuilder::add_namespace(const std::string& node, const std::string& what,
                                              bool forwarding) {
  std::string ns = plan_.name_prefix_ + sanitized(node);
  if (std::find(plan_.namespaces_.begin(), plan_.namespaces_.end(), ns) !=
      plan_.namespaces_.end()) {
    throw std::logic_error("two nodes map to namespace " + ns);
  }
  plan_.namespaces_.push_back(ns);
  plan_.node_namespace_[node] = ns;
  plan_.create_.push_back({{"ip", "netns", "add", ns}, "namespace of " + what});
  interfaces_[ns].insert("lo");
  // Every namespace starts from the kernel's defaults for a new namespace, except
  // what would make Linux differ from the model for no reason of the plan's:
  // - no reverse-path filter (the model has none; asymmetric paths are legal),
  // - no ICMP redirects (the model's routers never send them; a NAT instance
  //   forwards out of the interface a packet came in by),
  // - ARP entries kept when a link loses carrier (the model's hosts keep
  //   sending to the MAC they know through a pulled cable, docs/faults.md),
  // - no ICMP rate limit (every probe gets its error, as in the model),
  // - forwarding only where the model forwards,
  // - no IPv6 (the model has none: its neighbour discovery and MLD frames would
  //   fill the switches' MAC tables with nodes that never sent IPv4).
  sysctl(ns,
         {"net.ipv4.ip_forward=" + std::string(forwarding ? "1" : "0"),
          "net.ipv4.conf.all.rp_filter=0", "net.ipv4.conf.default.rp_filter=0",
          "net.ipv4.conf.all.send_redirects=0", "net.ipv4.conf.default.send_redirects=0",
          "net.ipv4.conf.all.accept_redirects=0", "net.ipv4.conf.default.accept_redirects=0",
          "net.ipv4.icmp_ratelimit=0", "net.ipv4.conf.all.arp_evict_nocarrier=0",
          "net.ipv4.conf.default.arp_evict_nocarrier=0", "net.ipv6.conf.all.disable_ipv6=1",
          "net.ipv6.conf.default.disable_ipv6=1"},
         "kernel settings of " + node + " (forwarding " + (forwarding ? "on" : "off") + ")");
  ip(ns, {"link", "set", "lo", "up"}, "loopback of " + node);
  return plan_.namespaces_.back();
}

const std::string& PlanBuilder::netns(std::string_view node) const {
  auto it = plan_.node_namespace_.find(node);
  if (it == plan_.node_namespace_.end())
    throw std::logic_error("no namespace for " + std::string(node));
  return it->second;
}

void PlanBuilder::ip(const std::string& ns, std::vector<std::string> args, std::string why) {
  // A device that is switched off loses its routes with its interfaces: they
  // are added back when it is restored (idempotent: `replace`).
  if (args.size() > 2 && args[0] == "route" && args[1] == "add") {
    std::vector<std::string> again{"ip", "-n", ns, "route", "replace"};
    again.insert(again.end(), args.begin() + 2, args.end());
    routes_[ns].push_back({std::move(again), "back on: " + why});
  }
  std::vector<std::string> argv{"ip", "-n", ns};
  argv.insert(argv.end(), std::make_move_iterator(args.begin()),
              std::make_move_iterator(args.end()));
  plan_.create_.push_back({std::move(argv), std::move(why)});
}

void PlanBuilder::exec(const std::string& ns, std::vector<std::string> argv, std::string why) {
  std::vector<std::string> full{"ip", "netns", "exec", ns};
  full.insert(full.end(), std::make_move_iterator(argv.begin()),
              std::make_move_iterator(argv.end()));
  plan_.create_.push_back({std::move(full), std::move(why)});
}

void PlanBuilder::iptables(const std::string& ns, std::vector<std::string> args, std::string why) {
  args.insert(args.begin(), "iptables");
  exec(ns, std::move(args), std::move(why));
}

void PlanBuilder::sysctl(const std::string& ns, std::vector<std::string> assignments,
                         std::string why) {
  // -e: a key the running kernel lacks (a module not loaded) is no error.
  assignments.insert(assignments.begin(), {"sysctl", "-q", "-e", "-w"});
  exec(ns, std::move(assignments), std::move(why));
}

void PlanBuilder::veth(const VethEnd& a, const VethEnd& b, std::string why) {
  interfaces_[a.netns].insert(a.ifname);
  interfaces_[b.netns].insert(b.ifname);
  std::vector<std::string> args{"link", "add", a.ifname};
  if (a.mac) args.insert(args.end(), {"address", mac_text(*a.mac)});
  args.insert(args.end(), {"type", "veth", "peer", "name", b.ifname});
  if (b.mac) args.insert(args.end(), {"address", mac_text(*b.mac)});
  args.insert(args.end(), {"netns", b.netns});
  ip(a.netns, std::move(args), std::move(why));
}

void PlanBuilder::listen(const std::string& node, const topo::ListenSpec& listen) {
  const std::string& ns = netns(node);
  bool udp = listen.protocol == topo::Protocol::Udp;
  std::string port = std::to_string(listen.port);
  // OpenBSD nc: -k keeps listening after each connection (and, for UDP, keeps
  // the socket unconnected, so every sender is served); -n: no DNS.
  std::vector<std::string> argv{"nc", udp ? "-lknu" : "-lkn", port};
  std::string why = std::string(udp ? "udp" : "tcp") + "/" + port + " listener of " + node;
  plan_.listeners_.push_back(Listener{node, ns, argv, why, udp, listen.port});
}

std::string PlanBuilder::interface_name(const std::string& ns, const std::string& preferred,
                                        std::string_view stem) {
  std::set<std::string>& used = interfaces_[ns];
  if (valid_ifname(preferred) && !used.count(preferred)) {
    used.insert(preferred);
    return preferred;
  }
  for (unsigned n = 1;; ++n) {
    std::string name = std::string(stem) + std::to_string(n);
    if (!used.count(name)) {
      used.insert(name);
      return name;
    }
  }
}

TransitLink PlanBuilder::next_transit() {
  // 169.254.1.0/30, 169.254.1.4/30, ...: 169.254.0.0/24 is kept for the internet
  // core's side of its host links (169.254.0.1).
  uint32_t base = (169u << 24) | (254u << 16) | (1u << 8);
  uint32_t net = base + 4 * next_transit_++;
  return TransitLink{sim::Prefix{sim::Ipv4Addr{net}, 30}, sim::Ipv4Addr{net + 1},
                     sim::Ipv4Addr{net + 2}};
}

void PlanBuilder::note(std::string text) { plan_.notes_.push_back(std::move(text)); }

std::string PlanBuilder::cable(const std::string& cable_node, const VethEnd& a, const VethEnd& b,
                               size_t link, const std::string& what) {
  std::string ns = add_namespace(cable_node, "the cable of link " + what, false);
  veth(a, VethEnd{ns, "end-a", std::nullopt}, "link " + what + " (through a cable)");
  veth(b, VethEnd{ns, "end-b", std::nullopt}, "link " + what + " (through a cable)");
  // A wire (ends not named "a" or "b": ip reads those as "address"): every frame in at one end goes
  // out of the other, untouched (BPDUs and ARP included, which a bridge here would not pass
  // faithfully).
  for (auto [in, out] : {std::pair{"end-a", "end-b"}, std::pair{"end-b", "end-a"}}) {
    exec(ns, {"tc", "qdisc", "add", "dev", in, "ingress"}, "cable of " + what + ": end " + in);
    exec(ns, {"tc",  "filter", "add",    "dev",    in,         "ingress", "protocol",
              "all", "prio",   "1",      "u32",    "match",    "u32",     "0",
              "0",   "action", "mirred", "egress", "redirect", "dev",     out},
         std::string("cable of ") + what + ": what comes in at " + in + " goes out of " + out);
  }
  for (const char* end : {"end-a", "end-b"}) {
    ip(ns, {"link", "set", end, "up"}, "cable of " + what + " plugged in");
    faults().interfaces.push_back({ns, end, {link}, {}});
  }
  return ns;
}

EmulationPlan PlanBuilder::finish() {
  FaultModel& f = faults();
  for (auto& [device, down] : f.devices) {
    auto it = routes_.find(netns(device));
    if (it != routes_.end()) f.on_restore[device] = it->second;
  }
  // What is down in the topology goes down last, once everything is configured
  // (its routes and listeners included, so that a restore brings it all back).
  {
    FaultModel all_up = f;
    for (auto& l : all_up.links) l.down = false;
    for (auto& [d, down] : all_up.devices) down = false;
    FaultState state(all_up);
    for (size_t l = 0; l < f.links.size(); ++l) {
      if (!f.links[l].down) continue;
      for (Command& c : state.set_link(l, true)) {
        c.why = "link " + f.links[l].what + " is down";
        plan_.create_.push_back(std::move(c));
      }
    }
    for (const auto& [device, down] : f.devices) {
      if (!down) continue;
      for (Command& c : state.set_device(device, true)) {
        c.why = device + " is down (powered off)";
        plan_.create_.push_back(std::move(c));
      }
    }
  }
  // Destroying: stop what runs inside, then delete each namespace (its links,
  // bridges, addresses, routes and filters go with it), last created first.
  for (auto it = plan_.namespaces_.rbegin(); it != plan_.namespaces_.rend(); ++it) {
    plan_.destroy_.push_back({{"ip", "netns", "pids", *it},
                              "processes left in " + *it + " (listeners): each is sent SIGTERM",
                              true});
    plan_.destroy_.push_back({{"ip", "netns", "del", *it}, "delete " + *it});
  }
  return std::move(plan_);
}

}  // namespace vpcsim::emulate
