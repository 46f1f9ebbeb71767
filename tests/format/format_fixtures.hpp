#pragma once
// Small networks for the format tests, built with the project's TestNet, and
// helpers to look at formatted text line by line.
//
//   lan:     h1 (10.0.0.1) --- sw1 --- h2 (10.0.0.2)          no gateways
//   routed:  h1 (10.0.1.10) --- r1 --- h2 (10.0.2.10, listens on tcp/22)
//                               |
//                               r2 (10.0.3.2): blackholes 10.9.0.0/16
//            r1: 10.9.0.0/16 via r2, 10.8.0.0/16 unreachable, 10.7.0.0/16 prohibit,
//                no route to 172.16.0.0/12
//   jump:    client (10.0.1.10) --- r1 --- bastion (10.0.2.10, listens on tcp/22)
//                                   |
//                                   app (10.0.3.10, listens on tcp/22)
//            r1: 10.9.0.0/16 blackhole, 10.8.0.0/16 unreachable
#include <sstream>
#include <string>
#include <vector>

#include "sim/net/ipv4_addr.hpp"
#include "tests/sim/test_net.hpp"

namespace vpcsim::cli::testing {

using vpcsim::testing::TestNet;

inline sim::Simulation lan() {
  TestNet t;
  t.host("h1", "10.0.0.1/24")
      .host("h2", "10.0.0.2/24")
      .sw("sw1")
      .link("h1", "sw1")
      .link("h2", "sw1");
  return t.build();
}

inline sim::Simulation routed() {
  TestNet t;
  t.host("h1", "10.0.1.10/24", "10.0.1.1")
      .router("r1", {"10.0.1.1/24", "10.0.2.1/24", "10.0.3.1/30"})
      .host("h2", "10.0.2.10/24", "10.0.2.1")
      .router("r2", {"10.0.3.2/30"})
      .link("h1", "r1:0")
      .link("r1:1", "h2")
      .link("r1:2", "r2:0")
      .listen("h2", sim::IpProto::Tcp, 22)
      .route("r1", "10.9.0.0/16", "10.0.3.2")
      .route("r1", "10.8.0.0/16", "", sim::RouteAction::Unreachable)
      .route("r1", "10.7.0.0/16", "", sim::RouteAction::Prohibit)
      .route("r2", "10.9.0.0/16", "", sim::RouteAction::Blackhole)
      .route("r2", "0.0.0.0/0", "10.0.3.1");
  return t.build();
}

inline sim::Simulation jump() {
  TestNet t;
  t.host("client", "10.0.1.10/24", "10.0.1.1")
      .router("r1", {"10.0.1.1/24", "10.0.2.1/24", "10.0.3.1/24"})
      .host("bastion", "10.0.2.10/24", "10.0.2.1")
      .host("app", "10.0.3.10/24", "10.0.3.1")
      .link("client", "r1:0")
      .link("r1:1", "bastion")
      .link("r1:2", "app")
      .listen("bastion", sim::IpProto::Tcp, 22)
      .listen("app", sim::IpProto::Tcp, 22)
      .route("r1", "10.9.0.0/16", "", sim::RouteAction::Blackhole)
      .route("r1", "10.8.0.0/16", "", sim::RouteAction::Unreachable);
  return t.build();
}

inline sim::Ipv4Addr ip(const char* s) { return *sim::Ipv4Addr::parse(s); }

inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

}  // namespace vpcsim::cli::testing
