#include "topology/xml_loader.hpp"

#include <algorithm>
#include <exception>
#include <functional>
#include <initializer_list>
#include <iterator>
#include <span>
#include <thread>
#include <vector>

#include <pugixml.hpp>

#include "topology/dhcp_leases.hpp"
#include "topology/dhcp_loader.hpp"
#include "topology/dns_loader.hpp"
#include "topology/limits.hpp"
#include "topology/load_balancer_reader.hpp"
#include "topology/validate.hpp"
#include "topology/xml_reader.hpp"

// Element and attribute vocabulary (DESIGN.md section 3). Hosts accept a shorthand
// for the common one-interface case: `<host name="pc1" ip="10.0.0.5/24"
// gateway="10.0.0.1" mac="…"/>` means one interface named eth0 with those values.
// A host uses either the shorthand or <interface> children, never both.
//
// Defaults written down here so they are not silent: link latency 0.1 ms, link
// bandwidth unlimited, link up, switch aging 300 s (applied by `lower`), security
// group default-outbound true, instance source-dest-check true, route type normal.
// Durations need a unit (a bare "5" would mean seconds, which nobody means for a
// link latency); CIDRs need a "/len"; `ports` is required for tcp and udp rules.

namespace vpcsim::topo {
namespace {
using namespace xml;  // the shared parsers and El
using sim::Duration;
using sim::Ipv4Addr;

// Every element of the topology format, to tell a misplaced element from an unknown one.
// clang-format off
constexpr std::string_view kAllElements[] = {
    "topology", "internet", "vpc", "vpc-peering", "network", "host", "router", "switch", "hub",
    "link", "interface", "route", "listen", "masquerade", "port-forward", "internet-gateway",
    "route-table", "subnet", "nacl", "rule", "security-group", "inbound", "outbound",
    "nat-gateway", "instance", "load-balancer", "listener", "target-group", "target",
    "dns-zone", "record", "dns-server", "dhcp-server"};
// clang-format on

// Where a thread's share of a <network>'s children may begin (every
// kShareStep-th element child), with the devices and links before it.
struct Mark {
  pugi::xml_node first;
  size_t nodes_before = 0, links_before = 0;
};
constexpr size_t kShareStep = 256;
// One thread's share: the children [first, last) (`last` empty: to the end),
// holding `nodes` devices and `links` links.
struct Share {
  pugi::xml_node first, last;
  size_t nodes = 0, links = 0;
};

class Loader : public xml::XmlReader {
 public:
  Loader(std::string_view xml, const std::string& file_label, Diagnostics& diags,
         const LoadOptions& options)
      : XmlReader(xml, file_label, diags), options_(options) {}
  // A reader for another thread of the same file, reporting to `diags`.
  Loader(const Loader& same_file, Diagnostics& diags)
      : XmlReader(same_file, diags), options_(same_file.options_) {}
  std::optional<TopologySpec> run();
  // Whether the file asks for DHCP anywhere (ip="dhcp", <dhcp-server>): only
  // then are leases planned, which takes a walk of every node.
  [[nodiscard]] bool saw_dhcp() const { return saw_dhcp_; }

 private:
  template <class Visit>
  void for_children(const El& parent, std::initializer_list<std::string_view> allowed,
                    Visit&& visit) {
    XmlReader::for_children(parent, allowed, kAllElements, std::forward<Visit>(visit));
  }
  void read_network(pugi::xml_node n, TopologySpec& topo);
  // How many threads read a network of `elements` child elements (at least 1).
  size_t reader_threads(size_t elements) const;
  // Reads the devices and links among the children [first, last) of `net_el`
  // into `net`; `last` empty: to the end.
  void read_devices(const El& net_el, pugi::xml_node first, pugi::xml_node last, NetworkSpec& net);
  // Reads each share on its own thread (the first on this one) and appends the
  // parts to `net` and their diagnostics to ours in document order.
  void read_devices_in_parallel(const El& net_el, std::span<const Share> shares, NetworkSpec& net);
  void read_node(pugi::xml_node n, std::string_view kind, NetworkSpec& net);
  std::optional<InterfaceSpec> read_interface(pugi::xml_node n, const std::string& owner,
                                              bool host);
  std::optional<RouteSpec> read_route(pugi::xml_node n, const std::string& owner);
  // Appends the link to `net` when it reads without errors.
  void read_link(pugi::xml_node n, NetworkSpec& net);
  // The common cases of a big file, read without composing any message: a
  // one-interface <host name= ip= gateway=? mac=?/> and a <link> whose values
  // are all valid, neither with children. They return false, having changed
  // nothing, for anything else; the general code then reads the element and
  // reports what is wrong exactly as it always did.
  bool read_plain_host(const El& el, NodeSpec& node);
  bool read_plain_link(const El& el, LinkSpec& spec);
  std::optional<ListenSpec> read_listen(pugi::xml_node n, const std::string& owner);
  std::optional<MasqueradeSpec> read_masquerade(pugi::xml_node n, const std::string& owner);
  std::optional<PortForwardSpec> read_port_forward(pugi::xml_node n, const std::string& owner);
  void read_internet(pugi::xml_node n, TopologySpec& topo);
  void read_vpc(pugi::xml_node n, TopologySpec& topo);
  std::optional<RouteTableSpec> read_route_table(pugi::xml_node n);
  std::optional<SubnetSpec> read_subnet(pugi::xml_node n);
  std::optional<NaclSpec> read_nacl(pugi::xml_node n);
  std::optional<SecurityGroupSpec> read_security_group(pugi::xml_node n);
  std::optional<NatGatewaySpec> read_nat_gateway(pugi::xml_node n);
  std::optional<InstanceSpec> read_instance(pugi::xml_node n);
  std::optional<PeeringSpec> read_peering(pugi::xml_node n);
  std::optional<PortRange> read_rule_ports(El& el, std::optional<Protocol> protocol);

