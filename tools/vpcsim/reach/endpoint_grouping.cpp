#include "tools/vpcsim/reach/endpoint_grouping.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace vpcsim::cli {
namespace {

using sim::Ipv4Addr;
using sim::Prefix;

struct InstanceRef {
  const topo::VpcSpec* vpc = nullptr;
  const topo::InstanceSpec* spec = nullptr;
};

// Every CIDR the plan mentions: whatever a device could compare an address with.
std::vector<Prefix> mentioned_cidrs(const topo::TopologySpec& spec) {
  std::set<Prefix> cidrs;
  auto host = [](Ipv4Addr ip) { return Prefix{ip, 32}; };
  // The internet core treats private ranges apart.
  for (const char* rfc1918 : {"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"}) {
    cidrs.insert(*Prefix::parse(rfc1918));
  }
  auto add_nat = [&](const std::vector<topo::MasqueradeSpec>& masquerades,
                     const std::vector<topo::PortForwardSpec>& forwards) {
    for (const auto& m : masquerades) {
      if (m.source) cidrs.insert(*m.source);
    }
    for (const auto& f : forwards) {
      if (f.to_ip) cidrs.insert(host(*f.to_ip));
    }
  };
  if (spec.internet) {
    for (const auto& h : spec.internet->hosts) cidrs.insert(host(h.ip));
  }
  for (const topo::VpcSpec& vpc : spec.vpcs) {
    cidrs.insert(vpc.cidr);
    for (const auto& s : vpc.subnets) cidrs.insert(s.cidr);
    for (const auto& t : vpc.route_tables) {
      for (const auto& r : t.routes) cidrs.insert(r.destination);
    }
    for (const auto& n : vpc.nacls) {
      for (const auto& r : n.rules) cidrs.insert(r.cidr);
    }
    for (const auto& g : vpc.security_groups) {
      for (const auto& r : g.rules) {
        if (r.cidr) cidrs.insert(*r.cidr);
      }
    }
    for (const auto& n : vpc.nat_gateways) {
      cidrs.insert(host(n.ip));
      cidrs.insert(host(n.elastic_ip));
    }
    for (const auto& i : vpc.instances) add_nat(i.masquerades, i.port_forwards);
  }
  for (const topo::NetworkSpec& net : spec.networks) {
    for (const topo::NodeSpec& node : net.nodes) {
      for (const auto& i : node.interfaces) {
        cidrs.insert(i.addr.subnet());
        if (i.gateway) cidrs.insert(host(*i.gateway));
      }
      for (const auto& r : node.routes) {
        cidrs.insert(r.destination);
        if (r.via) cidrs.insert(host(*r.via));
      }
      add_nat(node.masquerades, node.port_forwards);
    }
  }
  return {cidrs.begin(), cidrs.end()};
}

// Addresses that packets may be forwarded to without being aimed there by the
// probe: port-forward destinations anywhere in the plan.
std::set<Ipv4Addr> forward_destinations(const topo::TopologySpec& spec) {
  std::set<Ipv4Addr> out;
  auto add = [&](const std::vector<topo::PortForwardSpec>& forwards) {
    for (const auto& f : forwards) {
      if (f.to_ip) out.insert(*f.to_ip);
    }
  };
  for (const auto& vpc : spec.vpcs) {
    for (const auto& i : vpc.instances) add(i.port_forwards);
  }
  for (const auto& net : spec.networks) {
    for (const auto& n : net.nodes) add(n.port_forwards);
  }
  return out;
}

std::vector<uint64_t> membership(Ipv4Addr ip, const std::vector<Prefix>& cidrs) {
  std::vector<uint64_t> bits((cidrs.size() + 63) / 64, 0);
  for (size_t i = 0; i < cidrs.size(); ++i) {
    if (cidrs[i].contains(ip)) bits[i / 64] |= uint64_t{1} << (i % 64);
  }
  return bits;
}

// Everything that may make an instance behave differently from another.
struct InstanceKey {
  std::string vpc, subnet;
  std::vector<std::string> groups;
  bool has_public = false;
  std::vector<std::pair<int, uint16_t>> listens;
  std::vector<uint64_t> private_in, public_in;
  auto operator<=>(const InstanceKey&) const = default;
};

class Classifier {
 public:
  explicit Classifier(const topo::TopologySpec& spec)
      : cidrs_(mentioned_cidrs(spec)), forward_to_(forward_destinations(spec)) {
    for (const topo::VpcSpec& vpc : spec.vpcs) {
      for (const auto& t : vpc.route_tables) {
        for (const auto& r : t.routes) route_targets_.insert({vpc.name, r.target});
      }
      for (const auto& i : vpc.instances) instances_[i.name] = InstanceRef{&vpc, &i};
    }
  }

