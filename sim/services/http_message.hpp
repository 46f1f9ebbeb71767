#pragma once
// HttpMessage: an HTTP/1.1 request or response as the simulator carries it in a
// TCP segment (see sim/net/app_payload.hpp).
#include <cstdint>
#include <string>
#include <vector>

namespace vpcsim::sim {

struct HttpMessage {
  bool response = false;
  std::string method = "GET", host, path = "/";  // request
  uint16_t status = 0;                            // response
};

// The message as HTTP/1.1 text on the wire, as a capture shows it.
[[nodiscard]] std::vector<uint8_t> wire_bytes(const HttpMessage& m);

}  // namespace vpcsim::sim
