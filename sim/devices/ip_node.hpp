#pragma once
// IpNode: an IPv4 host or router, one implementation because a Linux host is a
// router with forwarding off. Pipeline per frame (receive):
//   ARP? -> handle_arp | frame for us? -> local address? -> deliver_local
//   | forwarding off -> drop | lookup_route -> decrement_ttl -> output (ARP, L2 rewrite, emit)
// Originated packets (from probes) enter at `send`: lookup_route -> output.
// Interfaces are ports, in declaration order. Connected routes are added for
// every interface; a host's gateway becomes a default route.
// Not modelled: IP fragmentation, ICMP redirects and rate limits, IP options,
// TCP beyond the handshake (SYN, SYN-ACK, ACK, RST), strong-host checks.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sim/devices/device.hpp"
#include "sim/net/prefix.hpp"
#include "sim/tables/arp_cache.hpp"
#include "sim/tables/route_table.hpp"
#include "sim/trace/drop_reason.hpp"

namespace vpcsim::sim {

struct IpInterface {
  std::string name;
  MacAddr mac;
  InterfaceAddr addr;
};

class IpNode final : public Device {
 public:
  enum class Role : uint8_t { Host, Router };

  IpNode(DeviceId id, std::string name, Role role);

  [[nodiscard]] DeviceKind kind() const override {
    return role_ == Role::Router ? DeviceKind::Router : DeviceKind::Host;
  }
  void receive(Context& ctx, uint16_t in_port, Packet& pkt) override;
  void on_timer(Context& ctx, uint32_t token) override;

  // ---- configuration (before the run) ----
  // Adds an interface (and its port) and the connected route of its subnet.
  uint16_t add_interface(std::string if_name, InterfaceAddr addr, MacAddr mac);
  void add_route(RouteEntry e) { routes_.add(std::move(e)); }
  void add_listener(IpProto proto, uint16_t port) { listeners_.insert({proto, port}); }
  void set_forwarding(bool on) { forwarding_ = on; }

  // ---- applications ----
  // Sends a packet this node creates. Fills the source address when it is 0 and
  // the Ethernet header. Returns the reason when it cannot leave (no route):
  // the caller reports it as the local error a real stack would return.
  struct SendError {
    DropReason reason;
    std::string detail;
  };
  std::optional<SendError> send(Context& ctx, Packet pkt);
  // The source address this node would use towards `dst`, if it has a route.
  [[nodiscard]] std::optional<Ipv4Addr> source_for(Ipv4Addr dst) const;
  [[nodiscard]] bool owns(Ipv4Addr ip) const;

  // ---- inspection ----
  [[nodiscard]] const std::vector<IpInterface>& interfaces() const { return interfaces_; }
  [[nodiscard]] const RouteTable& routes() const { return routes_; }
  [[nodiscard]] const ArpCache& arp() const { return arp_; }
  [[nodiscard]] bool listens(IpProto proto, uint16_t port) const {
    return listeners_.count({proto, port}) > 0;
  }
  [[nodiscard]] bool forwarding() const { return forwarding_; }
  // Ephemeral ports for connections this node opens: 32768-60999 in order, as
  // Linux's default ip_local_port_range, wrapping around.
  [[nodiscard]] uint16_t next_ephemeral_port();

 private:
  void handle_arp(Context& ctx, uint16_t in_port, const Packet& pkt);
  [[nodiscard]] bool check_l2_destination(Context& ctx, uint16_t in_port, const Packet& pkt);
  void deliver_local(Context& ctx, uint16_t in_port, Packet& pkt);
  void answer_tcp(Context& ctx, const Packet& pkt);
  void forward(Context& ctx, uint16_t in_port, Packet& pkt);
  [[nodiscard]] const RouteEntry* lookup_route(Context& ctx, const Packet& pkt);
  [[nodiscard]] bool apply_route_action(Context& ctx, const RouteEntry& route, const Packet& pkt,
                                        int32_t in_port);
  [[nodiscard]] bool decrement_ttl(Context& ctx, uint16_t in_port, Packet& pkt);
  void output(Context& ctx, Packet& pkt, const RouteEntry& route);
  void send_arp_request(Context& ctx, uint16_t iface, Ipv4Addr target, int try_number,
                        uint32_t flow);
  void release_pending(Context& ctx, uint32_t slot, MacAddr mac);
  void fail_pending(Context& ctx, uint32_t slot);
  // ICMP error about `offending`, sent back to its source, from the address facing
  // the sender (the in-port's address only when there is no route back).
  void send_icmp_error(Context& ctx, const Packet& offending, uint8_t type, uint8_t code,
                       int32_t in_port);
  // An error about a packet this node itself sent: handed straight to the
  // application, as a local stack reports it (iputils prints "From <self> ...").
  void report_local_error(Context& ctx, const Packet& offending, uint8_t type, uint8_t code);
  [[nodiscard]] bool is_local_origin(const Packet& pkt) const { return owns(pkt.ip.src); }
  [[nodiscard]] std::vector<std::string> iface_names() const;

  Role role_;
  bool forwarding_;
  std::vector<IpInterface> interfaces_;
  RouteTable routes_;
  ArpCache arp_;
  std::set<std::pair<IpProto, uint16_t>> listeners_;
  uint16_t next_ident_ = 0;
  uint16_t next_ephemeral_ = 32768;
};

}  // namespace vpcsim::sim