  // The instance behind an endpoint, when it is one that may share a class.
  [[nodiscard]] const InstanceRef* groupable(const topo::Endpoint& ep) const {
    if (ep.kind != "instance") return nullptr;
    auto it = instances_.find(ep.name);
    if (it == instances_.end()) return nullptr;
    const topo::InstanceSpec& i = *it->second.spec;
    bool special = !i.source_dest_check || !i.masquerades.empty() || !i.port_forwards.empty() ||
                   route_targets_.count({it->second.vpc->name, i.name}) > 0 ||
                   forward_to_.count(i.ip) > 0;
    return special ? nullptr : &it->second;
  }

  [[nodiscard]] InstanceKey key(const InstanceRef& ref) const {
    const topo::InstanceSpec& i = *ref.spec;
    InstanceKey k{ref.vpc->name, i.subnet, i.security_groups, i.elastic_ip.has_value(), {}, {}, {}};
    for (const auto& l : i.listens) k.listens.emplace_back(int(l.protocol), l.port);
    std::sort(k.listens.begin(), k.listens.end());
    k.listens.erase(std::unique(k.listens.begin(), k.listens.end()), k.listens.end());
    k.private_in = membership(i.ip, cidrs_);
    if (i.elastic_ip) k.public_in = membership(*i.elastic_ip, cidrs_);
    return k;
  }

 private:
  std::vector<Prefix> cidrs_;
  std::set<Ipv4Addr> forward_to_;
  std::set<std::pair<std::string, std::string>> route_targets_;  // (vpc, target name)
  std::map<std::string, InstanceRef> instances_;
};

std::string join(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : sep) + s;
  return out;
}

// "tcp 22,80, udp 53".
std::string listens_text(const std::vector<topo::ListenSpec>& listens) {
  std::string out;
  for (topo::Protocol proto : {topo::Protocol::Tcp, topo::Protocol::Udp}) {
    std::vector<uint16_t> ports;
    for (const auto& l : listens) {
      if (l.protocol == proto) ports.push_back(l.port);
    }
    if (ports.empty()) continue;
    std::sort(ports.begin(), ports.end());
    out += (out.empty() ? "" : ", ") + std::string(proto == topo::Protocol::Tcp ? "tcp " : "udp ");
    for (size_t i = 0; i < ports.size(); ++i) out += (i ? "," : "") + std::to_string(ports[i]);
  }
  return out;
}

std::string describe(const topo::Endpoint& ep, const InstanceRef* grouped) {
  const std::string ports = listens_text(ep.listens);
  if (!grouped) {
    std::string s = ep.kind == "internet-host" ? "internet host" : ep.kind;
    if (!ep.vpc.empty()) s += " in VPC " + ep.vpc;
    return ports.empty() ? s : s + ", listens " + ports;
  }
  const topo::InstanceSpec& i = *grouped->spec;
  std::string s = "instance in " + grouped->vpc->name + "/" + i.subnet + ", security groups " +
                  (i.security_groups.empty() ? "default" : join(i.security_groups, "+")) +
                  (i.elastic_ip ? ", public IP" : ", no public IP");
  return ports.empty() ? s : s + ", listens " + ports;
}

}  // namespace

EndpointGrouping::EndpointGrouping(const topo::TopologySpec& spec,
                                   const std::vector<const topo::Endpoint*>& endpoints,
                                   bool group) {
  Classifier classifier(spec);
  std::map<InstanceKey, uint32_t> by_key;
  class_of_.resize(endpoints.size());
  for (uint32_t e = 0; e < endpoints.size(); ++e) {
    const InstanceRef* ref = group ? classifier.groupable(*endpoints[e]) : nullptr;
    uint32_t cls = uint32_t(classes_.size());
    if (ref) {
      auto [it, fresh] = by_key.try_emplace(classifier.key(*ref), cls);
      cls = it->second;
    }
    if (cls == classes_.size()) {
      classes_.emplace_back();
      descriptions_.push_back(describe(*endpoints[e], ref));
    }
    class_of_[e] = cls;
    classes_[cls].push_back(e);
  }
  for (const auto& members : classes_) {
    for (size_t m = 2; m < members.size(); ++m)
      dropped_instances_.push_back(endpoints[members[m]]->name);
  }
  std::sort(dropped_instances_.begin(), dropped_instances_.end());
}

topo::TopologySpec EndpointGrouping::representative_plan(const topo::TopologySpec& spec) const {
  topo::TopologySpec out = spec;
  for (topo::VpcSpec& vpc : out.vpcs) {
    std::erase_if(vpc.instances, [&](const topo::InstanceSpec& i) {
      return std::binary_search(dropped_instances_.begin(), dropped_instances_.end(), i.name);
    });
  }
  return out;
}

}  // namespace vpcsim::cli
