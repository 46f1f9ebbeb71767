#pragma once
// PlanBuilder: what lan_plan and vpc_plan use to write an EmulationPlan. It
// names namespaces and interfaces, hands out transit addresses, and turns each
// step into a Command that acts inside one namespace of the plan (`ip -n NS`,
// `ip netns exec NS`), so no command can touch the root namespace by mistake.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "sim/net/ipv4_addr.hpp"
#include "sim/net/mac_addr.hpp"
#include "sim/net/prefix.hpp"
#include "tools/vpcsim/emulate/emulation_plan.hpp"
#include "tools/vpcsim/emulate/fault_model.hpp"

namespace vpcsim::emulate {

// One end of a veth pair.
struct VethEnd {
  std::string netns;
  std::string ifname;
  std::optional<sim::MacAddr> mac;  // empty: the kernel's random one
};

// A point-to-point link between two emulation-only devices (VPC router, IGW,
// internet core): a /30 out of 169.254.0.0/16 (link-local, never routed by a
// user's plan). Its addresses never show up in probes' output: the devices at
// both ends are transparent and send no ICMP.
struct TransitLink {
  sim::Prefix subnet;
  sim::Ipv4Addr a, b;  // .1 and .2 of the /30
};

class PlanBuilder {
 public:
  PlanBuilder(std::string_view prefix, std::string_view topology, PlanOptions options = {});
  [[nodiscard]] const PlanOptions& options() const { return options_; }
  // Filled by the planners: which interfaces fail what (fault_model.hpp). The
  // routes of every node (`ip route add`) are recorded by ip() for restoring.
  FaultModel& faults() { return *plan_.faults_; }
  // A link between two IP interfaces through a namespace "cable:N" of its own
  // (tc mirred joins its two ends), so that setting those ends down cuts it
  // like a pulled cable. Returns the cable's namespace.
  std::string cable(const std::string& cable_node, const VethEnd& a, const VethEnd& b, size_t link,
                    const std::string& what);

  // The namespace of `node`: created with its loopback up and the sysctls every
  // namespace gets (see docs/emulate.md); IPv4 forwarding on when `forwarding`.
  // `what` says what the node is ("host h1", "VPC router of prod").
  const std::string& add_namespace(const std::string& node, const std::string& what,
                                   bool forwarding);
  [[nodiscard]] const std::string& netns(std::string_view node) const;

  // `ip -n NS ARGS...`
  void ip(const std::string& ns, std::vector<std::string> args, std::string why);
  // `ip netns exec NS ARGV...`
  void exec(const std::string& ns, std::vector<std::string> argv, std::string why);
  // `ip netns exec NS iptables ARGS...`
  void iptables(const std::string& ns, std::vector<std::string> args, std::string why);
  // `ip netns exec NS sysctl -q -w KEY=VALUE...`
  void sysctl(const std::string& ns, std::vector<std::string> assignments, std::string why);
  // A veth pair created from `a`'s namespace with its peer moved straight into `b`'s.
  void veth(const VethEnd& a, const VethEnd& b, std::string why);
  // A background listener (nc) for `listen` in `node`'s namespace.
  void listen(const std::string& node, const topo::ListenSpec& listen);

  // An interface name for `ns`: `preferred` when it is a valid Linux name (at
  // most 15 characters of [A-Za-z0-9_.-]) not yet used there, else STEM + a number.
  std::string interface_name(const std::string& ns, const std::string& preferred,
                             std::string_view stem);
  TransitLink next_transit();
  // A deliberate departure from the model (EmulationPlan::notes).
  void note(std::string text);

  EmulationPlan finish();

 private:
  EmulationPlan plan_;
  PlanOptions options_;
  std::map<std::string, std::set<std::string>> interfaces_;  // per namespace
  std::map<std::string, std::vector<Command>> routes_;       // per namespace, as `route replace`
  uint32_t next_transit_ = 0;
};

// The iptables arguments of a <port-forward>: DNAT (to-ip) or REDIRECT of what
// is addressed to the node itself.
std::vector<std::string> port_forward_rule(const topo::PortForwardSpec& forward);

// "02:00:..." as `ip link` wants it.
std::string mac_text(const sim::MacAddr& mac);
// The derived MAC of the simulator for "device:port" (topology lowering's rule).
sim::MacAddr derived_mac(const std::string& device, const std::string& port);

}  // namespace vpcsim::emulate
