#pragma once
// DhcpMessage: a DHCP message (DISCOVER, OFFER, REQUEST, ACK, NAK) as the
// simulator carries it in a UDP datagram (see sim/net/app_payload.hpp): the
// BOOTP fields a client and server use (RFC 2131 section 2) and the options of
// RFC 2132 that vpcsim's exchange carries. `wire_bytes` writes it as a capture
// shows it, so Wireshark decodes the frames of a --pcap as DHCP.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/net/ipv4_addr.hpp"
#include "sim/net/mac_addr.hpp"

namespace vpcsim::sim {

namespace dhcp {
// Option 53 values (RFC 2132 section 9.6).
inline constexpr uint8_t kDiscover = 1, kOffer = 2, kRequest = 3, kDecline = 4, kAck = 5, kNak = 6,
                         kRelease = 7;
inline constexpr uint16_t kServerPort = 67, kClientPort = 68;
inline constexpr uint32_t kMagicCookie = 0x63825363;
}  // namespace dhcp

struct DhcpMessage {
  uint8_t type = dhcp::kDiscover;  // option 53
  uint32_t xid = 0;                // transaction id, chosen by the client
  bool broadcast = true;           // flags' B bit: answer by broadcast (the client has no address)
  MacAddr client_mac;              // chaddr
  Ipv4Addr client_ip;              // ciaddr (0 until bound)
  Ipv4Addr your_ip;                // yiaddr: the address offered / acknowledged
  Ipv4Addr server_ip;              // siaddr (0: no next server, as ISC dhcpd and dnsmasq)
  // Options, in the order they are written.
  std::optional<Ipv4Addr> requested_ip;   // 50, in REQUEST
  std::optional<Ipv4Addr> server_id;      // 54, in OFFER, REQUEST, ACK, NAK
  std::optional<uint32_t> lease_seconds;  // 51, in OFFER and ACK
  std::optional<Ipv4Addr> subnet_mask;    // 1
  std::optional<Ipv4Addr> router;         // 3
  std::optional<Ipv4Addr> dns;            // 6
  std::string host_name;                  // 12 (empty: absent), as AWS sends "ip-10-0-1-5"
  std::string domain_name;                // 15 (empty: absent), as AWS sends "ec2.internal"

  // op: 1 BOOTREQUEST from clients, 2 BOOTREPLY from servers.
  [[nodiscard]] uint8_t op() const {
    return type == dhcp::kOffer || type == dhcp::kAck || type == dhcp::kNak ? 2 : 1;
  }
};

// "DISCOVER", "OFFER", ...: the name of a message type (option 53).
[[nodiscard]] std::string dhcp_type_name(uint8_t type);
// One line as tcpdump prints it: "DHCP OFFER 192.168.0.100, xid 0x3903f326".
[[nodiscard]] std::string summary(const DhcpMessage& m);

// The message in BOOTP/DHCP wire format (RFC 2131/2132), as a capture shows it:
// the 236-byte fixed header, the magic cookie, options 53, 50, 54, 51, 1, 3, 6,
// 12, 15 (those present, in that order) and the end option 255.
[[nodiscard]] std::vector<uint8_t> wire_bytes(const DhcpMessage& m);

}  // namespace vpcsim::sim
