#include "tools/vpcsim/import/topology_writer.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include <pugixml.hpp>

#include "tools/vpcsim/import/address_pool.hpp"
#include "tools/vpcsim/import/name_table.hpp"

namespace vpcsim::importer {
namespace {

using sim::Ipv4Addr;

std::string protocol_name(topo::Protocol p) {
  switch (p) {
    case topo::Protocol::Tcp:
      return "tcp";
    case topo::Protocol::Udp:
      return "udp";
    case topo::Protocol::Icmp:
      return "icmp";
    case topo::Protocol::All:
      return "all";
  }
  return "all";
}

std::string ports_text(const topo::PortRange& r) {
  uint16_t lo = std::max<uint16_t>(r.lo, 1);
  return lo == r.hi ? std::to_string(lo) : std::to_string(lo) + "-" + std::to_string(r.hi);
}

bool has_ports(topo::Protocol p) { return p == topo::Protocol::Tcp || p == topo::Protocol::Udp; }

// XML comments may not contain "--" nor end in '-'.
std::string comment_safe(std::string text) {
  for (size_t at = text.find("--"); at != std::string::npos; at = text.find("--", at)) {
    text.replace(at, 2, "- -");
  }
  return text;
}

void add_comment(pugi::xml_node parent, const std::vector<std::string>& lines,
                 const std::string& indent) {
  if (lines.empty()) return;
  std::string text;
  if (lines.size() == 1 && lines[0].size() < 90) {
    text = " " + comment_safe(lines[0]) + " ";
  } else {
    for (const std::string& l : lines) {
      text += "\n" + (l.empty() ? std::string() : indent + "  " + comment_safe(l));
    }
    text += "\n" + indent;
  }
  parent.append_child(pugi::node_comment).set_value(text.c_str());
}

struct VpcOut {
  const Vpc* vpc = nullptr;
  std::string name;
  NameTable names;  // subnets, route tables, NACLs, security groups
  const InternetGateway* igw = nullptr;
  std::string igw_name;
};

struct Ref {
  std::string name;
  size_t vpc = 0;
};

struct InstanceOut {
  const Instance* in = nullptr;
  std::string name;
  size_t vpc = 0;
  std::string subnet_name;
  Ipv4Addr ip;
  std::optional<Ipv4Addr> public_ip;
  bool elastic = false;
  std::vector<std::string> groups;
  std::vector<std::string> notes;
  std::vector<std::string> routed_by;  // "route table X sends D to it"
};

struct NatOut {
  const NatGateway* nat = nullptr;
  std::string name;
  size_t vpc = 0;
  std::string subnet_name;
  Ipv4Addr ip, public_ip;
  std::vector<std::string> notes;
};

struct RouteOut {
  const Route* route = nullptr;
  std::string target;
  std::string note;
};

struct TableOut {
  const RouteTable* table = nullptr;
  std::string name;
  size_t vpc = 0;
  bool main = false;
  std::vector<RouteOut> routes;
  std::vector<std::string> notes;
};

struct SubnetOut {
  const Subnet* subnet = nullptr;
  std::string name;
  size_t vpc = 0;
  std::string route_table, nacl;  // names; empty: the VPC's main table / default NACL
  AddressPool pool = AddressPool::for_subnet(sim::Prefix{});
};

struct RuleOut {
  const SgRule* rule = nullptr;
  std::string group;  // peer group name, when the rule names one
};

struct GroupOut {
  const SecurityGroup* sg = nullptr;
  std::string name;
  size_t vpc = 0;
  std::vector<RuleOut> rules;
};

struct NaclOut {
  const Nacl* nacl = nullptr;
  std::string name;
  size_t vpc = 0;
};

struct PeeringOut {
  const Peering* p = nullptr;
  std::string name;
  size_t a = 0, b = 0;
};

class TopologyWriter {
 public:
  TopologyWriter(const AwsModel& model, const ImportOptions& options, ImportLog& log)
      : model_(model), options_(options), log_(log) {}
  std::string run(std::string_view header);

 private:
  void warn(const Origin& o, std::string message, std::string code) {
    log_.warning(o.file, o.path, o.id, std::move(message), std::move(code));
  }
  std::optional<size_t> vpc_of(const std::string& key, const Origin& o, const std::string& what);
  const SubnetOut* subnet_of(const std::string& key, const Origin& o, const std::string& what);

