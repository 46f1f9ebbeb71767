#pragma once
// Frame encoding: a simulated Packet as the bytes an Ethernet wire would carry,
// for pcap files (Wireshark, tshark, tcpdump). The simulator keeps headers as
// plain structs; this is the one place they become bytes.
//
// What is written: Ethernet II (no FCS, no padding to 60 bytes: as a capture
// on the sending host shows it), ARP for IPv4, IPv4 (20-byte header, DF clear,
// correct header checksum), ICMP (echo with `payload_bytes` of data; errors with
// the quoted IP header and 8 bytes, whose own checksums are those of the datagram
// as it was sent), TCP (window 64240; a SYN's `payload_bytes` are the options
// Linux sends, MSS/SACK/timestamps/window scale, as the simulator counts them as
// header bytes) and UDP, both with pseudo-header checksums. Payload bytes follow
// a fixed pattern (byte i = i mod 256), so captures are deterministic, unless
// the packet carries an application message (DNS, DHCP, HTTP): then its bytes.
// Not modelled: IP options, fragmentation, VLAN tags, TCP sequence numbers in an
// ICMP error's quote (the simulator does not keep them: written as 0).
#include <cstdint>
#include <span>
#include <vector>

#include "sim/net/app_payload.hpp"
#include "sim/net/packet.hpp"

namespace vpcsim::cli {

// The frame's bytes; size() == pkt.wire_bytes(). With `apps`, a packet that
// carries an application message (Packet::app) has that message's real bytes
// (app_wire_bytes) as its payload, when their size is the packet's payload_bytes
// (the filler pattern otherwise, so a mismatch never breaks a capture).
[[nodiscard]] std::vector<uint8_t> encode_frame(const sim::Packet& pkt,
                                                const sim::AppPayloadStore* apps = nullptr);

// RFC 1071 one's-complement sum over `bytes`, folded and inverted; `partial` is
// a running sum of earlier data (e.g. a pseudo-header).
[[nodiscard]] uint16_t internet_checksum(std::span<const uint8_t> bytes, uint32_t partial = 0);

}  // namespace vpcsim::cli
