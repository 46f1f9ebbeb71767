#pragma once
// DhcpMessage: a DHCP message (DISCOVER, OFFER, REQUEST, ACK, NAK) as the
// simulator carries it in a UDP datagram (see sim/net/app_payload.hpp).
#include <cstdint>
#include <vector>

#include "sim/net/ipv4_addr.hpp"
#include "sim/net/mac_addr.hpp"

namespace vpcsim::sim {

struct DhcpMessage {
  uint8_t type = 1;  // option 53: 1 DISCOVER, 2 OFFER, 3 REQUEST, 5 ACK, 6 NAK
  uint32_t xid = 0;
  MacAddr client_mac;
  Ipv4Addr your_ip;  // yiaddr
};

// The message in BOOTP/DHCP wire format (RFC 2131/2132), as a capture shows it.
[[nodiscard]] std::vector<uint8_t> wire_bytes(const DhcpMessage& m);

}  // namespace vpcsim::sim
