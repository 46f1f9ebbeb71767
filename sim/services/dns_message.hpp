#pragma once
// DnsMessage: a DNS query or response as the simulator carries it in a UDP
// datagram (see sim/net/app_payload.hpp).
#include <cstdint>
#include <string>
#include <vector>

namespace vpcsim::sim {

struct DnsMessage {
  uint16_t id = 0;
  bool response = false;
  std::string question;  // the name asked for
  uint16_t qtype = 1;    // A
};

// The message in DNS wire format (RFC 1035), as a capture shows it.
[[nodiscard]] std::vector<uint8_t> wire_bytes(const DnsMessage& m);

}  // namespace vpcsim::sim
