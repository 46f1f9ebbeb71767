#pragma once
// InternetGateway: AWS's IGW, a 1:1 NAT between the VPC router (port 0, "vpc")
// and the internet core (port 1, "internet"). Outbound, the private source
// becomes the owner's public (elastic) IP; inbound, the public destination
// becomes the private one. ICMP errors have their quoted datagram translated
// too, so an error reaches the instance quoting what it really sent.
// Transparent: no TTL decrement, never a traceroute hop.
// Pipeline: from the VPC -> source translation (no public IP: drop) -> internet;
//           from the internet -> destination translation -> VPC.
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "sim/devices/device.hpp"

namespace vpcsim::sim {

class InternetGateway final : public Device {
 public:
  static constexpr uint16_t kVpcPort = 0, kInternetPort = 1;

  InternetGateway(DeviceId id, std::string name, MacAddr mac);

  [[nodiscard]] DeviceKind kind() const override { return DeviceKind::InternetGateway; }
  void receive(Context& ctx, uint16_t in_port, Packet& pkt) override;

  // ---- configuration ----
  // The MACs frames are addressed to on each side.
  void set_peer_macs(MacAddr vpc_router, MacAddr internet) {
    peer_[0] = vpc_router;
    peer_[1] = internet;
  }
  // An ENI's private address; `owner` names it in explanations. With a public IP,
  // the pair is translated both ways.
  void add_address(Ipv4Addr private_ip, std::optional<Ipv4Addr> public_ip, std::string owner);

  // The 1:1 translations, sorted by private address (for `vpcsim show --nat`).
  struct StaticMapping {
    Ipv4Addr private_ip, public_ip;
    std::string owner;
  };
  [[nodiscard]] std::vector<StaticMapping> mappings() const;

 private:
  struct Mapping {
    Ipv4Addr other;  // the public IP (by private) or the private IP (by public)
    std::string owner;
    bool has_public = false;  // by-private entries of ENIs without a public IP
  };
  void outbound(Context& ctx, Packet& pkt);
  void inbound(Context& ctx, Packet& pkt);
  void send(Context& ctx, uint16_t port, Packet& pkt);

  MacAddr mac_;
  MacAddr peer_[2];
  std::unordered_map<uint32_t, Mapping> by_private_, by_public_;
};

}  // namespace vpcsim::sim
