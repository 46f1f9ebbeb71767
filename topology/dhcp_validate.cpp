#include "topology/dhcp_validate.hpp"

#include <map>
#include <string>
#include <vector>

#include "topology/dhcp_leases.hpp"
#include "topology/validate.hpp"

namespace vpcsim::topo {
namespace {

using sim::Ipv4Addr;

std::string q(std::string_view s) { return "'" + std::string(s) + "'"; }

std::string who(const NodeSpec& n) {
  return std::string(n.kind == NodeKind::Router ? "router " : "host ") + q(n.name);
}

std::string range(const DhcpServerSpec& s) { return s.pool_first.str() + "-" + s.pool_last.str(); }

class DhcpValidator {
 public:
  DhcpValidator(const NetworkSpec& net, Diagnostics& diags)
      : net_(net), diags_(diags), segments_(net) {}

  void run() {
    for (size_t n = 0; n < net_.nodes.size(); ++n) check_servers(n);
    for (size_t n = 0; n < net_.nodes.size(); ++n) check_clients(n);
  }

 private:
  void check_servers(size_t n) {
    const NodeSpec& node = net_.nodes[n];
    const std::vector<DhcpServerSpec>& servers = node.dhcp_servers.view();
    for (size_t k = 0; k < servers.size(); ++k) {
      const DhcpServerSpec& s = servers[k];
      const std::string what = "dhcp-server of " + who(node);
      for (size_t j = 0; j < k; ++j) {
        if (servers[j].interface == s.interface) {
          diags_.error(s.loc, "dhcp-duplicate-server",
                       what + ": interface " + q(s.interface) + " already has a DHCP server",
                       {"the first is at " + servers[j].loc.str()});
        }
      }
      const InterfaceSpec* iface = nullptr;
      size_t index = 0;
      std::vector<std::string> names;
      for (size_t i = 0; i < node.interfaces.size(); ++i) {
        names.push_back(node.interfaces[i].name);
        if (node.interfaces[i].name == s.interface) iface = &node.interfaces[index = i];
      }
      if (!iface) {
        std::vector<std::string> notes;
        if (auto near = closest_name(s.interface, names))
          notes.push_back("did you mean " + q(*near) + "?");
        diags_.error(s.loc, "dhcp-unknown-interface",
                     what + ": " + node.name + " has no interface " + q(s.interface), notes);
        continue;
      }
      if (iface->dhcp) {
        diags_.error(s.loc, "dhcp-server-without-address",
                     what + ": interface " + q(s.interface) +
                         " takes its own address by DHCP; a server needs a static address");
        continue;
      }
      const sim::Prefix subnet = iface->addr.subnet();
      const std::string pool = "pool " + range(s);
      if (!subnet.contains(s.pool_first) || !subnet.contains(s.pool_last)) {
        diags_.error(
            s.loc, "dhcp-pool-outside-subnet",
            what + ": " + pool + " is not inside " + s.interface + "'s subnet " + subnet.str());
      } else if (subnet.len < 31 && (s.pool_first == subnet.addr ||
                                     s.pool_last.v == subnet.addr.v + ~mask(subnet.len))) {
        diags_.error(s.loc, "dhcp-pool-outside-subnet",
                     what + ": " + pool + " includes the " +
                         (s.pool_first == subnet.addr ? "network address " + subnet.addr.str()
                                                      : "broadcast address " + s.pool_last.str()) +
                         " of " + subnet.str());
      }
      if (s.gateway && !subnet.contains(*s.gateway)) {
        diags_.error(s.loc, "dhcp-gateway-off-subnet",
                     what + ": gateway " + s.gateway->str() + " is not on " + s.interface +
                         "'s subnet " + subnet.str() + ", where the clients will be");
      }
      check_static_in_pool(n, index, s, what);
      auto seg = segments_.of(n, index);
      if (!seg) continue;
      for (const auto& [other_seg, other] : pools_) {
        if (other_seg != *seg) continue;
        if (s.pool_first <= other->pool_last && other->pool_first <= s.pool_last) {
          diags_.error(s.loc, "dhcp-pool-overlap",
                       what + ": " + pool + " overlaps pool " + range(*other) +
                           " of another server on the same segment",
                       {"the other server is at " + other->loc.str()});
        }
      }
      pools_.emplace_back(*seg, &s);
    }
  }

  static uint32_t mask(uint8_t len) { return len == 0 ? 0 : ~uint32_t(0) << (32 - len); }

