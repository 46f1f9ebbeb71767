#pragma once
// HttpRequest: one HTTP/1.1 request as curl makes it: a TCP handshake (as
// TcpConnect), then one segment carrying the request, then the response
// segment (an HttpServer on a listening node, or a load balancer answering
// itself or relaying its target's answer). Records which node's HTTP server
// answered and the source address it saw (after a load balancer: the load
// balancer's own address). Load balancers waiting on a target give up at their
// deadline (504); the probe drives that clock when its run goes idle.
// Not modelled: retransmissions, several segments, keep-alive, teardown (FIN).
#include <cstdint>
#include <optional>
#include <string>

#include "sim/probes/probe_common.hpp"
#include "sim/services/http_message.hpp"

namespace vpcsim::sim {

struct HttpRequestOptions {
  std::optional<uint16_t> source_port;  // default: the next ephemeral port
  Duration timeout{30'000'000'000};     // curl --max-time
  uint64_t event_budget = kDefaultProbeEventBudget;
};

enum class HttpVerdict : uint8_t { Response, Refused, Timeout, Unreachable };
[[nodiscard]] std::string_view verdict_name(HttpVerdict v);

struct HttpResult {
  uint32_t flow = 0;
  Ipv4Addr src, dst;
  uint16_t src_port = 0, dst_port = 0;
  HttpVerdict verdict = HttpVerdict::Timeout;
  bool connected = false;  // the handshake completed
  Duration connect_time, total_time;
  std::optional<std::string> local_error;  // nothing was sent ("Network is unreachable")
  std::optional<Ipv4Addr> error_from;      // source of an ICMP error
  uint8_t icmp_type = 0, icmp_code = 0;
  HttpMessage request;
  std::optional<HttpMessage> response;
  std::optional<DeviceId> served_by;  // node whose HTTP server answered
  Ipv4Addr seen_source;               // the source address that server saw
  uint16_t seen_port = 0;             // the port it served on
  // Why there was no response, or why it is a 5XX error of a load balancer.
  std::optional<ProbeReason> reason;
  [[nodiscard]] uint16_t status() const { return response ? response->status : 0; }
};

[[nodiscard]] HttpResult run_http_request(Simulation& sim, DeviceId from, Ipv4Addr to,
                                          uint16_t port, HttpMessage request,
                                          const HttpRequestOptions& options);

}  // namespace vpcsim::sim
