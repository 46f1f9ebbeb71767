#pragma once
// DnsServer: a DNS server running on an IpNode, answering UDP port 53: the VPC
// resolver (Route 53 Resolver at the VPC's base+2), the internet's public
// resolver, or a `<dns-server/>` run on an instance or host. It answers from its
// DnsView (no queries of its own go out: every zone of a topology is known to
// it, so the recursion is done in place and each step of it is recorded in the
// journey). The answer is a real UDP datagram sent through IpNode::send, so
// routes, NAT and filters apply to it like to any reply.
// Not modelled: caching, TCP, truncation, rate limits.
#include <string>

#include "sim/services/dns_view.hpp"
#include "sim/services/service.hpp"

namespace vpcsim::sim {

class DnsServer final : public Service {
 public:
  // `label` names it in explanations: "Amazon DNS server of VPC prod".
  DnsServer(std::string label, DnsView view) : label_(std::move(label)), view_(std::move(view)) {}

  [[nodiscard]] std::string_view name() const override { return "DNS server"; }
  bool deliver(Context& ctx, IpNode& node, uint16_t in_port, const Packet& pkt) override;
  [[nodiscard]] const std::string& label() const { return label_; }
  [[nodiscard]] const DnsView& view() const { return view_; }

 private:
  std::string label_;
  DnsView view_;
};

inline constexpr uint16_t kDnsPort = 53;

}  // namespace vpcsim::sim
