#pragma once
// HttpMessage: an HTTP/1.1 request or response as the simulator carries it in a
// TCP segment (see sim/net/app_payload.hpp). Headers are kept in the order they
// go on the wire; `wire_bytes` writes the exact text a capture shows.
// Not modelled: bodies of requests, chunked encoding, keep-alive (one request
// per connection), TLS (an HTTPS listener's traffic is carried in clear text).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vpcsim::sim {

struct HttpMessage {
  bool response = false;
  std::string method = "GET", host, path = "/";  // request (host: the Host header's value)
  uint16_t status = 0;                           // response
  // Every header but Host (requests) in wire order, e.g. {"User-Agent", "vpcsim-curl/0.1"}.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // The first header of that name (case-insensitive), if any.
  [[nodiscard]] std::optional<std::string> header(std::string_view name) const;
  // "GET /v1 HTTP/1.1" or "HTTP/1.1 200 OK".
  [[nodiscard]] std::string start_line() const;
};

// "OK", "Moved Permanently", "Gateway Time-out" (as AWS load balancers write 504).
[[nodiscard]] std::string_view reason_phrase(uint16_t status);
// A request as curl sends it: Host, User-Agent: vpcsim-curl/0.1, Accept: */*.
[[nodiscard]] HttpMessage http_request(std::string host, std::string path);
// A response with Content-Type text/plain and Content-Length of `body`.
[[nodiscard]] HttpMessage http_response(uint16_t status, std::string server, std::string body);
// The message as HTTP/1.1 text: start line, headers, empty line, body.
[[nodiscard]] std::string http_text(const HttpMessage& m);
// The same text as bytes on the wire, as a capture shows it.
[[nodiscard]] std::vector<uint8_t> wire_bytes(const HttpMessage& m);

}  // namespace vpcsim::sim
