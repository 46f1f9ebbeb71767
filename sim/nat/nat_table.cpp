#include "sim/nat/nat_table.hpp"

#include <algorithm>

#include "sim/core/check.hpp"

namespace vpcsim::sim {
namespace {

constexpr uint16_t kFirstPort = 1024;
// Every port a scan can visit: the starting one plus all of 1024..65535.
constexpr uint32_t kMaxCandidates = 65536 - kFirstPort + 1;

// The port after `p` in the scan; ports below 1024 are left for the range's start.
uint16_t next_port(uint16_t p) {
  return (p < kFirstPort || p == 65535) ? kFirstPort : uint16_t(p + 1);
}

size_t proto_index(IpProto p) {
  switch (p) {
    case IpProto::Icmp: return 0;
    case IpProto::Tcp: return 1;
    case IpProto::Udp: return 2;
  }
  return 0;
}

// For ICMP echo the identifier is both "ports" of the tuple, so both move together.
FlowTuple with_source(FlowTuple t, Ipv4Addr ip, uint16_t port) {
  t.src = ip;
  t.src_port = port;
  if (t.proto == IpProto::Icmp) t.dst_port = port;
  return t;
}

void set_source_port(Packet& pkt, uint16_t port) {
  if (pkt.is_tcp()) pkt.tcp.src_port = port;
  if (pkt.is_udp()) pkt.udp.src_port = port;
  if (pkt.is_icmp()) pkt.icmp.id = port;
}

void write_tuple(Packet& pkt, const FlowTuple& t) {
  pkt.ip.src = t.src;
  pkt.ip.dst = t.dst;
  if (pkt.is_tcp()) {
    pkt.tcp.src_port = t.src_port;
    pkt.tcp.dst_port = t.dst_port;
  } else if (pkt.is_udp()) {
    pkt.udp.src_port = t.src_port;
    pkt.udp.dst_port = t.dst_port;
  } else if (pkt.is_icmp()) {
    pkt.icmp.id = t.src_port;
  }
}

void write_quote(QuotedDatagram& q, const FlowTuple& t) {
  q.ip.src = t.src;
  q.ip.dst = t.dst;
  if (t.proto == IpProto::Icmp) {
    q.icmp.id = t.src_port;
  } else {
    q.src_port = t.src_port;
    q.dst_port = t.dst_port;
  }
}

std::string endpoint(IpProto proto, Ipv4Addr ip, uint16_t port) {
  if (proto == IpProto::Icmp) return ip.str() + " id " + std::to_string(port);
  return ip.str() + ":" + std::to_string(port);
}

// Appends "source a -> b" / "destination a -> b" for the sides that changed. An echo
// identifier stands in for both ports, so it cannot tell which side moved: ICMP sides are
// judged by address alone, and an identifier that changed alone is reported on its own.
void describe(const std::string& prefix, const FlowTuple& b, const FlowTuple& a,
              std::vector<std::string>& parts) {
  bool icmp = b.proto == IpProto::Icmp;
  bool src = b.src != a.src || (!icmp && b.src_port != a.src_port);
  bool dst = b.dst != a.dst || (!icmp && b.dst_port != a.dst_port);
  if (src) {
    parts.push_back(prefix + "source " + endpoint(b.proto, b.src, b.src_port) + " -> " +
                    endpoint(a.proto, a.src, a.src_port));
  }
  if (dst) {
    parts.push_back(prefix + "destination " + endpoint(b.proto, b.dst, b.dst_port) + " -> " +
                    endpoint(a.proto, a.dst, a.dst_port));
  }
  if (icmp && !src && !dst && b.src_port != a.src_port) {
    parts.push_back(prefix + "id " + std::to_string(b.src_port) + " -> " +
                    std::to_string(a.src_port));
  }
}

}  // namespace

std::string NatRewrite::str() const {
  std::vector<std::string> parts;
  if (icmp_error) {
    if (outer_src_before != outer_src_after) {
      parts.push_back("source " + outer_src_before.str() + " -> " + outer_src_after.str());
    }
    if (outer_dst_before != outer_dst_after) {
      parts.push_back("destination " + outer_dst_before.str() + " -> " + outer_dst_after.str());
    }
  }
  describe(icmp_error ? "quoted " : "", before, after, parts);
  if (parts.empty()) return "nothing";
  std::string s = parts[0];
  for (size_t i = 1; i < parts.size(); ++i) s += ", " + parts[i];
  return s;
}

size_t NatTable::TupleHash::operator()(const FlowTuple& t) const {
  // splitmix64's finalizer over the packed fields: cheap, and no pointer ever enters it.
  uint64_t x = (uint64_t(t.src.v) << 32 | t.dst.v) ^
               ((uint64_t(t.src_port) << 24 | uint64_t(t.dst_port) << 8 | uint8_t(t.proto)) *
                0x9e3779b97f4a7c15ULL);
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return size_t(x ^ (x >> 31));
}

bool NatTable::taken(const FlowTuple& t) const {
  // A reply tuple equal to another entry's original would make lookups ambiguous too.
  return by_reply_.count(t) != 0 || by_original_.count(t) != 0;
}

void NatTable::pick_source(Packet& pkt, Ipv4Addr ip) {
  std::optional<FlowTuple> cur = FlowTuple::of(pkt);
  VPCSIM_CHECK(cur.has_value(), "NAT of a packet without a flow tuple");
  uint16_t& counter = next_port_[proto_index(cur->proto)];
  uint16_t port = policy_ == PortPolicy::Sequential ? counter : cur->src_port;
  for (uint32_t tries = 1; taken(with_source(*cur, ip, port).reversed()); ++tries) {
    VPCSIM_CHECK(tries < kMaxCandidates, "NAT source ports exhausted for one destination");
    port = next_port(port);
  }
  if (policy_ == PortPolicy::Sequential) counter = next_port(port);
  pkt.ip.src = ip;
  set_source_port(pkt, port);
}

void NatTable::begin(const Packet& pkt) {
  std::optional<FlowTuple> t = FlowTuple::of(pkt);
  VPCSIM_CHECK(t.has_value(), "NatTable::begin on a packet without a flow tuple");
  VPCSIM_CHECK(!taken(*t), "NatTable::begin on a known connection: apply_existing comes first");
  pending_ = *t;
}

void NatTable::dnat(Packet& pkt, Ipv4Addr to_ip, uint16_t to_port) {
  VPCSIM_CHECK(pending_.has_value(), "NatTable::dnat without begin");
  pkt.ip.dst = to_ip;
  if (pkt.is_tcp()) pkt.tcp.dst_port = to_port;
  if (pkt.is_udp()) pkt.udp.dst_port = to_port;
  std::optional<FlowTuple> t = FlowTuple::of(pkt);
  VPCSIM_CHECK(t.has_value(), "NatTable::dnat on a packet without a flow tuple");
  if (taken(t->reversed())) pick_source(pkt, pkt.ip.src);
}

void NatTable::snat(Packet& pkt, Ipv4Addr to_ip) {
  VPCSIM_CHECK(pending_.has_value(), "NatTable::snat without begin");
  pick_source(pkt, to_ip);
}

std::optional<NatRewrite> NatTable::commit(const Packet& pkt) {
  VPCSIM_CHECK(pending_.has_value(), "NatTable::commit without begin");
  FlowTuple original = *pending_;
  pending_.reset();
  std::optional<FlowTuple> after = FlowTuple::of(pkt);
  VPCSIM_CHECK(after.has_value(), "NatTable::commit on a packet without a flow tuple");
  if (*after == original) return std::nullopt;
  FlowTuple reply = after->reversed();
  VPCSIM_CHECK(!taken(reply), "NatTable::commit: reply tuple already in use");
  by_original_.emplace(original, reply);
  by_reply_.emplace(reply, original);
  return NatRewrite{original, *after};
}

std::optional<NatRewrite> NatTable::apply_existing(Packet& pkt) {
  if (pkt.is_icmp_error()) return apply_to_error(pkt);
  std::optional<FlowTuple> t = FlowTuple::of(pkt);
  if (!t) return std::nullopt;
  FlowTuple target;
  if (auto it = by_original_.find(*t); it != by_original_.end()) {
    target = it->second.reversed();
  } else if (auto rit = by_reply_.find(*t); rit != by_reply_.end()) {
    target = rit->second.reversed();
  } else {
    return std::nullopt;
  }
  write_tuple(pkt, target);
  return NatRewrite{*t, target};
}

// An error is sent to the source of the datagram it quotes. If the quote is a translated
// packet of a known connection, the quote becomes what that packet's sender actually sent,
// and the outer addresses follow the same sides (Linux nf_nat_icmp_reply_translation):
// a translated quoted source address redirects the error to the real sender; a translated
// quoted destination address makes the error come from the address the sender used (which
// also hides routers behind the NAT). Ports and echo identifiers live only in the quote.
std::optional<NatRewrite> NatTable::apply_to_error(Packet& err) {
  std::optional<FlowTuple> q = FlowTuple::of_quote(err);
  if (!q) return std::nullopt;
  FlowTuple sent;
  if (auto it = by_reply_.find(q->reversed()); it != by_reply_.end()) {
    sent = it->second;  // quote is an original-direction packet after translation
  } else if (auto oit = by_original_.find(q->reversed()); oit != by_original_.end()) {
    sent = oit->second;  // quote is a reply after translation
  } else {
    return std::nullopt;
  }
  NatRewrite r{*q, sent, true, err.ip.src, err.ip.dst, err.ip.src, err.ip.dst};
  if (q->src != sent.src) r.outer_dst_after = sent.src;
  if (q->dst != sent.dst) r.outer_src_after = sent.dst;
  write_quote(err.quote, sent);
  err.ip.src = r.outer_src_after;
  err.ip.dst = r.outer_dst_after;
  return r;
}

bool NatTable::has_reply_for(const Packet& pkt) const {
  if (pkt.is_icmp_error()) {
    std::optional<FlowTuple> q = FlowTuple::of_quote(pkt);
    return q && by_reply_.count(q->reversed()) != 0;
  }
  std::optional<FlowTuple> t = FlowTuple::of(pkt);
  return t && by_reply_.count(*t) != 0;
}

std::vector<NatEntry> NatTable::entries() const {
  std::vector<NatEntry> out;
  out.reserve(by_original_.size());
  for (const auto& [original, reply] : by_original_) out.push_back({original, reply});
  std::sort(out.begin(), out.end(),
            [](const NatEntry& a, const NatEntry& b) { return a.original < b.original; });
  return out;
}

}  // namespace vpcsim::sim
