#include "sim/services/http_message.hpp"

namespace vpcsim::sim {

// Placeholder until the http work writes the real encoding.
std::vector<uint8_t> wire_bytes(const HttpMessage&) { return {}; }

}  // namespace vpcsim::sim
