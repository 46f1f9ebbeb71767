#pragma once
// Load balancers in a VPC (docs/load-balancers.md), as the XML says them:
//   <load-balancer name type="application|network" scheme="internet-facing|internal"?
//                  subnets="a,b" security-groups="…"? ip="…,…"? elastic-ip="…,…"?>
//     <listener protocol="HTTP|HTTPS|TCP" port="80" forward=|redirect=|fixed-response=>
//       <rule priority="10" host="…"? path="…"? forward=|redirect=|fixed-response=/>
//   <target-group name protocol="HTTP|TCP" port="80"> <target instance="…" port="…"?/>
// One network interface (ENI) per subnet: `ip` lists their private addresses in
// the order of `subnets` (default: each subnet's last usable address), and
// `elastic-ip` the public ones an internet-facing load balancer needs.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/net/ipv4_addr.hpp"
#include "topology/source_loc.hpp"

namespace vpcsim::topo {

enum class LbType : uint8_t { Application, Network };
enum class LbProtocol : uint8_t { Http, Https, Tcp };

// What a listener or a rule does with a request.
struct LbActionSpec {
  enum class Kind : uint8_t { None, Forward, Redirect, FixedResponse };
  Kind kind = Kind::None;
  std::string target_group;       // Forward
  std::string redirect_protocol;  // Redirect: "HTTPS" (upper case, as AWS writes it)
  uint16_t redirect_port = 0;     // Redirect
  uint16_t status = 0;            // FixedResponse (and Redirect: 301)
};

struct LbRuleSpec {
  SourceLoc loc;
  uint32_t priority = 0;
  std::string host;  // "api.example.net", "*.example.net"; empty: any host
  std::string path;  // "/v1/*"; empty: any path
  LbActionSpec action;
};

struct LbListenerSpec {
  SourceLoc loc;
  LbProtocol protocol = LbProtocol::Http;
  uint16_t port = 0;
  LbActionSpec default_action;
  std::vector<LbRuleSpec> rules;  // document order; evaluated by priority
};

struct LoadBalancerSpec {
  SourceLoc loc;
  std::string name;
  LbType type = LbType::Application;
  bool internet_facing = true;  // AWS's default scheme
  std::vector<std::string> subnets;
  std::vector<std::string> security_groups;  // empty: the VPC's default group
  std::vector<sim::Ipv4Addr> ips;            // empty: derived, one per subnet
  std::vector<sim::Ipv4Addr> elastic_ips;    // internet-facing: one per subnet
  std::vector<LbListenerSpec> listeners;
};

struct LbTargetSpec {
  SourceLoc loc;
  std::string instance;
  uint16_t port = 0;  // 0: the group's port
};

struct TargetGroupSpec {
  SourceLoc loc;
  std::string name;
  LbProtocol protocol = LbProtocol::Http;
  uint16_t port = 0;
  std::vector<LbTargetSpec> targets;
};

[[nodiscard]] const char* lb_protocol_name(LbProtocol p);  // "HTTP", "HTTPS", "TCP"

}  // namespace vpcsim::topo
