#include "tools/vpcsim/format/frame_encoder.hpp"

namespace vpcsim::cli {
namespace {

constexpr size_t kEthLen = 14, kIpLen = 20, kTcpLen = 20, kUdpLen = 8, kIcmpLen = 8;
constexpr uint16_t kTcpWindow = 64240;  // Linux's initial window for a 1460-byte MSS

// Appends big-endian fields: network byte order.
class Bytes {
 public:
  void u8(uint8_t v) { b_.push_back(v); }
  void u16(uint16_t v) {
    u8(uint8_t(v >> 8));
    u8(uint8_t(v));
  }
  void u32(uint32_t v) {
    u16(uint16_t(v >> 16));
    u16(uint16_t(v));
  }
  void mac(sim::MacAddr m) {
    for (int shift = 40; shift >= 0; shift -= 8) u8(uint8_t(m.v >> shift));
  }
  void ip(sim::Ipv4Addr a) { u32(a.v); }
  void pattern(size_t n) {
    for (size_t i = 0; i < n; ++i) u8(uint8_t(i));
  }
  void append(std::span<const uint8_t> more) { b_.insert(b_.end(), more.begin(), more.end()); }
  void put16(size_t at, uint16_t v) {
    b_[at] = uint8_t(v >> 8);
    b_[at + 1] = uint8_t(v);
  }
  [[nodiscard]] size_t size() const { return b_.size(); }
  [[nodiscard]] std::span<const uint8_t> from(size_t at) const {
    return std::span<const uint8_t>(b_).subspan(at);
  }
  std::vector<uint8_t>& vec() { return b_; }

