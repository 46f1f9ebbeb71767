#pragma once
// AppPayload: what an application put in a UDP datagram or TCP segment: a DNS
// message, a DHCP message, an HTTP request or response. Packets stay flat and
// trivially copyable (floods copy them freely): a packet carries the index of
// its payload in the simulation's AppPayloadStore (Packet::app, 0: none), and a
// stored payload never changes, so every copy of a frame shows the same one.
// A device that rewrites a payload (an ALB forwarding a request) stores a new one.
#include <cstdint>
#include <variant>
#include <vector>

#include "sim/services/dhcp_message.hpp"
#include "sim/services/dns_message.hpp"
#include "sim/services/http_message.hpp"

namespace vpcsim::sim {

using AppPayload = std::variant<DnsMessage, DhcpMessage, HttpMessage>;

class AppPayloadStore {
 public:
  // The index to put in Packet::app (never 0).
  uint32_t put(AppPayload payload) {
    payloads_.push_back(std::move(payload));
    return uint32_t(payloads_.size());
  }
  // The payload at `index`, or nullptr for 0 or an index this store never gave.
  [[nodiscard]] const AppPayload* get(uint32_t index) const {
    return index == 0 || index > payloads_.size() ? nullptr : &payloads_[index - 1];
  }
  [[nodiscard]] size_t size() const { return payloads_.size(); }

 private:
  std::vector<AppPayload> payloads_;
};

// The payload's bytes on the wire (DNS, BOOTP or HTTP text), for pcap.
[[nodiscard]] inline std::vector<uint8_t> app_wire_bytes(const AppPayload& payload) {
  return std::visit([](const auto& m) { return wire_bytes(m); }, payload);
}

}  // namespace vpcsim::sim