  LoadOptions options_;
  bool saw_dhcp_ = false;
  // Totals of the whole file, against topology/limits.hpp.
  uint64_t nodes_ = 0, links_ = 0, vpcs_ = 0;
  bool nodes_within(pugi::xml_node parent, std::initializer_list<std::string_view> kinds) {
    return children_within(parent, kinds, nodes_, limits::kMaxNodes, "too-many-nodes",
                           "nodes in one topology");
  }
};
std::optional<TopologySpec> Loader::run() {
  pugi::xml_document doc;
  pugi::xml_node root = parse(doc, "topology", options_.reader_threads == 1);
  if (!root) return std::nullopt;
  El el = open(root, {"name"});
  TopologySpec topo;
  topo.loc = el.loc;
  topo.file = file_;
  if (auto name = read_name(el, "topology")) topo.name = *name;
  bool seen_internet = false;
  SourceLoc first_internet;
  for_children(el, {"internet", "vpc", "vpc-peering", "network", "dns-zone"},
               [&](pugi::xml_node c) {
                 std::string_view kind = c.name();
                 if (kind == "dns-zone") {
                   read_dns_zone(*this, diags_, c, kAllElements, topo);
                 } else if (kind == "internet") {
                   if (seen_internet) {
                     diags_.error(loc_of(c), "duplicate-element",
                                  "<internet> may appear only once (there is one internet)",
                                  {"the first <internet> is at " + first_internet.str()});
                     return;
                   }
                   seen_internet = true;
                   first_internet = loc_of(c);
                   read_internet(c, topo);
                 } else if (kind == "vpc") {
                   read_vpc(c, topo);
                 } else if (kind == "vpc-peering") {
                   if (auto p = read_peering(c)) topo.peerings.push_back(std::move(*p));
                 } else {
                   read_network(c, topo);
                 }
               });
  return topo;
}

// ---- classic networks -------------------------------------------------------

void Loader::read_network(pugi::xml_node n, TopologySpec& topo) {
  El el = open(n, {"name"});
  NetworkSpec net;
  net.loc = el.loc;
  auto name = read_name(el, "network");
  if (name) net.name = *name;
  // One walk of the children sizes the vectors (no copies while growing, no
  // slack in a big network), checks the file-wide limits and marks where the
  // threads' shares may begin: a network is most of a big file, and every extra
  // walk of it costs a tenth of the load time.
  std::vector<Mark> marks;
  size_t links = 0, nodes = 0, elements = 0;
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    if (elements++ % kShareStep == 0) marks.push_back(Mark{c, nodes, links});
    const char* kind = c.name();
    if (same("link", kind)) {
      ++links;
    } else if (same("host", kind) || same("router", kind) || same("switch", kind) ||
               same("hub", kind)) {
      ++nodes;
    }
  }
  if (nodes_ + nodes > limits::kMaxNodes || links_ + links > limits::kMaxLinks) {
    // Past a limit: these walks find the first element beyond it and report it.
    if (nodes_within(n, {"host", "router", "switch", "hub"})) {
      children_within(n, {"link"}, links_, limits::kMaxLinks, "too-many-links",
                      "links in one topology");
    }
    return;
  }
  nodes_ += nodes;
  links_ += links;
  net.nodes.reserve(nodes);
  net.links.reserve(links);
  const size_t threads = reader_threads(elements);
  if (threads == 1) {
    read_devices(el, n.first_child(), {}, net);
  } else {
    // Shares of equal numbers of elements, each beginning at a mark; the first
    // also takes any text before the first element, so that it is reported.
    std::vector<Share> shares;
    for (size_t t = 0; t < threads; ++t) {
      const Mark& begin = marks[t * marks.size() / threads];
      const Mark end = t + 1 < threads ? marks[(t + 1) * marks.size() / threads]
                                       : Mark{pugi::xml_node(), nodes, links};
      shares.push_back(Share{t == 0 ? n.first_child() : begin.first, end.first,
                             end.nodes_before - begin.nodes_before,
                             end.links_before - begin.links_before});
    }
    read_devices_in_parallel(el, shares, net);
  }
  // A nameless network still holds devices worth checking; keep it.
  topo.networks.push_back(std::move(net));
}

size_t Loader::reader_threads(size_t elements) const {
  size_t threads = options_.reader_threads;
  if (threads == 0) threads = std::max(1U, std::thread::hardware_concurrency());
  threads = std::min<size_t>(threads, LoadOptions::kMaxReaderThreads);
  // Each share must be worth its thread, and begins at a different mark.
  const size_t worth = elements / std::max<size_t>(1, options_.children_per_thread);
  const size_t marks = (elements + kShareStep - 1) / kShareStep;
  return std::max<size_t>(1, std::min({threads, worth, marks}));
}

void Loader::read_devices(const El& net_el, pugi::xml_node first, pugi::xml_node last,
                          NetworkSpec& net) {
  for_children_in(net_el, first, last, {"host", "router", "switch", "hub", "link"}, kAllElements,
                  [&](pugi::xml_node c) {
                    std::string_view kind = c.name();
                    if (kind == "link") {
                      read_link(c, net);
                    } else {
                      read_node(c, kind, net);
                    }
                  });
}

void Loader::read_devices_in_parallel(const El& net_el, std::span<const Share> shares,
                                      NetworkSpec& net) {
  // Every share but the first is read by a reader of its own (its own place in
  // the line index, its own diagnostics) into a part of its own; the pugixml
  // tree and the line index are only read. parts[0] stays empty: the first
  // share is read straight into `net`, which is sized for all of them.
  struct Part {
    NetworkSpec spec;
    Diagnostics diags;
    bool saw_dhcp = false;
    std::exception_ptr failure;
  };
  std::vector<Part> parts(shares.size());
  {
    std::vector<std::jthread> helpers;
    for (size_t i = 1; i < shares.size(); ++i) {
      Part& part = parts[i];
      part.spec.nodes.reserve(shares[i].nodes);
      part.spec.links.reserve(shares[i].links);
      helpers.emplace_back(
          [reader = Loader(*this, part.diags), &net_el, &part, share = shares[i]]() mutable {
            try {
              reader.read_devices(net_el, share.first, share.last, part.spec);
              part.saw_dhcp = reader.saw_dhcp();
            } catch (...) {
              part.failure = std::current_exception();  // rethrown on the loader's thread
            }
          });
    }
    read_devices(net_el, shares[0].first, shares[0].last, net);
  }  // the helpers are joined here, also when the first share threw
  for (Part& part : parts) {
    if (part.failure) std::rethrow_exception(part.failure);
    net.nodes.insert(net.nodes.end(), std::make_move_iterator(part.spec.nodes.begin()),
                     std::make_move_iterator(part.spec.nodes.end()));
    net.links.insert(net.links.end(), std::make_move_iterator(part.spec.links.begin()),
                     std::make_move_iterator(part.spec.links.end()));
    diags_.append(part.diags);
    saw_dhcp_ |= part.saw_dhcp;
  }
}

void Loader::read_node(pugi::xml_node n, std::string_view kind, NetworkSpec& net) {
  static constexpr std::string_view kNameOnly[] = {"name", "down"};
  static constexpr std::string_view kHostAttrs[] = {"name", "ip",   "gateway",
                                                    "mac",  "down", "resolver"};
  static constexpr std::string_view kSwitchAttrs[] = {"name", "aging", "down"};
  NodeSpec node;
  std::span<const std::string_view> attrs = kNameOnly;
  if (kind == "host") {
    node.kind = NodeKind::Host;
    attrs = kHostAttrs;
  } else if (kind == "router") {
    node.kind = NodeKind::Router;
  } else if (kind == "switch") {
    node.kind = NodeKind::Switch;
    attrs = kSwitchAttrs;
  } else {
    node.kind = NodeKind::Hub;
  }
  El el = open(n, attrs);
  node.loc = el.loc;
  // down="true": the device is powered off (docs/faults.md).
  if (auto down = get(el, "down", false, parse_bool)) node.down = *down;
  if (node.kind == NodeKind::Host) read_dns_resolver(*this, el, node.dns);
  if (node.kind == NodeKind::Host && read_plain_host(el, node)) {
    net.nodes.push_back(std::move(node));
    return;
  }
  auto name = read_name(el, kind);
  if (name) node.name = *name;

  if (node.kind == NodeKind::Switch) {
    node.mac_aging = get(el, "aging", false, [](std::string_view v, Bad& bad) {
      return parse_duration(v, kMaxAgingNs, bad);
    });
  }
  if (node.kind == NodeKind::Switch || node.kind == NodeKind::Hub) {
    for_children(el, {}, [](pugi::xml_node) {});
    if (name) net.nodes.push_back(std::move(node));
    return;
  }

  bool host = node.kind == NodeKind::Host;
  bool has_shorthand = false;
  if (host) {
    // Shorthand: ip=/gateway=/mac= on <host> describe its single interface eth0.
    El sh = el;  // keeps the attributes open() read
    sh.ok = true;
    auto addr = get(sh, "ip", false, parse_interface_ip);  // or "dhcp" (docs/dhcp.md)
    auto gateway = get(sh, "gateway", false, parse_ip);
    auto mac = get(sh, "mac", false, parse_mac);
    has_shorthand = attr(el, "ip") || attr(el, "gateway") || attr(el, "mac");
    if (has_shorthand && !attr(el, "ip")) {
      need(sh, "ip", "gateway= and mac= on <host> are the shorthand for one interface eth0");
    }
    if (sh.ok && addr) {
      node.interfaces.push_back(InterfaceSpec{el.loc, "eth0", *addr, gateway, mac, {}});
      if (is_dhcp(attr(el, "ip"))) {
        node.interfaces.back().dhcp = DhcpLeasePlan{};
        saw_dhcp_ = true;
      }
    }
  }

  const std::string& owner = el.ctx;  // el is not changed while its children are read
  uint64_t interfaces = 0, routes = 0;
  if (n.first_child() && (!children_within(n, {"interface"}, interfaces, limits::kMaxPortsPerDevice,
                                           "too-many-ports", "interfaces on " + owner) ||
                          !children_within(n, {"route"}, routes, limits::kMaxRoutesPerNode,
                                           "too-many-routes", "routes on " + owner))) {
    return;
  }
  bool has_interface_children = false;
  for_children(
      el,
      {"interface", "route", "listen", "masquerade", "port-forward", "dns-server", "dhcp-server"},
      [&](pugi::xml_node c) {
        std::string_view child = c.name();
        if (child == "dns-server") {
          read_dns_server(*this, diags_, c, kAllElements, owner, node.dns);
        } else if (child == "dhcp-server") {
          read_dhcp_server(*this, c, kAllElements, owner, node);
          saw_dhcp_ = true;
        } else if (child == "interface") {
          has_interface_children = true;
          if (auto i = read_interface(c, owner, host)) {
            node.interfaces.push_back(std::move(*i));
          }
        } else if (child == "route") {
          if (auto r = read_route(c, owner)) node.routes.push_back(std::move(*r));
        } else if (child == "listen") {
          if (auto l = read_listen(c, owner)) node.listens.push_back(std::move(*l));
        } else if (child == "masquerade") {
          if (auto m = read_masquerade(c, owner)) {
            node.masquerades.push_back(std::move(*m));
          }
        } else {
          if (auto p = read_port_forward(c, owner)) {
            node.port_forwards.push_back(std::move(*p));
          }
        }
      });
  if (has_shorthand && has_interface_children) {
    diags_.error(el.loc, "conflicting-attributes",
                 owner +
                     ": ip=/gateway=/mac= (the shorthand for one interface eth0) and "
                     "<interface> elements cannot be combined; use one form");
    // Keep the explicit interfaces: they are the longer, deliberate form.
    if (!node.interfaces.empty() && node.interfaces.front().loc == el.loc) {
      node.interfaces.erase(node.interfaces.begin());
    }
  }
  if (name) net.nodes.push_back(std::move(node));
}

namespace {

// A link end as views into the attribute, when parse_link_end would accept it.
bool split_link_end(std::string_view v, std::string_view& node, std::string_view& iface) {
  const size_t colon = v.find(':');
  node = v.substr(0, colon);
  iface = colon == std::string_view::npos ? std::string_view{} : v.substr(colon + 1);
  return !check_name(node) && (colon == std::string_view::npos || !check_name(iface));
}

}  // namespace

bool Loader::read_plain_host(const El& el, NodeSpec& node) {
  if (el.node.first_child()) return false;
  auto name = attr(el, "name");
  auto ip = attr(el, "ip");
  if (!name || !ip || check_name(*name)) return false;
  Bad bad;
  auto addr = parse_interface_addr(*ip, bad);
  if (!addr) return false;
  std::optional<Ipv4Addr> gateway;
  if (auto raw = attr(el, "gateway")) {
    if (!(gateway = parse_ip(*raw, bad))) return false;
  }
  std::optional<sim::MacAddr> mac;
  if (auto raw = attr(el, "mac")) {
    if (!(mac = parse_mac(*raw, bad))) return false;
  }
  node.name = *name;
  node.interfaces.push_back(InterfaceSpec{el.loc, "eth0", *addr, gateway, mac, {}});
  return true;
}

bool Loader::read_plain_link(const El& el, LinkSpec& spec) {
  if (el.node.first_child()) return false;
  auto raw_a = attr(el, "a");
  auto raw_b = attr(el, "b");
  std::string_view a_node, a_iface, b_node, b_iface;
  if (!raw_a || !raw_b || !split_link_end(*raw_a, a_node, a_iface) ||
      !split_link_end(*raw_b, b_node, b_iface)) {
    return false;
  }
  Bad bad;
  std::optional<sim::Duration> latency;
  if (auto raw = attr(el, "latency")) {
    if (!(latency = parse_duration(*raw, kMaxLatencyNs, bad))) return false;
  }
  std::optional<uint64_t> bandwidth;
  if (auto raw = attr(el, "bandwidth")) {
    if (!(bandwidth = parse_bandwidth(*raw, bad))) return false;
  }
  std::optional<bool> down;
  if (auto raw = attr(el, "down")) {
    if (!(down = parse_bool(*raw, bad))) return false;
  }
  spec.a.node.assign(a_node);
  spec.a.interface.assign(a_iface);
  spec.b.node.assign(b_node);
  spec.b.interface.assign(b_iface);
  if (latency) spec.latency = *latency;
  spec.bandwidth_bps = bandwidth;
  if (down) spec.down = *down;
  return true;
}

std::optional<InterfaceSpec> Loader::read_interface(pugi::xml_node n, const std::string& owner,
                                                    bool host) {
  // Routers take a default route as <route destination="0.0.0.0/0" via=…/>, so
  // gateway= belongs to hosts only.
  El el = host ? open(n, {"name", "ip", "gateway", "mac"}) : open(n, {"name", "ip", "mac"});
  InterfaceSpec spec;
  spec.loc = el.loc;
  auto name = read_name(el, "interface", " of " + owner);
  auto addr = get(el, "ip", true, host ? parse_interface_ip : parse_static_interface_ip);
  if (host && is_dhcp(attr(el, "ip"))) {  // docs/dhcp.md
    spec.dhcp = DhcpLeasePlan{};
    saw_dhcp_ = true;
  }
  if (host) spec.gateway = get(el, "gateway", false, parse_ip);
  spec.mac = get(el, "mac", false, parse_mac);
  for_children(el, {}, [](pugi::xml_node) {});
  if (!el.ok || !name || !addr) return std::nullopt;
  spec.name = *name;
  spec.addr = *addr;
  return spec;
}

std::optional<RouteSpec> Loader::read_route(pugi::xml_node n, const std::string& owner) {
  El el = open(n, {"destination", "via", "interface", "type"});
  el.ctx = "route of " + owner;
  RouteSpec spec;
  spec.loc = el.loc;
  auto dest = get(el, "destination", true, parse_cidr);
  if (dest) el.ctx = "route to " + dest->str() + " of " + owner;
  spec.via = get(el, "via", false, parse_ip);
  if (auto iface = get(el, "interface", false, parse_name)) spec.interface = *iface;
  auto type = get(el, "type", false, [](std::string_view v, Bad& bad) -> std::optional<RouteType> {
    if (v == "normal") return RouteType::Normal;
    if (v == "blackhole") return RouteType::Blackhole;
    if (v == "unreachable") return RouteType::Unreachable;
    if (v == "prohibit") return RouteType::Prohibit;
    bad = {"bad-value", "is not a route type (valid: normal, blackhole, unreachable, prohibit)"};
    return std::nullopt;
  });
  if (type) spec.type = *type;
  for_children(el, {}, [](pugi::xml_node) {});
  if (!el.ok || !dest) return std::nullopt;
  spec.destination = *dest;
  return spec;
}

void Loader::read_link(pugi::xml_node n, NetworkSpec& net) {
  El el = open(n, {"a", "b", "latency", "bandwidth", "down"});
  // Built in place (a file may hold a million links), dropped if it has errors.
  LinkSpec& spec = net.links.emplace_back();
  spec.loc = el.loc;
  if (read_plain_link(el, spec)) return;
  auto raw_a = attr(el, "a");
  auto raw_b = attr(el, "b");
  if (raw_a && raw_b) {
    el.ctx.clear();
    el.ctx.append("link ");
    append_shown(el.ctx, *raw_a).append(" -- ");
    append_shown(el.ctx, *raw_b);
  }
  auto a = get(el, "a", true, parse_link_end);
  auto b = get(el, "b", true, parse_link_end);
  if (auto lat = get(el, "latency", false, [](std::string_view v, Bad& bad) {
        return parse_duration(v, kMaxLatencyNs, bad);
      })) {
    spec.latency = *lat;
  }
  spec.bandwidth_bps = get(el, "bandwidth", false, parse_bandwidth);
  if (auto down = get(el, "down", false, parse_bool)) spec.down = *down;
  for_children(el, {}, [](pugi::xml_node) {});
  if (!el.ok || !a || !b) {
    net.links.pop_back();
    return;
  }
  spec.a = std::move(*a);
  spec.b = std::move(*b);
}

std::optional<ListenSpec> Loader::read_listen(pugi::xml_node n, const std::string& owner) {
  El el = open(n, {"protocol", "port"});
  el.ctx = "listen of " + owner;
  ListenSpec spec;
  spec.loc = el.loc;
  auto proto = get(el, "protocol", true,
                   [](std::string_view v, Bad& bad) { return parse_protocol(v, true, bad); });
  auto port = get(el, "port", true, parse_port);
  for_children(el, {}, [](pugi::xml_node) {});
  if (!el.ok || !proto || !port) return std::nullopt;
  spec.protocol = *proto;
  spec.port = *port;
  return spec;
}

std::optional<MasqueradeSpec> Loader::read_masquerade(pugi::xml_node n, const std::string& owner) {
  El el = open(n, {"interface", "source"});
  el.ctx = "masquerade of " + owner;
  MasqueradeSpec spec;
  spec.loc = el.loc;
  if (auto iface = get(el, "interface", false, parse_name)) spec.interface = *iface;
  spec.source = get(el, "source", false, parse_cidr);
  for_children(el, {}, [](pugi::xml_node) {});
  if (!el.ok) return std::nullopt;
  return spec;
}

std::optional<PortForwardSpec> Loader::read_port_forward(pugi::xml_node n,
                                                         const std::string& owner) {
  El el = open(n, {"protocol", "port", "to-ip", "to-port"});
  el.ctx = "port-forward of " + owner;
  PortForwardSpec spec;
  spec.loc = el.loc;
  auto proto = get(el, "protocol", true,
                   [](std::string_view v, Bad& bad) { return parse_protocol(v, true, bad); });
  auto port = get(el, "port", true, parse_port);
  spec.to_ip = get(el, "to-ip", false, parse_ip);
  if (auto to_port = get(el, "to-port", false, parse_port)) spec.to_port = *to_port;
  for_children(el, {}, [](pugi::xml_node) {});
  if (!el.ok || !proto || !port) return std::nullopt;
  spec.protocol = *proto;
  spec.port = *port;
  return spec;
}

// ---- internet and VPCs ------------------------------------------------------

void Loader::read_internet(pugi::xml_node n, TopologySpec& topo) {
  El el = open(n, {});
  el.ctx = "<internet>";
  InternetSpec internet;
  internet.loc = el.loc;
  uint64_t hosts = 0;
  if (!children_within(n, {"host"}, hosts, limits::kMaxInternetHosts, "too-many-ports",
                       "hosts on the internet (each is a port of the internet core)") ||
      !nodes_within(n, {"host"})) {
    return;
  }
  for_children(el, {"host"}, [&](pugi::xml_node c) {
    El h = open(c, {"name", "ip", "down"});
    InternetHostSpec host;
    host.loc = h.loc;
    if (auto down = get(h, "down", false, parse_bool)) host.down = *down;
    auto name = read_name(h, "internet host");
    auto ip = get(h, "ip", true, parse_host_ip);
    const std::string owner = h.ctx;
    for_children(h, {"listen", "dns-server"}, [&](pugi::xml_node l) {
      if (std::string_view(l.name()) == "dns-server") {
        read_dns_server(*this, diags_, l, kAllElements, owner, host.dns);
      } else if (auto listen = read_listen(l, owner)) {
        host.listens.push_back(std::move(*listen));
      }
    });
    if (!h.ok || !name || !ip) return;
    host.name = *name;
    host.ip = *ip;
    internet.hosts.push_back(std::move(host));
  });
  topo.internet = std::move(internet);
}

void Loader::read_vpc(pugi::xml_node n, TopologySpec& topo) {
  El el = open(n, {"name", "cidr"});
  VpcSpec vpc;
  vpc.loc = el.loc;
  auto name = read_name(el, "vpc");
  auto cidr = get(el, "cidr", true, parse_cidr);
  if (++vpcs_ > limits::kMaxVpcs) {
    if (vpcs_ == limits::kMaxVpcs + 1) {
      diags_.error(el.loc, "too-many-vpcs",
                   "more than " + std::to_string(limits::kMaxVpcs) +
                       " VPCs in one topology (a limit of vpcsim, see docs/fuzzing.md)");
    }
    return;
  }
  uint64_t subnets = 0, route_tables = 0, nacls = 0, groups = 0;
  if (!children_within(n, {"subnet"}, subnets, limits::kMaxSubnetsPerVpc, "too-many-subnets",
                       "subnets in " + el.ctx) ||
      !children_within(n, {"route-table"}, route_tables, limits::kMaxTablesPerVpc,
                       "too-many-tables", "route tables in " + el.ctx) ||
      !children_within(n, {"nacl"}, nacls, limits::kMaxTablesPerVpc, "too-many-tables",
                       "nacls in " + el.ctx) ||
      !children_within(n, {"security-group"}, groups, limits::kMaxTablesPerVpc, "too-many-tables",
                       "security groups in " + el.ctx) ||
      !nodes_within(n, {"instance", "nat-gateway"})) {
    return;
  }
  for_children(el,
               {"internet-gateway", "route-table", "subnet", "nacl", "security-group",
                "nat-gateway", "instance", "load-balancer", "target-group"},
               [&](pugi::xml_node c) {
                 std::string_view kind = c.name();
                 if (kind == "internet-gateway") {
                   El g = open(c, {"name"});
                   auto gname = read_name(g, "internet gateway");
                   for_children(g, {}, [](pugi::xml_node) {});
                   if (vpc.internet_gateway) {
                     diags_.error(g.loc, "duplicate-element",
                                  el.ctx + ": a VPC has at most one internet gateway",
                                  {"the first is '" + vpc.internet_gateway->name + "' at " +
                                   vpc.internet_gateway->loc.str()});
                   } else if (gname) {
                     vpc.internet_gateway = InternetGatewaySpec{g.loc, *gname};
                   }
                 } else if (kind == "route-table") {
                   if (auto t = read_route_table(c)) vpc.route_tables.push_back(std::move(*t));
                 } else if (kind == "subnet") {
                   if (auto s = read_subnet(c)) vpc.subnets.push_back(std::move(*s));
                 } else if (kind == "nacl") {
                   if (auto a = read_nacl(c)) vpc.nacls.push_back(std::move(*a));
                 } else if (kind == "security-group") {
                   if (auto g = read_security_group(c)) {
                     vpc.security_groups.push_back(std::move(*g));
                   }
                 } else if (kind == "load-balancer") {
                   auto lb = read_load_balancer(*this, diags_, c, kAllElements);
                   if (lb) vpc.load_balancers.push_back(std::move(*lb));
                 } else if (kind == "target-group") {
                   auto tg = read_target_group(*this, diags_, c, kAllElements);
                   if (tg) vpc.target_groups.push_back(std::move(*tg));
                 } else if (kind == "nat-gateway") {
                   if (auto g = read_nat_gateway(c)) vpc.nat_gateways.push_back(std::move(*g));
                 } else {
                   if (auto i = read_instance(c)) vpc.instances.push_back(std::move(*i));
                 }
               });
  if (!el.ok || !name || !cidr) return;
  vpc.name = *name;
  vpc.cidr = *cidr;
  topo.vpcs.push_back(std::move(vpc));
}

std::optional<RouteTableSpec> Loader::read_route_table(pugi::xml_node n) {
  El el = open(n, {"name", "main"});
  RouteTableSpec spec;
  spec.loc = el.loc;
  auto name = read_name(el, "route table");
  if (auto main = get(el, "main", false, parse_bool)) spec.main = *main;
  uint64_t routes = 0;
  if (!children_within(n, {"route"}, routes, limits::kMaxRulesPerTable, "too-many-routes",
                       "routes in " + el.ctx)) {
    return std::nullopt;
  }
  for_children(el, {"route"}, [&](pugi::xml_node c) {
    El r = open(c, {"destination", "target"});
    r.ctx = "route of " + el.ctx;
    auto dest = get(r, "destination", true, parse_cidr);
    if (dest) r.ctx = "route to " + dest->str() + " of " + el.ctx;
    auto target = get(r, "target", true, parse_name);
    for_children(r, {}, [](pugi::xml_node) {});
    if (r.ok && dest && target) spec.routes.push_back(VpcRouteSpec{r.loc, *dest, *target});
  });
  if (!el.ok || !name) return std::nullopt;
  spec.name = *name;
  return spec;
}

std::optional<SubnetSpec> Loader::read_subnet(pugi::xml_node n) {
  El el = open(n, {"name", "cidr", "route-table", "nacl"});
  SubnetSpec spec;
  spec.loc = el.loc;
  auto name = read_name(el, "subnet");
  auto cidr = get(el, "cidr", true, parse_cidr);
  if (auto rt = get(el, "route-table", false, parse_name)) spec.route_table = *rt;
  if (auto acl = get(el, "nacl", false, parse_name)) spec.nacl = *acl;
  for_children(el, {}, [](pugi::xml_node) {});
  if (!el.ok || !name || !cidr) return std::nullopt;
  spec.name = *name;
  spec.cidr = *cidr;
  return spec;
}

// tcp and udp rules must say which ports (AWS requires a range for them); for icmp
// and all the range is ignored, and left at its "not given" value 0-65535.
std::optional<PortRange> Loader::read_rule_ports(El& el, std::optional<Protocol> protocol) {
  bool l4 = protocol && (*protocol == Protocol::Tcp || *protocol == Protocol::Udp);
  if (l4 && !attr(el, "ports")) {
    need(el, "ports", "required for tcp and udp; 1-65535 means every port");
    return std::nullopt;
  }
  return get(el, "ports", false, parse_port_range);
}

std::optional<NaclSpec> Loader::read_nacl(pugi::xml_node n) {
  El el = open(n, {"name"});
  NaclSpec spec;
  spec.loc = el.loc;
  auto name = read_name(el, "nacl");
  uint64_t rules = 0;
  if (!children_within(n, {"rule"}, rules, limits::kMaxRulesPerTable, "too-many-rules",
                       "rules in " + el.ctx)) {
    return std::nullopt;
  }
  for_children(el, {"rule"}, [&](pugi::xml_node c) {
    El r = open(c, {"number", "direction", "action", "protocol", "ports", "cidr"});
    r.ctx = "rule of " + el.ctx;
    NaclRuleSpec rule;
    rule.loc = r.loc;
    auto number = get(r, "number", true, parse_number);
    if (number) r.ctx = "rule " + std::to_string(*number) + " of " + el.ctx;
    auto inbound =
        get(r, "direction", true, [](std::string_view v, Bad& bad) -> std::optional<bool> {
          if (v == "inbound") return true;
          if (v == "outbound") return false;
          bad = {"bad-value", "is not a direction (valid: inbound, outbound)"};
          return std::nullopt;
        });
    auto allow = get(r, "action", true, [](std::string_view v, Bad& bad) -> std::optional<bool> {
      if (v == "allow") return true;
      if (v == "deny") return false;
      bad = {"bad-value", "is not an action (valid: allow, deny)"};
      return std::nullopt;
    });
    auto proto = get(r, "protocol", true,
                     [](std::string_view v, Bad& bad) { return parse_protocol(v, false, bad); });
    auto ports = read_rule_ports(r, proto);
    auto cidr = get(r, "cidr", true, parse_cidr);
    for_children(r, {}, [](pugi::xml_node) {});
    if (!r.ok || !number || !inbound || !allow || !proto || !cidr) return;
    rule.number = *number;
    rule.inbound = *inbound;
    rule.allow = *allow;
    rule.protocol = *proto;
    if (ports) rule.ports = *ports;
    rule.cidr = *cidr;
    spec.rules.push_back(std::move(rule));
  });
  if (!el.ok || !name) return std::nullopt;
  spec.name = *name;
  return spec;
}

std::optional<SecurityGroupSpec> Loader::read_security_group(pugi::xml_node n) {
  El el = open(n, {"name", "default-outbound"});
  SecurityGroupSpec spec;
  spec.loc = el.loc;
  auto name = read_name(el, "security group");
  if (auto d = get(el, "default-outbound", false, parse_bool)) spec.default_outbound = *d;
  uint64_t rules = 0;
  if (!children_within(n, {"inbound", "outbound"}, rules, limits::kMaxRulesPerTable,
                       "too-many-rules", "rules in " + el.ctx)) {
    return std::nullopt;
  }
  for_children(el, {"inbound", "outbound"}, [&](pugi::xml_node c) {
    bool inbound = std::string_view(c.name()) == "inbound";
    const char* peer = inbound ? "source" : "destination";
    const char* peer_group = inbound ? "source-group" : "destination-group";
    El r = inbound ? open(c, {"protocol", "ports", "source", "source-group"})
                   : open(c, {"protocol", "ports", "destination", "destination-group"});
    r.ctx = std::string(inbound ? "inbound" : "outbound") + " rule of " + el.ctx;
    SgRuleSpec rule;
    rule.loc = r.loc;
    rule.inbound = inbound;
    auto proto = get(r, "protocol", true,
                     [](std::string_view v, Bad& bad) { return parse_protocol(v, false, bad); });
    auto ports = read_rule_ports(r, proto);
    rule.cidr = get(r, peer, false, parse_cidr);
    auto group = get(r, peer_group, false, parse_name);
    bool has_peer = attr(r, peer).has_value();
    bool has_group = attr(r, peer_group).has_value();
    if (has_peer && has_group) {
      conflict(r, std::string("give either ") + peer + "= or " + peer_group + "=, not both");
    } else if (!has_peer && !has_group) {
      diags_.error(r.loc, "missing-attribute",
                   r.ctx + ": missing attribute '" + peer + "' or '" + peer_group + "'");
      r.ok = false;
    }
    for_children(r, {}, [](pugi::xml_node) {});
    if (!r.ok || !proto) return;
    rule.protocol = *proto;
    if (ports) rule.ports = *ports;
    if (group) rule.group = *group;
    spec.rules.push_back(std::move(rule));
  });
  if (!el.ok || !name) return std::nullopt;
  spec.name = *name;
  return spec;
}

std::optional<NatGatewaySpec> Loader::read_nat_gateway(pugi::xml_node n) {
  El el = open(n, {"name", "subnet", "ip", "elastic-ip", "down"});
  NatGatewaySpec spec;
  spec.loc = el.loc;
  if (auto down = get(el, "down", false, parse_bool)) spec.down = *down;
  auto name = read_name(el, "NAT gateway");
  auto subnet = get(el, "subnet", true, parse_name);
  auto ip = get(el, "ip", true, parse_ip);
  auto eip = get(el, "elastic-ip", true, parse_ip);
  for_children(el, {}, [](pugi::xml_node) {});
  if (!el.ok || !name || !subnet || !ip || !eip) return std::nullopt;
  spec.name = *name;
  spec.subnet = *subnet;
  spec.ip = *ip;
  spec.elastic_ip = *eip;
  return spec;
}

std::optional<InstanceSpec> Loader::read_instance(pugi::xml_node n) {
  El el = open(n, {"name", "subnet", "ip", "elastic-ip", "public-ip", "security-groups",
                   "source-dest-check", "mac", "down"});
  InstanceSpec spec;
  spec.loc = el.loc;
  if (auto down = get(el, "down", false, parse_bool)) spec.down = *down;
  auto name = read_name(el, "instance");
  auto subnet = get(el, "subnet", true, parse_name);
  auto ip = get(el, "ip", true, parse_instance_ip);  // or "dhcp" (docs/dhcp.md)
  if (is_dhcp(attr(el, "ip"))) {
    spec.dhcp = DhcpLeasePlan{};
    saw_dhcp_ = true;
  }
  // elastic-ip= and public-ip= both give the address the IGW maps to the instance.
  auto eip = get(el, "elastic-ip", false, parse_ip);
  auto pip = get(el, "public-ip", false, parse_ip);
  if (attr(el, "elastic-ip") && attr(el, "public-ip")) {
    conflict(el, "give either elastic-ip= or public-ip=, not both");
  }
  spec.elastic_ip = eip ? eip : pip;
  if (auto groups = get(el, "security-groups", false, parse_name_list)) {
    spec.security_groups = std::move(*groups);
  }
  if (auto sdc = get(el, "source-dest-check", false, parse_bool)) spec.source_dest_check = *sdc;
  spec.mac = get(el, "mac", false, parse_mac);
  const std::string owner = el.ctx;
  for_children(el, {"listen", "masquerade", "port-forward", "dns-server"}, [&](pugi::xml_node c) {
    std::string_view child = c.name();
    if (child == "dns-server") {
      read_dns_server(*this, diags_, c, kAllElements, owner, spec.dns);
    } else if (child == "listen") {
      if (auto l = read_listen(c, owner)) spec.listens.push_back(std::move(*l));
    } else if (child == "masquerade") {
      if (auto m = read_masquerade(c, owner)) spec.masquerades.push_back(std::move(*m));
    } else {
      if (auto p = read_port_forward(c, owner)) spec.port_forwards.push_back(std::move(*p));
    }
  });
  if (!el.ok || !name || !subnet || !ip) return std::nullopt;
  spec.name = *name;
  spec.subnet = *subnet;
  spec.ip = *ip;
  return spec;
}

std::optional<PeeringSpec> Loader::read_peering(pugi::xml_node n) {
  El el = open(n, {"name", "a", "b", "dns-resolution"});
  PeeringSpec spec;
  spec.loc = el.loc;
  auto name = read_name(el, "peering");
  auto a = get(el, "a", true, parse_name);
  auto b = get(el, "b", true, parse_name);
  // AWS's AllowDnsResolutionFromRemoteVpc, off by default (docs/dns.md).
  if (auto dns = get(el, "dns-resolution", false, parse_bool)) spec.dns_resolution = *dns;
  for_children(el, {}, [](pugi::xml_node) {});
  if (!el.ok || !name || !a || !b) return std::nullopt;
  spec.name = *name;
  spec.a = *a;
  spec.b = *b;
  return spec;
}

}  // namespace

std::optional<TopologySpec> load_topology_string(std::string_view xml,
                                                 const std::string& file_label, Diagnostics& diags,
                                                 const LoadOptions& options) {
  Loader loader(xml, file_label, diags, options);
  std::optional<TopologySpec> spec = loader.run();
  if (spec && loader.saw_dhcp()) plan_dhcp_leases(*spec);  // ip="dhcp" gets its planned lease
  return spec;
}

std::optional<TopologySpec> load_topology_file(const std::string& path, Diagnostics& diags,
                                               const LoadOptions& options) {
  auto text = xml::read_file(path, diags);
  if (!text) return std::nullopt;
  return load_topology_string(*text, path, diags, options);
}

}  // namespace vpcsim::topo
