#include "sim/services/dhcp_message.hpp"

namespace vpcsim::sim {

// Placeholder until the dhcp work writes the real encoding.
std::vector<uint8_t> wire_bytes(const DhcpMessage&) { return {}; }

}  // namespace vpcsim::sim
