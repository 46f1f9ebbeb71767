#pragma once
// IpNode: an IPv4 host or router, one implementation because a Linux host is a
// router with forwarding off (an AWS instance and NAT gateway are configured
// IpNodes too). Pipeline per frame (receive):
//   ARP? -> handle_arp | frame for us? -> to 255.255.255.255? -> receive_broadcast
//   (services only: DHCP; never forwarded) | source/dest check -> security groups in
//   -> NAT prerouting (known connection, port forward) -> local address? -> deliver_local
//   | forwarding off -> drop | lookup_route -> decrement_ttl -> NAT postrouting
//   (masquerade) -> security groups out -> output (ARP, L2 rewrite, emit)
// Originated packets (from probes) enter at `send`: NAT of known connections ->
// lookup_route -> security groups out -> output.
// Interfaces are ports, in declaration order. Connected routes are added for
// every interface; a host's gateway becomes a default route. A DHCP client's
// interface (add_dhcp_client) has neither until its exchange binds an address.
// Not modelled: IP fragmentation, ICMP redirects and rate limits, IP options,
// TCP beyond the handshake (SYN, SYN-ACK, ACK, RST), strong-host checks.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/devices/device.hpp"
#include "sim/filters/stateful_filter.hpp"
#include "sim/nat/nat_table.hpp"
#include "sim/net/prefix.hpp"
#include "sim/services/dhcp_server.hpp"
#include "sim/services/service.hpp"
#include "sim/tables/arp_cache.hpp"
#include "sim/tables/route_table.hpp"
#include "sim/trace/drop_reason.hpp"

namespace vpcsim::sim {

class DhcpClient;

struct IpInterface {
  std::string name;
  MacAddr mac;
  InterfaceAddr addr;
  bool source_dest_check = false;  // AWS ENI: only traffic to/from its own addresses
  int32_t security_groups = -1;    // index into the node's StatefulFilters, -1: none
};

// Source NAT to an interface's address for packets leaving by it (Linux MASQUERADE).
struct Masquerade {
  uint16_t iface = 0;
  std::optional<Prefix> source;  // only packets from this range; empty: any
};

// Destination NAT of packets to this node's `port` (Linux DNAT / REDIRECT).
struct PortForward {
  IpProto proto = IpProto::Tcp;
  uint16_t port = 0;
  std::optional<Ipv4Addr> to_ip;  // empty: REDIRECT to a local port
  uint16_t to_port = 0;
};

class IpNode final : public Device {
 public:
  // NatGateway: forwards and masquerades everything; nothing is delivered locally
  // (unsolicited inbound traffic is dropped with nat-no-mapping).
  enum class Role : uint8_t { Host, Router, NatGateway };

  IpNode(DeviceId id, std::string name, Role role);

  [[nodiscard]] DeviceKind kind() const override {
    switch (role_) {
      case Role::Host:
        return DeviceKind::Host;
      case Role::Router:
        return DeviceKind::Router;
      case Role::NatGateway:
        return DeviceKind::NatGateway;
    }
    return DeviceKind::Host;
  }
  void receive(Context& ctx, uint16_t in_port, Packet& pkt) override;
  void on_timer(Context& ctx, uint32_t token) override;
  void reset_state() override;
  void abandon_pending() override { arp_.clear_pending(); }

