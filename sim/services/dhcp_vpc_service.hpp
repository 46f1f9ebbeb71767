#pragma once
// DhcpVpcService: AWS's DHCP service of one VPC, for instances with ip="dhcp"
// (docs/dhcp.md). AWS answers an instance's DHCP at its subnet's router: the
// VpcRouter hands this service every frame to 255.255.255.255 that comes in
// from a subnet, before any NACL (AWS filters no DHCP), and the service answers
// on that subnet's port from the subnet's .1, the server identifier. It hands
// out the private address the instance's network interface already has (AWS
// assigns it when the ENI is created; the lease plan of topology/dhcp_leases.hpp
// chose it) with AWS's default option set: subnet mask, router .1, DNS server
// the VPC's base+2 (AmazonProvidedDNS), host name ip-A-B-C-D, domain name
// ec2.internal and a 3600 s lease. Answers go to the client's MAC only: a VPC
// carries no broadcast, so no other instance of the subnet sees them.
// Not modelled: DHCP option sets (custom domain names, DNS or NTP servers),
// the interface MTU (option 26, 9001 in AWS), renewal, secondary addresses.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/net/packet.hpp"
#include "sim/net/prefix.hpp"
#include "sim/services/dhcp_message.hpp"

namespace vpcsim::sim {

class Context;

class DhcpVpcService {
 public:
  // `vpc` names the VPC in explanations; `dns` is its base+2; `domain` option 15.
  DhcpVpcService(std::string vpc, Ipv4Addr dns, std::string domain)
      : vpc_(std::move(vpc)), dns_(dns), domain_(std::move(domain)) {}

  // ---- configuration (before the run) ----
  // The subnet behind router port `port`.
  void add_subnet(uint16_t port, std::string name, Prefix cidr);
  // An instance's network interface that asks by DHCP: `mac` gets `ip`.
  // `owner` names it ("web2"), `source` is "file:line:col" of its <instance>.
  void add_client(uint16_t port, MacAddr mac, Ipv4Addr ip, std::string owner, std::string source);

  // A frame that came in by subnet port `in_port` of the VPC router, whose MAC
  // there is `port_mac`: true when it was a DHCP request for this service
  // (answered here, from that MAC), false to let the router go on with it.
  bool receive(Context& ctx, uint16_t in_port, MacAddr port_mac, const Packet& pkt);

  // A lease the service handed out (ACKed), for `vpcsim show` and tests.
  struct Lease {
    std::string subnet;
    Ipv4Addr ip;
    MacAddr mac;
    std::string owner;
  };
  // In subnet order, then by address.
  [[nodiscard]] std::vector<Lease> leases() const;
  [[nodiscard]] const std::string& vpc() const { return vpc_; }

 private:
  struct Client {
    Ipv4Addr ip;
    std::string owner, source;
    bool bound = false;
  };
  struct Subnet {
    std::string name;
    Prefix cidr;
    std::map<MacAddr, Client> clients;
  };

  void answer(Context& ctx, uint16_t port, MacAddr port_mac, const Subnet& s, const Packet& request,
              DhcpMessage reply, const std::string& why);

  std::string vpc_;
  Ipv4Addr dns_;
  std::string domain_;
  std::map<uint16_t, Subnet> subnets_;  // by router port
};

}  // namespace vpcsim::sim
