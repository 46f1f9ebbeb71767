#pragma once
// InternetCore: the internet of a topology, reduced to what a VPC plan needs: a
// transparent core (no TTL decrement, never a traceroute hop) that delivers a
// public address to the port of whoever owns it: an internet host, or the IGW
// holding that elastic IP. Private (RFC 1918) and unowned destinations are
// dropped without any ICMP error, as the real internet mostly does.
// Internet hosts have a /32 and an on-link default route, so they ARP for every
// destination; the core answers for all of them (proxy ARP) on host ports.
#include <string>
#include <unordered_map>
#include <vector>

#include "sim/devices/device.hpp"

namespace vpcsim::sim {

class InternetCore final : public Device {
 public:
  InternetCore(DeviceId id, std::string name) : Device(id, std::move(name)) {}

  [[nodiscard]] DeviceKind kind() const override { return DeviceKind::InternetCore; }
  void receive(Context& ctx, uint16_t in_port, Packet& pkt) override;

  // A port towards an internet host (answered with proxy ARP) or a gateway.
  uint16_t add_host_port(std::string port_name, MacAddr mac, MacAddr host_mac);
  uint16_t add_gateway_port(std::string port_name, MacAddr mac, MacAddr gateway_mac);
  // `ip` is reached through `port`; `owner` names it in explanations.
  void add_owned(Ipv4Addr ip, uint16_t port, std::string owner);

 private:
  struct PortInfo {
    MacAddr mac, peer_mac;
    bool proxy_arp = false;
  };
  void answer_arp(Context& ctx, uint16_t in_port, const Packet& pkt);

  std::vector<PortInfo> info_;
  std::unordered_map<uint32_t, std::pair<uint16_t, std::string>> owned_;
};

}  // namespace vpcsim::sim