  // ---- configuration (before the run) ----
  // Adds an interface (and its port) and the connected route of its subnet.
  uint16_t add_interface(std::string if_name, InterfaceAddr addr, MacAddr mac);
  void add_route(RouteEntry e) { routes_.add(std::move(e)); }
  void add_listener(IpProto proto, uint16_t port);
  void set_forwarding(bool on) { forwarding_ = on; }
  // TTL of the packets this node creates (replies, ICMP errors): Linux's
  // net.ipv4.ip_default_ttl, 64 unless changed.
  void set_default_ttl(uint8_t ttl) { default_ttl_ = ttl; }
  void set_source_dest_check(uint16_t iface, bool on) { interfaces_[iface].source_dest_check = on; }
  void set_security_groups(uint16_t iface, StatefulFilter filter);
  // NAT: the first rule makes the node keep a NAT table (ports per `policy`).
  void add_masquerade(Masquerade m, PortPolicy policy = PortPolicy::KeepWhenFree);
  void add_port_forward(PortForward f);
  // An application server on this node (sim/services/service.hpp); offered
  // every locally delivered UDP/TCP packet, in the order added, before the
  // node's listeners.
  void add_service(std::unique_ptr<Service> service);
  // One of the services (a network load balancer) is also offered the packets
  // that reach this node for other addresses (the replies the VPC steers back to
  // an NLB: they carry the client's address), before any filter.
  void set_transit_service(Service* service) { extras().transit = service; }
  // ---- DHCP (docs/dhcp.md) ----
  // Makes interface `iface` a DHCP client: it has no address, and no route goes
  // through it, until the exchange binds one (the lease plan said `planned`).
  void add_dhcp_client(uint16_t iface, InterfaceAddr planned);
  void add_dhcp_server(DhcpPool pool);
  // Starts the exchange of every DHCP client of this node; `flow` tags its packets
  // (sim/services/dhcp_boot.hpp runs this before the first probe).
  void start_dhcp(Context& ctx, uint32_t flow);
  // A DHCP ACK: `iface` gets `addr`, its connected route and, with `gateway`
  // (option 3), a default route (`ip route`'s "proto dhcp").
  void bind_address(uint16_t iface, InterfaceAddr addr, std::optional<Ipv4Addr> gateway,
                    std::string source);
  // Emits `pkt` out of `iface` as it is, to the Ethernet broadcast address:
  // a packet socket (dhclient, DHCP servers), which no route or ARP lookup sees.
  void send_raw(Context& ctx, uint16_t iface, Packet pkt, std::string detail);
  [[nodiscard]] const DhcpClient* dhcp_client(uint16_t iface) const;  // nullptr: static address

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
  [[nodiscard]] bool listens(IpProto proto, uint16_t port) const;
  [[nodiscard]] bool forwarding() const { return forwarding_; }
  [[nodiscard]] const NatTable* nat() const { return nat_.get(); }
  [[nodiscard]] const std::vector<StatefulFilter>& security_groups() const;
  [[nodiscard]] size_t service_count() const { return extras_ ? extras_->services.size() : 0; }
  [[nodiscard]] const Service& service(size_t i) const { return *extras_->services[i]; }
  [[nodiscard]] Service& service(size_t i) { return *extras_->services[i]; }  // lb: expiries
  // Ephemeral ports for connections this node opens: 32768-60999 in order, as
  // Linux's default ip_local_port_range, wrapping around.
  [[nodiscard]] uint16_t next_ephemeral_port();

 private:
  void handle_arp(Context& ctx, uint16_t in_port, const Packet& pkt);
  [[nodiscard]] bool check_l2_destination(Context& ctx, uint16_t in_port, const Packet& pkt);
  void deliver_local(Context& ctx, uint16_t in_port, Packet& pkt);
  void answer_tcp(Context& ctx, const Packet& pkt);
  // What NAT prerouting did to a packet: nothing, an existing connection's
  // translation, or a port forward starting a new one (committed after routing).
  enum class NatStage : uint8_t { None, Existing, Started };
  [[nodiscard]] bool ingress_checks(Context& ctx, uint16_t in_port, const Packet& pkt);
  [[nodiscard]] NatStage nat_prerouting(Context& ctx, Packet& pkt);
  void nat_postrouting(Context& ctx, Packet& pkt, uint16_t out_iface, NatStage stage);
  [[nodiscard]] bool egress_checks(Context& ctx, uint16_t out_iface, const Packet& pkt);
  void nat_step(Context& ctx, const std::optional<NatRewrite>& rewrite, const char* what);
  void forward(Context& ctx, uint16_t in_port, Packet& pkt, NatStage nat);
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
  // A frame to 255.255.255.255: offered to the services (DHCP), never forwarded.
  void receive_broadcast(Context& ctx, uint16_t in_port, const Packet& pkt);
  // Why a node with a DHCP client that holds no lease cannot send to `dst`, or nullopt.
  [[nodiscard]] std::optional<SendError> no_lease_error(Ipv4Addr dst) const;
  [[nodiscard]] bool is_local_origin(const Packet& pkt) const { return owns(pkt.ip.src); }
  [[nodiscard]] std::vector<std::string> iface_names() const;

  Role role_;
  bool forwarding_;
  std::vector<IpInterface> interfaces_;
  RouteTable routes_;
  ArpCache arp_;
  // What few nodes have, apart, so that a plain host stays small: a big
  // topology has hundreds of thousands of them (see bench/README.md).
  struct Extras {
    std::vector<std::pair<IpProto, uint16_t>> listeners;  // sorted
    std::vector<StatefulFilter> filters;                  // security groups
    std::vector<Masquerade> masquerades;
    std::vector<PortForward> port_forwards;
    std::vector<std::unique_ptr<Service>> services;
    std::vector<DhcpClient*> dhcp_clients;  // among `services`, by interface
    Service* transit = nullptr;             // among `services`: set_transit_service
  };
  [[nodiscard]] Extras& extras();  // created on first use
  std::unique_ptr<Extras> extras_;
  std::unique_ptr<NatTable> nat_;  // only on nodes that translate
  uint8_t default_ttl_ = 64;
  uint16_t next_ident_ = 0;
  uint16_t next_ephemeral_ = 32768;
};

}  // namespace vpcsim::sim
