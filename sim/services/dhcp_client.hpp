#pragma once
// DhcpClient: the DHCP client of one interface of an IpNode (dhclient on
// Linux). The interface has no address until the exchange ends:
//   start -> DISCOVER (broadcast) -> OFFER -> REQUEST (broadcast) -> ACK -> bound
// It sends from 0.0.0.0:68 to 255.255.255.255:67 through IpNode::send_raw (a
// packet socket, as dhclient uses: no routing, no ARP) with the broadcast flag
// set, so servers answer by broadcast too. DISCOVERs are retransmitted after 4
// and 8 s (RFC 2131 section 4.1, without the random jitter, which would break
// determinism); with no OFFER 16 s after the third, the client gives up
// (reason dhcp-no-offer).
//
// The lease the topology planned (topology/dhcp_leases.hpp) is known before the
// run; binding any other address is a bug in one of the two, and VPCSIM_CHECK
// stops the run there.
#include <cstdint>
#include <optional>
#include <string>

#include "sim/net/prefix.hpp"
#include "sim/services/dhcp_message.hpp"
#include "sim/services/service.hpp"

namespace vpcsim::sim {

class DhcpClient final : public Service {
 public:
  enum class State : uint8_t { Init, Selecting, Requesting, Bound, Failed };

  // `planned`: the address the topology's lease plan gives this interface.
  DhcpClient(uint16_t iface, InterfaceAddr planned) : iface_(iface), planned_(planned) {}

  [[nodiscard]] std::string_view name() const override { return "DHCP client"; }
  bool deliver(Context& ctx, IpNode& node, uint16_t in_port, const Packet& pkt) override;
  // The lease outlives reset_state: a probe run "as if first" (vpcsim reach)
  // starts from a network whose hosts have booted.

  // Sends the first DISCOVER; `flow` tags every packet of the exchange.
  void start(Context& ctx, IpNode& node, uint32_t flow, uint32_t timer_token);
  // The retransmission timer fired.
  void on_timer(Context& ctx, IpNode& node, uint32_t timer_token);

  [[nodiscard]] uint16_t iface() const { return iface_; }
  [[nodiscard]] State state() const { return state_; }
  [[nodiscard]] InterfaceAddr planned() const { return planned_; }
  // Why the exchange failed, for a probe that finds the interface without an address.
  [[nodiscard]] const std::string& failure() const { return failure_; }
  [[nodiscard]] std::optional<Ipv4Addr> server() const { return server_; }
  // The ACK that bound the interface (its options), once bound.
  [[nodiscard]] const std::optional<DhcpMessage>& lease() const { return lease_; }

 private:
  void send(Context& ctx, IpNode& node, const DhcpMessage& m, const std::string& why);
  [[nodiscard]] DhcpMessage message(const IpNode& node, uint8_t type) const;

  uint16_t iface_;
  InterfaceAddr planned_;
  State state_ = State::Init;
  uint32_t xid_ = 0;
  uint32_t flow_ = 0;
  int tries_ = 0;
  std::optional<Ipv4Addr> server_;  // option 54 of the OFFER taken
  Ipv4Addr offered_;
  std::string failure_;
  std::optional<DhcpMessage> lease_;
};

}  // namespace vpcsim::sim