 private:
  std::vector<uint8_t> b_;
};

uint32_t sum16(std::span<const uint8_t> bytes, uint32_t sum) {
  for (size_t i = 0; i + 1 < bytes.size(); i += 2) sum += uint32_t(bytes[i] << 8 | bytes[i + 1]);
  if (bytes.size() % 2) sum += uint32_t(bytes.back() << 8);
  return sum;
}

// The sum over the TCP/UDP pseudo-header (RFC 793, RFC 768).
uint32_t pseudo_header_sum(sim::Ipv4Addr src, sim::Ipv4Addr dst, sim::IpProto proto,
                           size_t l4_length) {
  return (src.v >> 16) + (src.v & 0xffff) + (dst.v >> 16) + (dst.v & 0xffff) + uint32_t(proto) +
         uint32_t(l4_length);
}

// An IPv4 header with its checksum.
void ipv4_header(Bytes& b, const sim::Ipv4Header& ip, size_t total_length) {
  size_t at = b.size();
  b.u8(0x45);  // version 4, 5 words
  b.u8(0);     // DSCP/ECN
  b.u16(uint16_t(total_length));
  b.u16(ip.ident);
  b.u16(0);  // flags and fragment offset: not fragmented, DF clear
  b.u8(ip.ttl);
  b.u8(uint8_t(ip.proto));
  b.u16(0);  // checksum, filled below
  b.ip(ip.src);
  b.ip(ip.dst);
  b.put16(at + 10, internet_checksum(b.from(at).first(kIpLen)));
}

// A SYN's options as Linux sends them (MSS 1460, SACK permitted, timestamps,
// NOP, window scale 7): 20 bytes. Other lengths: MSS, then NOPs.
void syn_options(Bytes& b, size_t length) {
  size_t start = b.size();
  if (length >= 4) {
    b.u8(2), b.u8(4), b.u16(1460);
  }
  if (length == 20) {
    b.u8(4), b.u8(2);                   // SACK permitted
    b.u8(8), b.u8(10), b.u32(0), b.u32(0);  // timestamps (zero: simulated clock)
    b.u8(1);                            // NOP
    b.u8(3), b.u8(3), b.u8(7);          // window scale 7
  }
  while (b.size() - start < length) b.u8(1);  // NOP
}

size_t tcp_options_length(const sim::Packet& p) {
  bool syn = p.tcp.flags & sim::tcp_flag::kSyn;
  return syn && p.payload_bytes % 4 == 0 && p.payload_bytes <= 40 ? p.payload_bytes : 0;
}

void tcp_segment(Bytes& b, const sim::Packet& p, std::span<const uint8_t> app) {
  size_t at = b.size();
  size_t options = tcp_options_length(p);
  size_t data = p.payload_bytes - options;
  b.u16(p.tcp.src_port);
  b.u16(p.tcp.dst_port);
  b.u32(p.tcp.seq);
  b.u32((p.tcp.flags & sim::tcp_flag::kAck) ? p.tcp.ack : 0);
  b.u8(uint8_t(((kTcpLen + options) / 4) << 4));
  b.u8(p.tcp.flags);
  b.u16((p.tcp.flags & sim::tcp_flag::kRst) ? 0 : kTcpWindow);
  b.u16(0);  // checksum
  b.u16(0);  // urgent pointer
  syn_options(b, options);
  if (app.size() == data) {
    b.append(app);
  } else {
    b.pattern(data);
  }
  size_t length = b.size() - at;
  b.put16(at + 16, internet_checksum(b.from(at),
                                     pseudo_header_sum(p.ip.src, p.ip.dst, sim::IpProto::Tcp, length)));
}

// UDP with its checksum; 0 is sent as 0xffff (RFC 768: 0 means "no checksum").
uint16_t udp_checksum(std::span<const uint8_t> datagram, const sim::Ipv4Header& ip) {
  uint16_t c = internet_checksum(datagram,
                                 pseudo_header_sum(ip.src, ip.dst, sim::IpProto::Udp, datagram.size()));
  return c == 0 ? 0xffff : c;
}

void udp_datagram(Bytes& b, const sim::Ipv4Header& ip, uint16_t src_port, uint16_t dst_port,
                  size_t payload, std::span<const uint8_t> app = {}) {
  size_t at = b.size();
  b.u16(src_port);
  b.u16(dst_port);
  b.u16(uint16_t(kUdpLen + payload));
  b.u16(0);
  if (!app.empty() && app.size() == payload) {
    b.append(app);
  } else {
    b.pattern(payload);
  }
  b.put16(at + 6, udp_checksum(b.from(at), ip));
}

void icmp_echo(Bytes& b, const sim::IcmpHeader& h, size_t payload) {
  size_t at = b.size();
  b.u8(h.type);
  b.u8(h.code);
  b.u16(0);
  b.u16(h.id);
  b.u16(h.seq);
  b.pattern(payload);
  b.put16(at + 2, internet_checksum(b.from(at)));
}

// The datagram an ICMP error quotes: its IP header and first 8 bytes, with the
// checksums the whole datagram had (recomputed from its length and the pattern).
void quoted_datagram(Bytes& b, const sim::QuotedDatagram& q) {
  size_t total = q.total_length ? q.total_length : kIpLen + 8;
  size_t l4_length = total > kIpLen ? total - kIpLen : 8;
  ipv4_header(b, q.ip, total);
  Bytes whole;  // the full L4 part, of which the first 8 bytes are quoted
  switch (q.ip.proto) {
    case sim::IpProto::Udp:
      udp_datagram(whole, q.ip, q.src_port, q.dst_port, l4_length >= kUdpLen ? l4_length - kUdpLen : 0);
      break;
    case sim::IpProto::Icmp:
      icmp_echo(whole, q.icmp, l4_length >= kIcmpLen ? l4_length - kIcmpLen : 0);
      break;
    case sim::IpProto::Tcp:
      whole.u16(q.src_port);
      whole.u16(q.dst_port);
      whole.u32(0);  // sequence number: not kept by the simulator
      break;
  }
  while (whole.size() < 8) whole.u8(0);
  b.append(whole.from(0).first(8));
}

void icmp_message(Bytes& b, const sim::Packet& p) {
  if (!p.has_quote) {
    icmp_echo(b, p.icmp, p.payload_bytes);
    return;
  }
  size_t at = b.size();
  b.u8(p.icmp.type);
  b.u8(p.icmp.code);
  b.u16(0);
  b.u32(0);  // unused (no next-hop MTU: no fragmentation is modelled)
  quoted_datagram(b, p.quote);
  b.pattern(p.payload_bytes);
  b.put16(at + 2, internet_checksum(b.from(at)));
}

}  // namespace

uint16_t internet_checksum(std::span<const uint8_t> bytes, uint32_t partial) {
  uint32_t sum = sum16(bytes, partial);
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return uint16_t(~sum);
}

std::vector<uint8_t> encode_frame(const sim::Packet& p, const sim::AppPayloadStore* apps) {
  Bytes b;
  b.mac(p.eth.dst);
  b.mac(p.eth.src);
  b.u16(uint16_t(p.eth.type));
  if (p.is_arp()) {
    b.u16(1);       // hardware: Ethernet
    b.u16(0x0800);  // protocol: IPv4
    b.u8(6);
    b.u8(4);
    b.u16(uint16_t(p.arp.op));
    b.mac(p.arp.sender_mac);
    b.ip(p.arp.sender_ip);
    b.mac(p.arp.target_mac);
    b.ip(p.arp.target_ip);
    return std::move(b.vec());
  }
  ipv4_header(b, p.ip, p.wire_bytes() - kEthLen);
  // An application message (DNS, DHCP, HTTP) is written as its real bytes.
  std::vector<uint8_t> app;
  if (apps && p.app != 0) {
    if (const sim::AppPayload* payload = apps->get(p.app)) app = sim::app_wire_bytes(*payload);
  }
  switch (p.ip.proto) {
    case sim::IpProto::Icmp:
      icmp_message(b, p);
      break;
    case sim::IpProto::Tcp:
      tcp_segment(b, p, app);
      break;
    case sim::IpProto::Udp:
      udp_datagram(b, p.ip, p.udp.src_port, p.udp.dst_port, p.payload_bytes, app);
      break;
  }
  return std::move(b.vec());
}

}  // namespace vpcsim::cli
