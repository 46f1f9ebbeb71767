#include "sim/services/dns_message.hpp"

namespace vpcsim::sim {

// Placeholder until the dns work writes the real encoding.
std::vector<uint8_t> wire_bytes(const DnsMessage&) { return {}; }

}  // namespace vpcsim::sim
