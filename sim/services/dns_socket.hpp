#pragma once
// DnsSocket: the UDP socket a stub resolver (dig, getaddrinfo) opens on the
// asking node for the time of one query: a datagram to an open port is handed
// to the waiting application (the probe), as the kernel hands it to the socket
// that sent the query. Closed ports fall through to the node's own handling
// (ICMP port unreachable), as a late answer to a closed socket does.
#include <set>

#include "sim/services/service.hpp"

namespace vpcsim::sim {

class DnsSocket final : public Service {
 public:
  [[nodiscard]] std::string_view name() const override { return "DNS client socket"; }
  bool deliver(Context& ctx, IpNode& node, uint16_t in_port, const Packet& pkt) override;
  void reset_state() override { open_.clear(); }
  void open(uint16_t port) { open_.insert(port); }
  void close(uint16_t port) { open_.erase(port); }

  // The socket service of `node`, added on first use.
  static DnsSocket& of(IpNode& node);

 private:
  std::set<uint16_t> open_;
};

}  // namespace vpcsim::sim