  // A static address on the server's segment that its pool could hand out again.
  void check_static_in_pool(size_t n, size_t index, const DhcpServerSpec& s,
                            const std::string& what) {
    auto seg = segments_.of(n, index);
    for (size_t m = 0; m < net_.nodes.size(); ++m) {
      const NodeSpec& other = net_.nodes[m];
      for (size_t i = 0; i < other.interfaces.size(); ++i) {
        const InterfaceSpec& f = other.interfaces[i];
        if (f.dhcp || f.addr.ip < s.pool_first || s.pool_last < f.addr.ip) continue;
        bool same = (m == n && i == index) || (seg && segments_.of(m, i) == seg);
        if (!same) continue;
        diags_.error(
            s.loc, "dhcp-pool-conflict",
            what + ": pool " + range(s) + " includes " + f.addr.ip.str() +
                ", the static address of " + who(other) + " " + f.name + " on its segment",
            {"shrink the pool or move " + other.name + " out of it (at " + f.loc.str() + ")"});
      }
    }
  }

  void check_clients(size_t n) {
    const NodeSpec& node = net_.nodes[n];
    for (const InterfaceSpec& i : node.interfaces) {
      if (!i.dhcp) continue;
      const DhcpLeasePlan& plan = *i.dhcp;
      const std::string what = who(node) + " " + i.name;
      const std::string server = plan.server + ":" + plan.server_interface;
      switch (plan.status) {
        case DhcpLeasePlan::Status::Leased:
          clients_[server].push_back(node.name);
          if (plan.gateway_written) {
            diags_.warning(i.loc, "dhcp-gateway-ignored",
                           what +
                               ": gateway= is ignored: the address and the default route come "
                               "from DHCP server " +
                               server + " (its gateway=)");
          }
          break;
        case DhcpLeasePlan::Status::NoServer: {
          std::vector<std::string> notes;
          for (const NodeSpec& other : net_.nodes) {
            if (other.dhcp_servers) {
              notes.push_back("the DHCP server of " + who(other) + " is on another segment: " +
                              "DHCP does not cross routers (vpcsim models no relay)");
              break;
            }
          }
          diags_.error(i.loc, "dhcp-no-server",
                       what +
                           " asks for its address by DHCP (ip=\"dhcp\"), but no <dhcp-server> "
                           "is on its segment",
                       notes);
          break;
        }
        case DhcpLeasePlan::Status::PoolExhausted: {
          std::string served;
          for (const std::string& c : clients_[server]) served += (served.empty() ? "" : ", ") + c;
          const DhcpServerSpec* spec = server_spec(plan);
          diags_.error(i.loc, "dhcp-pool-exhausted",
                       what + " gets no address: the pool " + (spec ? range(*spec) + " " : "") +
                           "of DHCP server " + server + " is used up by the clients before it (" +
                           served + ")",
                       {"the server is at " + plan.server_loc.str() +
                        "; clients are served in document order"});
          break;
        }
        case DhcpLeasePlan::Status::Competing:
          diags_.error(i.loc, "dhcp-competing-servers",
                       what +
                           " has more than one DHCP server on its segment; which one answers "
                           "first would decide its address",
                       {"one of them is " + server + " at " + plan.server_loc.str() +
                        "; keep one <dhcp-server> per segment"});
          break;
      }
    }
  }

  const DhcpServerSpec* server_spec(const DhcpLeasePlan& plan) const {
    for (const NodeSpec& n : net_.nodes) {
      if (n.name != plan.server) continue;
      for (const DhcpServerSpec& s : n.dhcp_servers.view()) {
        if (s.interface == plan.server_interface) return &s;
      }
    }
    return nullptr;
  }

  const NetworkSpec& net_;
  Diagnostics& diags_;
  L2Segments segments_;
  std::vector<std::pair<size_t, const DhcpServerSpec*>> pools_;  // (segment, server)
  std::map<std::string, std::vector<std::string>> clients_;      // by server, document order
};

}  // namespace

Diagnostics validate_dhcp(const TopologySpec& spec) {
  Diagnostics diags;
  for (const VpcSpec& vpc : spec.vpcs) {
    for (const InstanceSpec& in : vpc.instances) {
      if (!in.dhcp || in.dhcp->status == DhcpLeasePlan::Status::Leased) continue;
      const SubnetSpec* subnet = nullptr;
      for (const SubnetSpec& s : vpc.subnets) {
        if (s.name == in.subnet) subnet = &s;
      }
      if (!subnet) continue;  // validate reports the unknown subnet
      diags.error(in.loc, "dhcp-pool-exhausted",
                  "instance " + q(in.name) + " gets no address: subnet " + q(subnet->name) + " (" +
                      subnet->cidr.str() +
                      ") has no free address left after its 5 reserved "
                      "ones and those of the interfaces before it",
                  {"instances with ip=\"dhcp\" are served in document order; use a larger "
                   "subnet"});
    }
  }
  for (const NetworkSpec& net : spec.networks) {
    bool any = false;
    for (const NodeSpec& n : net.nodes) {
      any |= n.dhcp_servers.has_value();
      for (const InterfaceSpec& i : n.interfaces) any |= i.dhcp.has_value();
      if (any) break;
    }
    if (any) DhcpValidator(net, diags).run();
  }
  return diags;
}

}  // namespace vpcsim::topo
