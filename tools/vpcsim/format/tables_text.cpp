#include "tools/vpcsim/format/tables_text.hpp"

#include <vector>

#include "sim/aws/internet_gateway.hpp"
#include "sim/aws/vpc_router.hpp"
#include "sim/devices/ip_node.hpp"
#include "sim/devices/l2_switch.hpp"

namespace vpcsim::cli {
namespace {

std::string table(const std::string& title, const std::vector<std::string>& lines) {
  std::string out = title + "\n";
  if (lines.empty()) out += "  (empty)\n";
  for (const std::string& l : lines) out += "  " + l + "\n";
  return out;
}

std::string pad(std::string s, size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

std::vector<std::string> iface_names(const sim::IpNode& node) {
  std::vector<std::string> names;
  for (const sim::IpInterface& i : node.interfaces()) names.push_back(i.name);
  return names;
}

// conntrack -L: "tcp      6 src=A dst=B sport=P dport=Q src=B' dst=A' sport=Q' dport=P'".
std::string conntrack_half(const sim::FlowTuple& t) {
  std::string s = "src=" + t.src.str() + " dst=" + t.dst.str();
  if (t.proto == sim::IpProto::Icmp) {
    return s + " type=" + std::to_string(t.icmp_type) + " code=0 id=" + std::to_string(t.src_port);
  }
  return s + " sport=" + std::to_string(t.src_port) + " dport=" + std::to_string(t.dst_port);
}

std::string conntrack_line(const sim::NatEntry& e) {
  std::string proto = e.original.proto == sim::IpProto::Tcp   ? "tcp"
                      : e.original.proto == sim::IpProto::Udp ? "udp"
                                                              : "icmp";
  return pad(proto, 8) + " " + std::to_string(int(e.original.proto)) + " " +
         conntrack_half(e.original) + " " + conntrack_half(e.reply);
}

}  // namespace

std::string arp_table_text(const sim::Simulation& sim, sim::DeviceId device) {
  const auto* node = dynamic_cast<const sim::IpNode*>(&sim.network().device(device));
  if (!node) return "";
  std::vector<std::string> lines;
  for (const sim::ArpCache::Entry& e : node->arp().entries(sim.now())) {
    lines.push_back(e.ip.str() + " dev " + node->interfaces()[e.iface].name + " lladdr " +
                    e.mac.str() + " REACHABLE");
  }
  return table(node->name() + " ARP cache (ip neigh):", lines);
}

std::string mac_table_text(const sim::Simulation& sim, sim::DeviceId device) {
  const auto* sw = dynamic_cast<const sim::L2Switch*>(&sim.network().device(device));
  if (!sw) return "";
  std::vector<std::string> lines;
  for (const sim::MacTable::Entry& e : sw->mac_table().entries(sim.now())) {
    lines.push_back(e.mac.str() + " dev " + sw->ports()[e.port].name + " master " + sw->name() +
                    (e.is_static ? " permanent" : ""));
  }
  return table(sw->name() + " MAC table (bridge fdb):", lines);
}

std::string routes_text(const sim::Simulation& sim, sim::DeviceId device) {
  const sim::Device& dev = sim.network().device(device);
  if (const auto* node = dynamic_cast<const sim::IpNode*>(&dev)) {
    std::vector<std::string> lines;
    std::vector<std::string> names = iface_names(*node);
    for (const sim::RouteEntry& e : node->routes().entries()) {
      lines.push_back(e.str(names) + (e.origin.empty() ? "" : "  # " + e.origin));
    }
    return table(node->name() + " routes (ip route):", lines);
  }
  const auto* router = dynamic_cast<const sim::VpcRouter*>(&dev);
  if (!router) return "";
  std::string out;
  for (size_t t = 0; t < router->tables().size(); ++t) {
    const sim::RouteTable& rt = router->tables()[t];
    std::string subnets;
    for (const sim::VpcRouter::SubnetPort& s : router->subnets()) {
      if (s.table == t) subnets += (subnets.empty() ? "" : ", ") + s.name;
    }
    std::vector<std::string> lines{pad("Destination", 20) + "Target"};
    for (const sim::RouteEntry& e : rt.entries()) {
      lines.push_back(pad(e.dst.str(), 20) + router->target(e.target).name);
    }
    out += (out.empty() ? "" : "\n") +
           table(router->name() + " route table " + rt.name() + " (subnets: " +
                     (subnets.empty() ? "none" : subnets) + "):",
                 lines);
  }
  return out;
}

std::string nat_table_text(const sim::Simulation& sim, sim::DeviceId device) {
  const sim::Device& dev = sim.network().device(device);
  if (const auto* node = dynamic_cast<const sim::IpNode*>(&dev)) {
    std::vector<std::string> lines;
    if (node->nat()) {
      for (const sim::NatEntry& e : node->nat()->entries()) lines.push_back(conntrack_line(e));
    } else {
      lines.push_back("(" + node->name() + " translates nothing: no masquerade or port forward)");
    }
    return table(node->name() + " NAT connections (conntrack -L):", lines);
  }
  if (const auto* igw = dynamic_cast<const sim::InternetGateway*>(&dev)) {
    std::vector<std::string> lines;
    for (const auto& m : igw->mappings()) {
      lines.push_back(pad(m.private_ip.str(), 16) + "<-> " + pad(m.public_ip.str(), 16) + m.owner);
    }
    return table(igw->name() + " 1:1 NAT, private <-> public (internet gateway):", lines);
  }
  return "";
}

}  // namespace vpcsim::cli
