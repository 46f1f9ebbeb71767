#pragma once
// The DNS part of the topology XML (docs/dns.md):
//   <dns-zone name="example.net" private-to="VPC"?>      a Route 53 hosted zone
//     <record name="www|@|*|*.sub" type="A|CNAME|SRV" value="…" alias="NODE" ttl="300"/>
//   </dns-zone>
//   <dns-server/>          child of an instance, a host or an internet host
//   resolver="IP"          on a LAN <host>: the DNS server it asks
// Names here are as written (relative to the zone); `lower_dns` makes them absolute.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/net/ipv4_addr.hpp"
#include "sim/services/dns_message.hpp"
#include "topology/source_loc.hpp"

namespace vpcsim::topo {

struct DnsRecordSpec {
  SourceLoc loc;
  std::string name;  // "www", "@", "*", "*.api", "_ssh._tcp.alice"
  uint16_t type = sim::dns_type::kA;
  std::string value;  // as written (empty with alias=)
  std::string alias;  // A only: the node whose address this name stands for
  uint32_t ttl = 300;
  sim::Ipv4Addr a;     // A with value=
  std::string target;  // CNAME: absolute target
  sim::DnsSrv srv;     // SRV
};

struct DnsZoneSpec {
  SourceLoc loc;
  std::string name;        // as written, without a trailing dot
  std::string private_to;  // empty: a public hosted zone
  std::vector<DnsRecordSpec> records;
};

// What a node says about DNS: whether it runs a server, and which one it asks.
struct DnsNodeSpec {
  std::optional<SourceLoc> server;  // set by <dns-server/>
  std::optional<sim::Ipv4Addr> resolver;
  SourceLoc resolver_loc;
};

}  // namespace vpcsim::topo
