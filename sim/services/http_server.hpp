#pragma once
// HttpServer: the application behind a node's TCP listeners, as far as HTTP
// goes. After the handshake (answered by the node's stack: SYN-ACK), a segment
// carrying an HttpMessage request to a listening port is answered with one
// response segment: 200 OK, "Server: vpcsim-httpd", and a body naming the node
// and the address and port it served on, so a probe can tell which target of a
// load balancer answered. The request is also handed to the node's
// applications (a probe's sink) with the source address as the server saw it.
// Not modelled: content, methods other than as a label, keep-alive, teardown.
#include <string_view>

#include "sim/net/packet.hpp"
#include "sim/services/service.hpp"

namespace vpcsim::sim {

class HttpServer final : public Service {
 public:
  [[nodiscard]] std::string_view name() const override { return "HTTP server"; }
  bool deliver(Context& ctx, IpNode& node, uint16_t in_port, const Packet& pkt) override;
};

// A TCP segment of an established connection, with an application payload
// (`app`, 0: none) of `bytes` bytes; the source address is filled by the sender.
[[nodiscard]] Packet tcp_segment(uint64_t id, uint32_t flow, Ipv4Addr src, uint16_t sport,
                                 Ipv4Addr dst, uint16_t dport, uint8_t flags, uint32_t seq,
                                 uint32_t ack, uint32_t app = 0, uint32_t bytes = 0);

}  // namespace vpcsim::sim