  void resolve_vpcs();
  void resolve_subnets();
  void resolve_gateways();
  void resolve_instances();
  void resolve_peerings();
  void resolve_vpc_objects();
  void allocate_addresses();
  void resolve_routes();
  void resolve_associations(const std::vector<Association>& list, bool route_tables);
  void resolve_groups();
  std::optional<std::string> group_name(const std::string& key, size_t vpc);

  void emit(pugi::xml_document& doc, std::string_view header);
  void emit_vpc(pugi::xml_node topology, size_t v);
  std::vector<std::string> header_lines(std::string_view header) const;

  const AwsModel& model_;
  const ImportOptions& options_;
  ImportLog& log_;

  NameTable node_names_, vpc_names_;
  std::vector<VpcOut> vpcs_;
  std::map<std::string, size_t> vpc_by_key_;
  std::vector<SubnetOut> subnets_;
  std::map<std::string, size_t> subnet_by_key_;
  std::map<std::string, Ref> igws_, peerings_by_key_, tables_by_key_, nacls_by_key_, groups_by_key_;
  std::vector<NatOut> nats_;
  std::map<std::string, size_t> nat_by_key_;
  std::vector<InstanceOut> instances_;
  std::map<std::string, size_t> instance_by_key_, instance_by_eni_;
  std::vector<PeeringOut> peerings_;
  std::vector<TableOut> tables_;
  std::vector<GroupOut> groups_;
  std::vector<NaclOut> nacls_;
  AddressPool public_pool_ = AddressPool::for_public(sim::Prefix{});
  size_t allocated_public_ = 0;
};

std::optional<size_t> TopologyWriter::vpc_of(const std::string& key, const Origin& o,
                                             const std::string& what) {
  auto it = vpc_by_key_.find(key);
  if (it != vpc_by_key_.end()) return it->second;
  warn(o,
       what +
           (key.empty() ? " belongs to no VPC"
                        : " belongs to VPC " + key + ", which was not imported") +
           ": skipped",
       "unresolved-reference");
  return std::nullopt;
}

const SubnetOut* TopologyWriter::subnet_of(const std::string& key, const Origin& o,
                                           const std::string& what) {
  auto it = subnet_by_key_.find(key);
  if (it != subnet_by_key_.end()) return &subnets_[it->second];
  warn(
      o,
      what +
          (key.empty() ? " names no subnet" : " is in subnet " + key + ", which was not imported") +
          ": skipped",
      "unresolved-reference");
  return nullptr;
}

void TopologyWriter::resolve_vpcs() {
  for (const Vpc& v : model_.vpcs) {
    if (vpc_by_key_.count(v.key)) {
      warn(v.origin, "VPC " + v.key + " is listed twice: the first is kept", "duplicate-object");
      continue;
    }
    VpcOut out;
    out.vpc = &v;
    out.name = vpc_names_.claim(v.name_hint, v.key);
    vpc_by_key_[v.key] = vpcs_.size();
    vpcs_.push_back(std::move(out));
  }
}

void TopologyWriter::resolve_subnets() {
  for (const Subnet& s : model_.subnets) {
    auto v = vpc_of(s.vpc, s.origin, "subnet");
    if (!v) continue;
    if (subnet_by_key_.count(s.key)) {
      warn(s.origin, "subnet " + s.key + " is listed twice: the first is kept", "duplicate-object");
      continue;
    }
    SubnetOut out;
    out.subnet = &s;
    out.vpc = *v;
    out.name = vpcs_[*v].names.claim(s.name_hint, s.key);
    out.pool = AddressPool::for_subnet(s.cidr);
    subnet_by_key_[s.key] = subnets_.size();
    subnets_.push_back(std::move(out));
  }
}

void TopologyWriter::resolve_gateways() {
  for (const InternetGateway& g : model_.internet_gateways) {
    auto v = vpc_of(g.vpc, g.origin, "internet gateway (not attached to a VPC)");
    if (!v) continue;
    VpcOut& vpc = vpcs_[*v];
    if (vpc.igw) {
      warn(g.origin,
           "VPC " + vpc.vpc->key + " already has internet gateway " + vpc.igw->key +
               " (a VPC has at most one): skipped",
           "duplicate-object");
      continue;
    }
    vpc.igw = &g;
    vpc.igw_name = node_names_.claim(g.name_hint, g.key);
    igws_[g.key] = Ref{vpc.igw_name, *v};
  }
  for (const NatGateway& n : model_.nat_gateways) {
    const SubnetOut* s = subnet_of(n.subnet, n.origin, "NAT gateway");
    if (!s) continue;
    NatOut out;
    out.nat = &n;
    out.vpc = s->vpc;
    out.subnet_name = s->name;
    out.name = node_names_.claim(n.name_hint, n.key);
    nat_by_key_[n.key] = nats_.size();
    nats_.push_back(std::move(out));
  }
}

void TopologyWriter::resolve_instances() {
  for (const Instance& in : model_.instances) {
    const SubnetOut* s = subnet_of(in.subnet, in.origin, "instance");
    if (!s) continue;
    InstanceOut out;
    out.in = &in;
    out.vpc = s->vpc;
    out.subnet_name = s->name;
    out.name = node_names_.claim(in.name_hint, in.key);
    out.notes = in.notes;
    instance_by_key_[in.key] = instances_.size();
    for (const std::string& eni : in.interfaces) instance_by_eni_[eni] = instances_.size();
    instances_.push_back(std::move(out));
  }
}

void TopologyWriter::resolve_peerings() {
  for (const Peering& p : model_.peerings) {
    auto a = vpc_of(p.requester_vpc, p.origin, "peering (requester side)");
    auto b = vpc_of(p.accepter_vpc, p.origin, "peering (accepter side)");
    if (!a || !b) continue;
    PeeringOut out;
    out.p = &p;
    out.a = *a;
    out.b = *b;
    out.name = node_names_.claim(p.name_hint, p.key);
    peerings_by_key_[p.key] = Ref{out.name, *a};
    peerings_.push_back(std::move(out));
  }
}

void TopologyWriter::resolve_vpc_objects() {
  // "default" belongs to each VPC's default group, listed or implicit.
  for (VpcOut& v : vpcs_) v.names.reserve("default");
  for (const RouteTable& t : model_.route_tables) {
    auto v = vpc_of(t.vpc, t.origin, "route table");
    if (!v) continue;
    TableOut out;
    out.table = &t;
    out.vpc = *v;
    out.name = vpcs_[*v].names.claim(t.name_hint, t.key);
    out.notes = t.notes;
    tables_by_key_[t.key] = Ref{out.name, *v};
    tables_.push_back(std::move(out));
  }
  for (const Nacl& n : model_.nacls) {
    auto v = vpc_of(n.vpc, n.origin, "network ACL");
    if (!v) continue;
    NaclOut out;
    out.nacl = &n;
    out.vpc = *v;
    out.name = vpcs_[*v].names.claim(n.name_hint, n.key);
    nacls_by_key_[n.key] = Ref{out.name, *v};
    nacls_.push_back(std::move(out));
  }
  std::set<size_t> has_default;
  for (const SecurityGroup& g : model_.security_groups) {
    auto v = vpc_of(g.vpc, g.origin, "security group");
    if (!v) continue;
    GroupOut out;
    out.sg = &g;
    out.vpc = *v;
    if (g.is_default && has_default.insert(*v).second) {
      out.name = "default";
    } else {
      out.name = vpcs_[*v].names.claim(g.name_hint, g.key);
    }
    groups_by_key_[g.key] = Ref{out.name, *v};
    groups_.push_back(std::move(out));
  }
}

void TopologyWriter::allocate_addresses() {
  public_pool_ = AddressPool::for_public(options_.public_pool);
  for (const auto& h : options_.internet_hosts) public_pool_.mark_used(h.ip);
  for (const Instance& in : model_.instances) {
    if (in.public_address && in.public_address->ip) public_pool_.mark_used(*in.public_address->ip);
  }
  for (const NatGateway& n : model_.nat_gateways) {
    if (n.public_address && n.public_address->ip) public_pool_.mark_used(*n.public_address->ip);
  }
  for (const InstanceOut& i : instances_) {
    if (i.in->private_ip) subnets_[subnet_by_key_[i.in->subnet]].pool.mark_used(*i.in->private_ip);
  }
  for (const NatOut& n : nats_) {
    if (n.nat->private_ip)
      subnets_[subnet_by_key_[n.nat->subnet]].pool.mark_used(*n.nat->private_ip);
  }

  auto take_private = [&](const std::string& subnet_key, std::vector<std::string>& notes,
                          const Origin& o) -> Ipv4Addr {
    SubnetOut& s = subnets_[subnet_by_key_[subnet_key]];
    auto ip = s.pool.take();
    if (!ip) {
      warn(o, "subnet " + s.name + " has no free address left for it", "subnet-full");
      return s.subnet->cidr.addr;  // lint reports it; the import itself goes on
    }
    notes.push_back("private IP unknown until apply: " + ip->str() +
                    " chosen (the lowest free address of subnet " + s.name + ")");
    return *ip;
  };
  auto take_public = [&](std::vector<std::string>& notes, const std::string& what,
                         const Origin& o) -> std::optional<Ipv4Addr> {
    auto ip = public_pool_.take();
    if (!ip) {
      warn(o,
           "the public pool " + options_.public_pool.str() +
               " (option public-pool) has no address left for it",
           "public-pool-full");
      return std::nullopt;
    }
    ++allocated_public_;
    notes.push_back(what + " unknown until apply: " + ip->str() + " chosen from the public pool " +
                    options_.public_pool.str());
    return ip;
  };

  for (InstanceOut& i : instances_) {
    i.ip = i.in->private_ip ? *i.in->private_ip : take_private(i.in->subnet, i.notes, i.in->origin);
    const auto& pub = i.in->public_address;
    if (!pub) continue;
    if (!vpcs_[i.vpc].igw) {
      // AWS hands out the address, but without an internet gateway nothing can use it.
      warn(i.in->origin,
           std::string(pub->elastic ? "elastic" : "public") + " IP left out: VPC " +
               vpcs_[i.vpc].name + " has no internet gateway to map it",
           "public-ip-without-igw");
      continue;
    }
    i.elastic = pub->elastic;
    if (pub->ip) {
      i.public_ip = pub->ip;
    } else {
      i.public_ip = take_public(i.notes, pub->elastic ? "elastic IP" : "public IP", i.in->origin);
    }
    if (pub->elastic && !pub->origin.empty()) i.notes.push_back("elastic IP " + pub->origin);
  }
  for (NatOut& n : nats_) {
    n.notes = n.nat->notes;
    n.ip = n.nat->private_ip ? *n.nat->private_ip
                             : take_private(n.nat->subnet, n.notes, n.nat->origin);
    const auto& pub = n.nat->public_address;
    std::optional<Ipv4Addr> ip = pub ? pub->ip : std::nullopt;
    if (!ip) ip = take_public(n.notes, "elastic IP", n.nat->origin);
    n.public_ip = ip.value_or(Ipv4Addr{});
    if (pub && !pub->origin.empty()) n.notes.push_back("elastic IP " + pub->origin);
  }
}

void TopologyWriter::resolve_routes() {
  for (TableOut& t : tables_) {
    const VpcOut& vpc = vpcs_[t.vpc];
    std::set<sim::Prefix> seen;
    for (const Route& r : t.table->routes) {
      if (r.destination == vpc.vpc->cidr) continue;  // the implicit local route
      if (!seen.insert(r.destination).second) {
        warn(r.origin,
             "route table " + t.name + " already has a route to " + r.destination.str() +
                 ": this one is skipped",
             "duplicate-route");
        continue;
      }
      RouteOut out;
      out.route = &r;
      out.note = r.note;
      auto gone = [&](const std::string& what) {
        warn(r.origin,
             "route to " + r.destination.str() + ": target " + what +
                 " is not in the imported VPC: written as a blackhole route",
             "unresolved-reference");
        out.target = "blackhole";
        out.note = "target " + what + " not imported: blackhole";
      };
      switch (r.kind) {
        case TargetKind::Blackhole:
          out.target = "blackhole";
          break;
        case TargetKind::InternetGateway: {
          auto it = igws_.find(r.target);
          if (it != igws_.end() && it->second.vpc == t.vpc) {
            out.target = it->second.name;
          } else {
            gone("internet gateway " + r.target);
          }
          break;
        }
        case TargetKind::NatGateway: {
          auto it = nat_by_key_.find(r.target);
          if (it != nat_by_key_.end() && nats_[it->second].vpc == t.vpc) {
            out.target = nats_[it->second].name;
          } else {
            gone("NAT gateway " + r.target);
          }
          break;
        }
        case TargetKind::Instance:
        case TargetKind::NetworkInterface: {
          const auto& index = r.kind == TargetKind::Instance ? instance_by_key_ : instance_by_eni_;
          auto it = index.find(r.target);
          if (it != index.end() && instances_[it->second].vpc == t.vpc) {
            InstanceOut& in = instances_[it->second];
            out.target = in.name;
            in.routed_by.push_back("route table " + t.name + " sends " + r.destination.str() +
                                   " to it");
          } else {
            gone((r.kind == TargetKind::Instance ? "instance " : "network interface ") + r.target);
          }
          break;
        }
        case TargetKind::Peering: {
          auto it = peerings_by_key_.find(r.target);
          bool attached = false;
          if (it != peerings_by_key_.end()) {
            for (const PeeringOut& p : peerings_) {
              attached = attached || (p.name == it->second.name && (p.a == t.vpc || p.b == t.vpc));
            }
          }
          if (attached) {
            out.target = it->second.name;
          } else {
            gone("peering " + r.target);
          }
          break;
        }
      }
      t.routes.push_back(std::move(out));
    }
  }
}

void TopologyWriter::resolve_associations(const std::vector<Association>& list, bool route_tables) {
  const auto& targets = route_tables ? tables_by_key_ : nacls_by_key_;
  const char* what = route_tables ? "route table" : "network ACL";
  for (const Association& a : list) {
    auto s = subnet_by_key_.find(a.subnet);
    if (s == subnet_by_key_.end()) {
      warn(a.origin,
           std::string(what) + " association with subnet " + a.subnet +
               ", which was not imported: skipped",
           "unresolved-reference");
      continue;
    }
    SubnetOut& subnet = subnets_[s->second];
    auto t = targets.find(a.target);
    if (t == targets.end() || t->second.vpc != subnet.vpc) {
      const VpcOut& vpc = vpcs_[subnet.vpc];
      // A plan names the VPC's own main table or default NACL without listing it:
      // that is what a subnet without route-table= / nacl= uses anyway.
      if (a.target == default_key(vpc.vpc->key, route_tables ? VpcDefault::MainRouteTable
                                                             : VpcDefault::NetworkAcl)) {
        continue;
      }
      warn(a.origin,
           std::string(what) + " " + a.target + " of subnet " + subnet.name +
               " was not imported: the subnet keeps the VPC's " +
               (route_tables ? "main route table" : "default network ACL"),
           "unresolved-reference");
      continue;
    }
    std::string& slot = route_tables ? subnet.route_table : subnet.nacl;
    if (!slot.empty() && slot != t->second.name) {
      warn(a.origin,
           "subnet " + subnet.name + " is already associated with " + what + " " + slot +
               " (a subnet has one): this association is skipped",
           "duplicate-association");
      continue;
    }
    slot = t->second.name;
  }
}

std::optional<std::string> TopologyWriter::group_name(const std::string& key, size_t vpc) {
  auto it = groups_by_key_.find(key);
  if (it != groups_by_key_.end()) {
    if (it->second.vpc == vpc) return it->second.name;
    return std::nullopt;
  }
  if (key == default_key(vpcs_[vpc].vpc->key, VpcDefault::SecurityGroup)) return "default";
  return std::nullopt;
}

void TopologyWriter::resolve_groups() {
  for (GroupOut& g : groups_) {
    for (const SgRule& r : g.sg->rules) {
      RuleOut out;
      out.rule = &r;
      if (!r.group.empty()) {
        auto name = group_name(r.group, g.vpc);
        if (!name) {
          warn(r.origin,
               "rule refers to security group " + r.group + ", which is not a group of VPC " +
                   vpcs_[g.vpc].name +
                   " that was imported (groups of peered VPCs are not modelled): skipped",
               "unresolved-reference");
          continue;
        }
        out.group = *name;
      }
      g.rules.push_back(std::move(out));
    }
  }
  for (InstanceOut& i : instances_) {
    for (const std::string& key : i.in->groups) {
      auto name = group_name(key, i.vpc);
      if (!name) {
        warn(i.in->origin,
             "security group " + key + " of instance " + i.name + " was not imported: left out",
             "unresolved-reference");
        continue;
      }
      if (std::find(i.groups.begin(), i.groups.end(), *name) == i.groups.end()) {
        i.groups.push_back(*name);
      }
    }
    if (!i.in->groups.empty() && i.groups.empty())
      i.notes.push_back(
          "none of its security groups was imported: it is in the VPC's default group");
  }
}

std::vector<std::string> TopologyWriter::header_lines(std::string_view header) const {
  std::vector<std::string> lines;
  std::istringstream in{std::string(header)};
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  lines.push_back("");
  lines.push_back("Each element's comment names the AWS object it was imported from. AWS has no");
  lines.push_back("listeners and no internet hosts: they come from vpcsim:listen tags and from");
  lines.push_back("these options of the command line (XML comments cannot hold their dashes):");
  std::string listen = "none";
  if (!options_.default_listens.empty()) {
    listen.clear();
    for (const auto& l : options_.default_listens) {
      listen +=
          (listen.empty() ? "" : ",") + protocol_name(l.protocol) + "/" + std::to_string(l.port);
    }
  }
  lines.push_back("  listen " + listen + " (for instances without a vpcsim:listen tag)");
  for (const auto& h : options_.internet_hosts) {
    std::string ports;
    for (const auto& l : h.listens) {
      ports +=
          (ports.empty() ? ":" : ",") + protocol_name(l.protocol) + "/" + std::to_string(l.port);
    }
    lines.push_back("  internet-host " + h.name + "=" + h.ip.str() + ports);
  }
  if (allocated_public_ > 0) {
    lines.push_back("  public-pool " + options_.public_pool.str() + " (for " +
                    std::to_string(allocated_public_) + " public IP" +
                    (allocated_public_ == 1 ? "" : "s") + " unknown until apply)");
  }
  size_t w = log_.warning_count();
  if (w > 0) {
    lines.push_back("");
    lines.push_back("The importer printed " + std::to_string(w) + " warning" + (w == 1 ? "" : "s") +
                    " about what it left out or chose.");
  }
  return lines;
}

void set_listens(pugi::xml_node node, const std::vector<topo::ListenSpec>& listens) {
  for (const auto& l : listens) {
    pugi::xml_node e = node.append_child("listen");
    e.append_attribute("protocol") = protocol_name(l.protocol).c_str();
    e.append_attribute("port") = l.port;
  }
}

std::vector<std::string> origin_lines(const ModelObject& o, const std::vector<std::string>& notes) {
  std::vector<std::string> lines{o.origin.id};
  lines.insert(lines.end(), notes.begin(), notes.end());
  return lines;
}

void TopologyWriter::emit_vpc(pugi::xml_node topology, size_t v) {
  const VpcOut& vpc = vpcs_[v];
  add_comment(topology, origin_lines(*vpc.vpc, vpc.vpc->notes), "  ");
  pugi::xml_node x = topology.append_child("vpc");
  x.append_attribute("name") = vpc.name.c_str();
  x.append_attribute("cidr") = vpc.vpc->cidr.str().c_str();
  const std::string in = "    ";

  if (vpc.igw) {
    add_comment(x, origin_lines(*vpc.igw, vpc.igw->notes), in);
    x.append_child("internet-gateway").append_attribute("name") = vpc.igw_name.c_str();
  }
  for (const TableOut& t : tables_) {
    if (t.vpc != v) continue;
    std::vector<std::string> notes = t.notes;
    if (t.main && notes.empty()) notes.push_back("the VPC's main route table");
    add_comment(x, origin_lines(*t.table, notes), in);
    pugi::xml_node e = x.append_child("route-table");
    e.append_attribute("name") = t.name.c_str();
    if (t.main) e.append_attribute("main") = "true";
    for (const RouteOut& r : t.routes) {
      if (!r.note.empty()) add_comment(e, {r.note}, in + "  ");
      pugi::xml_node re = e.append_child("route");
      re.append_attribute("destination") = r.route->destination.str().c_str();
      re.append_attribute("target") = r.target.c_str();
    }
  }
  for (const SubnetOut& s : subnets_) {
    if (s.vpc != v) continue;
    add_comment(x, origin_lines(*s.subnet, s.subnet->notes), in);
    pugi::xml_node e = x.append_child("subnet");
    e.append_attribute("name") = s.name.c_str();
    e.append_attribute("cidr") = s.subnet->cidr.str().c_str();
    if (!s.route_table.empty()) e.append_attribute("route-table") = s.route_table.c_str();
    if (!s.nacl.empty()) e.append_attribute("nacl") = s.nacl.c_str();
  }
  for (const NaclOut& n : nacls_) {
    if (n.vpc != v) continue;
    std::vector<std::string> notes = n.nacl->notes;
    if (n.nacl->is_default) notes.insert(notes.begin(), "the VPC's default network ACL");
    add_comment(x, origin_lines(*n.nacl, notes), in);
    pugi::xml_node e = x.append_child("nacl");
    e.append_attribute("name") = n.name.c_str();
    std::vector<const NaclRule*> rules;
    for (const NaclRule& r : n.nacl->rules) rules.push_back(&r);
    // Inbound first, each direction by number: the order AWS evaluates them in.
    std::stable_sort(rules.begin(), rules.end(), [](const NaclRule* a, const NaclRule* b) {
      return std::make_pair(!a->inbound, a->number) < std::make_pair(!b->inbound, b->number);
    });
    for (const NaclRule* r : rules) {
      pugi::xml_node re = e.append_child("rule");
      re.append_attribute("number") = r->number;
      re.append_attribute("direction") = r->inbound ? "inbound" : "outbound";
      re.append_attribute("action") = r->allow ? "allow" : "deny";
      re.append_attribute("protocol") = protocol_name(r->protocol).c_str();
      if (has_ports(r->protocol)) re.append_attribute("ports") = ports_text(r->ports).c_str();
      re.append_attribute("cidr") = r->cidr.str().c_str();
    }
  }
  for (const GroupOut& g : groups_) {
    if (g.vpc != v) continue;
    std::vector<std::string> lines{g.sg->origin.id};
    if (!g.sg->is_default && !g.sg->name_hint.empty() && g.sg->name_hint != g.name) {
      lines[0] += " (" + g.sg->name_hint + ")";
    }
    if (g.sg->is_default) lines.push_back("the VPC's default security group");
    lines.insert(lines.end(), g.sg->notes.begin(), g.sg->notes.end());
    add_comment(x, lines, in);
    pugi::xml_node e = x.append_child("security-group");
    e.append_attribute("name") = g.name.c_str();
    bool outbound = std::any_of(g.rules.begin(), g.rules.end(),
                                [](const RuleOut& r) { return !r.rule->inbound; });
    // AWS lists the default allow-all egress rule like any other: a group without
    // one has none (Terraform removes it from the groups it creates).
    if (!outbound) e.append_attribute("default-outbound") = "false";
    for (bool inbound : {true, false}) {
      std::string last_note;  // a note shared by consecutive rules is written once
      for (const RuleOut& r : g.rules) {
        if (r.rule->inbound != inbound) continue;
        if (!r.rule->note.empty() && r.rule->note != last_note)
          add_comment(e, {r.rule->note}, in + "  ");
        last_note = r.rule->note;
        pugi::xml_node re = e.append_child(inbound ? "inbound" : "outbound");
        re.append_attribute("protocol") = protocol_name(r.rule->protocol).c_str();
        if (has_ports(r.rule->protocol))
          re.append_attribute("ports") = ports_text(r.rule->ports).c_str();
        if (r.group.empty()) {
          re.append_attribute(inbound ? "source" : "destination") = r.rule->cidr->str().c_str();
        } else {
          re.append_attribute(inbound ? "source-group" : "destination-group") = r.group.c_str();
        }
      }
    }
  }
  for (const NatOut& n : nats_) {
    if (n.vpc != v) continue;
    add_comment(x, origin_lines(*n.nat, n.notes), in);
    pugi::xml_node e = x.append_child("nat-gateway");
    e.append_attribute("name") = n.name.c_str();
    e.append_attribute("subnet") = n.subnet_name.c_str();
    e.append_attribute("ip") = n.ip.str().c_str();
    e.append_attribute("elastic-ip") = n.public_ip.str().c_str();
  }
  for (const InstanceOut& i : instances_) {
    if (i.vpc != v) continue;
    std::vector<std::string> notes = i.notes;
    bool nat_instance = !i.in->source_dest_check && !i.routed_by.empty();
    if (nat_instance) {
      notes.push_back("NAT instance (inferred): source/dest check is off and " +
                      i.routed_by.front() + ", so it masquerades like the AWS NAT AMIs");
    } else if (!i.routed_by.empty()) {
      notes.push_back(i.routed_by.front() +
                      ", but its source/dest check is on: it drops "
                      "what it would forward (as on AWS)");
    } else if (!i.in->source_dest_check) {
      notes.push_back("source/dest check is off, but no route targets it: not a NAT instance");
    }
    add_comment(x, origin_lines(*i.in, notes), in);
    pugi::xml_node e = x.append_child("instance");
    e.append_attribute("name") = i.name.c_str();
    e.append_attribute("subnet") = i.subnet_name.c_str();
    e.append_attribute("ip") = i.ip.str().c_str();
    if (i.public_ip) {
      e.append_attribute(i.elastic ? "elastic-ip" : "public-ip") = i.public_ip->str().c_str();
    }
    if (!i.groups.empty()) {
      std::string list;
      for (const std::string& g : i.groups) list += (list.empty() ? "" : ",") + g;
      e.append_attribute("security-groups") = list.c_str();
    }
    if (!i.in->source_dest_check) e.append_attribute("source-dest-check") = "false";
    set_listens(e, i.in->listens ? *i.in->listens : options_.default_listens);
    if (nat_instance) e.append_child("masquerade");
  }
}

void TopologyWriter::emit(pugi::xml_document& doc, std::string_view header) {
  pugi::xml_node decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  add_comment(doc, header_lines(header), "");
  pugi::xml_node topology = doc.append_child("topology");
  std::string name = options_.topology_name.empty() ? "imported" : options_.topology_name;
  topology.append_attribute("name") = name.c_str();
  if (!options_.internet_hosts.empty()) {
    pugi::xml_node internet = topology.append_child("internet");
    for (const auto& h : options_.internet_hosts) {
      pugi::xml_node e = internet.append_child("host");
      e.append_attribute("name") = h.name.c_str();
      e.append_attribute("ip") = h.ip.str().c_str();
      set_listens(e, h.listens);
    }
  }
  for (size_t v = 0; v < vpcs_.size(); ++v) emit_vpc(topology, v);
  for (const PeeringOut& p : peerings_) {
    add_comment(topology, origin_lines(*p.p, p.p->notes), "  ");
    pugi::xml_node e = topology.append_child("vpc-peering");
    e.append_attribute("name") = p.name.c_str();
    e.append_attribute("a") = vpcs_[p.a].name.c_str();
    e.append_attribute("b") = vpcs_[p.b].name.c_str();
    if (p.p->dns_resolution) e.append_attribute("dns-resolution") = "true";
  }
}

std::string TopologyWriter::run(std::string_view header) {
  for (const auto& h : options_.internet_hosts) node_names_.reserve(h.name);
  resolve_vpcs();
  resolve_subnets();
  resolve_gateways();
  resolve_instances();
  resolve_peerings();
  resolve_vpc_objects();
  allocate_addresses();
  resolve_routes();
  // Main tables: the first one marked main in each VPC.
  std::set<size_t> has_main;
  for (TableOut& t : tables_) {
    if (!t.table->main) continue;
    if (has_main.insert(t.vpc).second) {
      t.main = true;
    } else {
      warn(t.table->origin,
           "VPC " + vpcs_[t.vpc].name + " already has a main route table: this one is not main",
           "duplicate-main-route-table");
    }
  }
  resolve_associations(model_.route_table_associations, true);
  resolve_associations(model_.nacl_associations, false);
  resolve_groups();

  pugi::xml_document doc;
  emit(doc, header);
  std::ostringstream out;
  doc.save(out, "  ", pugi::format_indent, pugi::encoding_utf8);
  return out.str();
}

}  // namespace

std::string write_topology(const AwsModel& model, const ImportOptions& options,
                           std::string_view header, ImportLog& log) {
  return TopologyWriter(model, options, log).run(header);
}

}  // namespace vpcsim::importer
