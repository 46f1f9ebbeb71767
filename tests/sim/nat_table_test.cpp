#include "sim/nat/nat_table.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "sim/net/flow_tuple.hpp"
#include "sim/net/packet.hpp"

namespace vpcsim::sim {
namespace {

// Addresses used throughout: an inside network 10.0.2.0/24 masqueraded as 10.0.1.20, a
// public address 203.0.113.5 port-forwarding to 10.0.1.7, servers and routers outside.
constexpr const char* kHostA = "10.0.2.10";
constexpr const char* kHostB = "10.0.2.11";
constexpr const char* kNatIp = "10.0.1.20";
constexpr const char* kServer = "93.184.216.34";

Ipv4Addr ip(const char* s) { return *Ipv4Addr::parse(s); }

Packet ip_packet(const char* src, const char* dst, IpProto proto) {
  Packet p;
  p.eth.type = EtherType::Ipv4;
  p.ip.src = ip(src);
  p.ip.dst = ip(dst);
  p.ip.proto = proto;
  return p;
}

Packet tcp(const char* src, uint16_t sport, const char* dst, uint16_t dport,
           uint8_t flags = tcp_flag::kSyn) {
  Packet p = ip_packet(src, dst, IpProto::Tcp);
  p.tcp.src_port = sport;
  p.tcp.dst_port = dport;
  p.tcp.flags = flags;
  return p;
}

Packet udp(const char* src, uint16_t sport, const char* dst, uint16_t dport) {
  Packet p = ip_packet(src, dst, IpProto::Udp);
  p.udp.src_port = sport;
  p.udp.dst_port = dport;
  return p;
}

Packet echo(const char* src, const char* dst, uint16_t id, uint8_t type = icmp::kEchoRequest) {
  Packet p = ip_packet(src, dst, IpProto::Icmp);
  p.icmp.type = type;
  p.icmp.id = id;
  p.icmp.seq = 1;
  return p;
}

// An ICMP error from `from` about `about`, sent to its source, quoting it as RFC 792 does.
Packet icmp_error(const char* from, const Packet& about, uint8_t type, uint8_t code) {
  Packet e = ip_packet(from, "0.0.0.0", IpProto::Icmp);
  e.ip.dst = about.ip.src;
  e.icmp.type = type;
  e.icmp.code = code;
  e.has_quote = true;
  e.quote.ip = about.ip;
  if (about.is_icmp()) {
    e.quote.icmp = about.icmp;
  } else {
    e.quote.src_port = about.src_port();
    e.quote.dst_port = about.dst_port();
  }
  return e;
}

FlowTuple tuple(const Packet& p) { return *FlowTuple::of(p); }

std::optional<NatRewrite> masquerade(NatTable& t, Packet& p, const char* to) {
  t.begin(p);
  t.snat(p, ip(to));
  return t.commit(p);
}

std::optional<NatRewrite> forward_port(NatTable& t, Packet& p, const char* to, uint16_t port) {
  t.begin(p);
  t.dnat(p, ip(to), port);
  return t.commit(p);
}

TEST(NatTable, MasqueradeKeepsTheSourcePortWhenFree) {
  NatTable t(PortPolicy::KeepWhenFree);
  Packet p = tcp(kHostA, 40001, kServer, 80);
  auto r = masquerade(t, p, kNatIp);
  ASSERT_TRUE(r);
  EXPECT_EQ(p.ip.src, ip(kNatIp));
  EXPECT_EQ(p.tcp.src_port, 40001);
  EXPECT_EQ(p.ip.dst, ip(kServer));
  EXPECT_EQ(p.tcp.dst_port, 80);
  EXPECT_EQ(r->str(), "source 10.0.2.10:40001 -> 10.0.1.20:40001");
  EXPECT_EQ(t.size(), 1u);
}

TEST(NatTable, MasqueradePicksTheNextPortWhenTwoHostsShareOne) {
  NatTable t(PortPolicy::KeepWhenFree);
  Packet a = tcp(kHostA, 40001, kServer, 80);
  Packet b = tcp(kHostB, 40001, kServer, 80);
  Packet c = tcp("10.0.2.12", 40001, kServer, 80);
  Packet other_dst = tcp("10.0.2.13", 40001, "198.51.100.7", 80);
  ASSERT_TRUE(masquerade(t, a, kNatIp));
  ASSERT_TRUE(masquerade(t, b, kNatIp));
  ASSERT_TRUE(masquerade(t, c, kNatIp));
  ASSERT_TRUE(masquerade(t, other_dst, kNatIp));
  EXPECT_EQ(a.tcp.src_port, 40001);
  EXPECT_EQ(b.tcp.src_port, 40002);
  EXPECT_EQ(c.tcp.src_port, 40003);
  // Another destination makes another reply tuple, so the port is free there.
  EXPECT_EQ(other_dst.tcp.src_port, 40001);
  EXPECT_EQ(t.size(), 4u);
}

TEST(NatTable, MasqueradeScanWrapsFromTheTopToPort1024) {
  NatTable t(PortPolicy::KeepWhenFree);
  Packet a = udp(kHostA, 65535, kServer, 53);
  Packet b = udp(kHostB, 65535, kServer, 53);
  ASSERT_TRUE(masquerade(t, a, kNatIp));
  ASSERT_TRUE(masquerade(t, b, kNatIp));
  EXPECT_EQ(a.udp.src_port, 65535);
  EXPECT_EQ(b.udp.src_port, 1024);
}

TEST(NatTable, SequentialHandsOutPortsInOrderPerProtocol) {
  NatTable t(PortPolicy::Sequential);
  std::vector<uint16_t> tcp_ports;
  // Different hosts, ports and destinations: the counter moves on regardless.
  Packet p1 = tcp(kHostA, 40001, kServer, 443);
  Packet p2 = tcp(kHostA, 40002, kServer, 443);
  Packet p3 = tcp(kHostB, 5000, "198.51.100.7", 22);
  for (Packet* p : {&p1, &p2, &p3}) {
    ASSERT_TRUE(masquerade(t, *p, kNatIp));
    tcp_ports.push_back(p->tcp.src_port);
  }
  EXPECT_EQ(tcp_ports, (std::vector<uint16_t>{1024, 1025, 1026}));
  Packet u = udp(kHostA, 40001, kServer, 53);
  ASSERT_TRUE(masquerade(t, u, kNatIp));
  EXPECT_EQ(u.udp.src_port, 1024);  // UDP has its own counter
  Packet p4 = tcp(kHostB, 5001, kServer, 443);
  ASSERT_TRUE(masquerade(t, p4, kNatIp));
  EXPECT_EQ(p4.tcp.src_port, 1027);
}

TEST(NatTable, SequentialSkipsPortsInUseAfterTheCounterWraps) {
  NatTable t(PortPolicy::Sequential);
  Packet first = udp(kHostA, 1, kServer, 53);
  ASSERT_TRUE(masquerade(t, first, kNatIp));
  ASSERT_EQ(first.udp.src_port, 1024);
  // Use up 1025..65535 towards another destination, so the counter wraps to 1024.
  const Packet proto = udp(kHostB, 0, "198.51.100.7", 0);
  const Ipv4Addr nat_ip = ip(kNatIp);
  for (uint32_t i = 0; i < 65535 - 1024; ++i) {
    Packet p = proto;
    p.udp.src_port = uint16_t(1 + i % 60000);
    p.udp.dst_port = uint16_t(1 + i / 60000);
    t.begin(p);
    t.snat(p, nat_ip);
    ASSERT_TRUE(t.commit(p));
  }
  ASSERT_EQ(t.size(), 65535u - 1024u + 1u);
  Packet again = udp(kHostA, 2, kServer, 53);
  ASSERT_TRUE(masquerade(t, again, kNatIp));
  EXPECT_EQ(again.udp.src_port, 1025);  // 1024 towards kServer:53 is taken
}

TEST(NatTable, RepliesAreTranslatedBackAndLaterPacketsAgainIdentically) {
  NatTable t(PortPolicy::Sequential);
  Packet syn = tcp(kHostA, 40001, kServer, 80);
  ASSERT_TRUE(masquerade(t, syn, kNatIp));
  ASSERT_EQ(syn.tcp.src_port, 1024);

  Packet syn_ack = tcp(kServer, 80, kNatIp, 1024, tcp_flag::kSyn | tcp_flag::kAck);
  EXPECT_TRUE(t.has_reply_for(syn_ack));
  auto back = t.apply_existing(syn_ack);
  ASSERT_TRUE(back);
  EXPECT_EQ(syn_ack.ip.src, ip(kServer));
  EXPECT_EQ(syn_ack.tcp.src_port, 80);
  EXPECT_EQ(syn_ack.ip.dst, ip(kHostA));
  EXPECT_EQ(syn_ack.tcp.dst_port, 40001);
  EXPECT_EQ(syn_ack.tcp.flags, tcp_flag::kSyn | tcp_flag::kAck);
  EXPECT_EQ(back->str(), "destination 10.0.1.20:1024 -> 10.0.2.10:40001");

  Packet ack = tcp(kHostA, 40001, kServer, 80, tcp_flag::kAck);
  auto again = t.apply_existing(ack);
  ASSERT_TRUE(again);
  EXPECT_EQ(tuple(ack), tuple(syn));
  EXPECT_EQ(again->str(), "source 10.0.2.10:40001 -> 10.0.1.20:1024");
  EXPECT_EQ(t.size(), 1u);
}

TEST(NatTable, RstAndFinDoNotRemoveTheEntry) {
  NatTable t(PortPolicy::KeepWhenFree);
  Packet syn = tcp(kHostA, 40001, kServer, 80);
  ASSERT_TRUE(masquerade(t, syn, kNatIp));
  Packet rst = tcp(kServer, 80, kNatIp, 40001, tcp_flag::kRst);
  ASSERT_TRUE(t.apply_existing(rst));
  Packet fin = tcp(kHostA, 40001, kServer, 80, tcp_flag::kFin | tcp_flag::kAck);
  ASSERT_TRUE(t.apply_existing(fin));
  EXPECT_EQ(t.size(), 1u);
  Packet late = tcp(kServer, 80, kNatIp, 40001, tcp_flag::kAck);
  EXPECT_TRUE(t.apply_existing(late));
  EXPECT_EQ(late.ip.dst, ip(kHostA));
}

TEST(NatTable, UnsolicitedInboundMatchesNothingAndStaysUntouched) {
  NatTable t(PortPolicy::KeepWhenFree);
  Packet out = tcp(kHostA, 40001, kServer, 80);
  ASSERT_TRUE(masquerade(t, out, kNatIp));
  // A stranger aiming at the translated port, and anyone at a port never used.
  for (Packet in : {tcp("198.51.100.66", 5555, kNatIp, 40001), tcp(kServer, 80, kNatIp, 40002),
                    udp(kServer, 80, kNatIp, 40001)}) {
    const Packet copy = in;
    EXPECT_FALSE(t.has_reply_for(in));
    EXPECT_FALSE(t.apply_existing(in));
    EXPECT_EQ(tuple(in), tuple(copy));
  }
  Packet reply = tcp(kServer, 80, kNatIp, 40001, tcp_flag::kAck);
  EXPECT_TRUE(t.has_reply_for(reply));
}

TEST(NatTable, EmptyTableTranslatesNothing) {
  NatTable t(PortPolicy::Sequential);
  Packet in = tcp(kServer, 80, kNatIp, 1024, tcp_flag::kAck);
  EXPECT_FALSE(t.has_reply_for(in));
  EXPECT_FALSE(t.apply_existing(in));
  EXPECT_EQ(in.ip.dst, ip(kNatIp));
  EXPECT_TRUE(t.entries().empty());
}

TEST(NatTable, EchoIdentifierIsTranslatedLikeAPort) {
  NatTable t(PortPolicy::Sequential);
  Packet req = echo(kHostA, "8.8.8.8", 7);
  auto r = masquerade(t, req, kNatIp);
  ASSERT_TRUE(r);
  EXPECT_EQ(req.ip.src, ip(kNatIp));
  EXPECT_EQ(req.icmp.id, 1024);
  EXPECT_EQ(req.icmp.seq, 1);
  EXPECT_EQ(r->str(), "source 10.0.2.10 id 7 -> 10.0.1.20 id 1024");

  Packet rep = echo("8.8.8.8", kNatIp, 1024, icmp::kEchoReply);
  auto back = t.apply_existing(rep);
  ASSERT_TRUE(back);
  EXPECT_EQ(rep.ip.dst, ip(kHostA));
  EXPECT_EQ(rep.icmp.id, 7);
  EXPECT_EQ(rep.icmp.type, icmp::kEchoReply);
  EXPECT_EQ(back->str(), "destination 10.0.1.20 id 1024 -> 10.0.2.10 id 7");

  // An echo *request* with the reply's addresses and identifier is not the reply.
  Packet stranger = echo("8.8.8.8", kNatIp, 1024);
  EXPECT_FALSE(t.has_reply_for(stranger));
  EXPECT_FALSE(t.apply_existing(stranger));
  EXPECT_EQ(stranger.ip.dst, ip(kNatIp));
}

TEST(NatTable, MasqueradeKeepsEchoIdentifiersUnlessTheyClash) {
  NatTable t(PortPolicy::KeepWhenFree);
  Packet a = echo(kHostA, "8.8.8.8", 7);
  Packet b = echo(kHostB, "8.8.8.8", 7);
  ASSERT_TRUE(masquerade(t, a, kNatIp));
  ASSERT_TRUE(masquerade(t, b, kNatIp));
  EXPECT_EQ(a.icmp.id, 7);
  EXPECT_EQ(b.icmp.id, 1024);  // 8 is below the scan's range, which starts at 1024
  Packet rep_b = echo("8.8.8.8", kNatIp, 1024, icmp::kEchoReply);
  ASSERT_TRUE(t.apply_existing(rep_b));
  EXPECT_EQ(rep_b.ip.dst, ip(kHostB));
  EXPECT_EQ(rep_b.icmp.id, 7);
}

TEST(NatTable, TimeExceededFromBeyondReachesTheInsideHostWithItsQuoteRestored) {
  NatTable t(PortPolicy::Sequential);
  Packet probe = udp(kHostA, 40001, kServer, 33434);
  probe.ip.ttl = 2;
  ASSERT_TRUE(masquerade(t, probe, kNatIp));
  Packet err = icmp_error("198.51.100.1", probe, icmp::kTimeExceeded, 0);
  ASSERT_EQ(err.ip.dst, ip(kNatIp));
  ASSERT_EQ(err.quote.src_port, 1024);
  EXPECT_TRUE(t.has_reply_for(err));

  auto r = t.apply_existing(err);
  ASSERT_TRUE(r);
  EXPECT_EQ(err.ip.src, ip("198.51.100.1"));  // the router stays visible to traceroute
  EXPECT_EQ(err.ip.dst, ip(kHostA));
  EXPECT_EQ(err.icmp.type, icmp::kTimeExceeded);
  EXPECT_EQ(err.quote.ip.src, ip(kHostA));
  EXPECT_EQ(err.quote.ip.dst, ip(kServer));
  EXPECT_EQ(err.quote.src_port, 40001);
  EXPECT_EQ(err.quote.dst_port, 33434);
  EXPECT_EQ(err.quote.ip.ttl, 2);
  EXPECT_EQ(r->str(),
            "destination 10.0.1.20 -> 10.0.2.10, quoted source 10.0.1.20:1024 -> 10.0.2.10:40001");
}

TEST(NatTable, TimeExceededAboutAnEchoKeepsTheRouterAsSource) {
  NatTable t(PortPolicy::Sequential);
  Packet ping = echo(kHostA, "8.8.8.8", 7);
  ping.ip.ttl = 1;
  ASSERT_TRUE(masquerade(t, ping, kNatIp));
  Packet err = icmp_error("198.51.100.1", ping, icmp::kTimeExceeded, 0);
  auto r = t.apply_existing(err);
  ASSERT_TRUE(r);
  EXPECT_EQ(err.ip.src, ip("198.51.100.1"));
  EXPECT_EQ(err.ip.dst, ip(kHostA));
  EXPECT_EQ(err.quote.ip.src, ip(kHostA));
  EXPECT_EQ(err.quote.ip.dst, ip("8.8.8.8"));
  EXPECT_EQ(err.quote.icmp.id, 7);
  EXPECT_EQ(err.quote.icmp.type, icmp::kEchoRequest);
  EXPECT_EQ(
      r->str(),
      "destination 10.0.1.20 -> 10.0.2.10, quoted source 10.0.1.20 id 1024 -> 10.0.2.10 id 7");
}

TEST(NatTable, PortUnreachableAboutAnEchoOrUdpProbeIsRewritten) {
  NatTable t(PortPolicy::KeepWhenFree);
  Packet ping = echo(kHostA, kServer, 7);
  Packet other = echo(kHostB, kServer, 7);
  ASSERT_TRUE(masquerade(t, ping, kNatIp));
  ASSERT_TRUE(masquerade(t, other, kNatIp));
  ASSERT_EQ(other.icmp.id, 1024);
  Packet err = icmp_error(kServer, other, icmp::kDestUnreachable, icmp::kAdminProhibited);
  ASSERT_TRUE(t.apply_existing(err));
  EXPECT_EQ(err.ip.dst, ip(kHostB));
  EXPECT_EQ(err.quote.ip.src, ip(kHostB));
  EXPECT_EQ(err.quote.icmp.id, 7);

  Packet dns = udp(kHostA, 53000, kServer, 53);
  ASSERT_TRUE(masquerade(t, dns, kNatIp));
  Packet unreach = icmp_error(kServer, dns, icmp::kDestUnreachable, icmp::kPortUnreachable);
  auto r = t.apply_existing(unreach);
  ASSERT_TRUE(r);
  EXPECT_EQ(unreach.ip.src, ip(kServer));
  EXPECT_EQ(unreach.ip.dst, ip(kHostA));
  EXPECT_EQ(unreach.quote.src_port, 53000);
  EXPECT_EQ(unreach.quote.dst_port, 53);
  EXPECT_EQ(r->after, tuple(udp(kHostA, 53000, kServer, 53)));
}

TEST(NatTable, ErrorsAboutUnknownDatagramsAreLeftAlone) {
  NatTable t(PortPolicy::KeepWhenFree);
  Packet out = udp(kHostA, 40001, kServer, 53);
  ASSERT_TRUE(masquerade(t, out, kNatIp));
  // Quoting the untranslated datagram: the NAT box itself refused it before translating.
  Packet before_nat = udp(kHostA, 40001, kServer, 53);
  Packet err = icmp_error("10.0.2.1", before_nat, icmp::kDestUnreachable, icmp::kNetUnreachable);
  const Packet copy = err;
  EXPECT_FALSE(t.has_reply_for(err));
  EXPECT_FALSE(t.apply_existing(err));
  EXPECT_EQ(err.ip.dst, copy.ip.dst);
  EXPECT_EQ(err.quote.ip.src, copy.quote.ip.src);
  EXPECT_EQ(err.quote.src_port, copy.quote.src_port);
}

TEST(NatTable, ErrorFromInsideAboutAReplyLeavesWithTheTranslatedAddress) {
  NatTable t(PortPolicy::Sequential);
  Packet out = udp(kHostA, 40001, kServer, 53);
  ASSERT_TRUE(masquerade(t, out, kNatIp));
  Packet reply = udp(kServer, 53, kNatIp, 1024);
  ASSERT_TRUE(t.apply_existing(reply));
  // An inside router cannot deliver the translated reply and tells the server.
  Packet err = icmp_error("10.0.2.1", reply, icmp::kDestUnreachable, icmp::kHostUnreachable);
  ASSERT_EQ(err.ip.dst, ip(kServer));
  EXPECT_FALSE(t.has_reply_for(err));  // it travels in the original direction
  auto r = t.apply_existing(err);
  ASSERT_TRUE(r);
  EXPECT_EQ(err.ip.src, ip(kNatIp));  // the private router is hidden, as by Linux
  EXPECT_EQ(err.ip.dst, ip(kServer));
  EXPECT_EQ(err.quote.ip.dst, ip(kNatIp));
  EXPECT_EQ(err.quote.dst_port, 1024);
  EXPECT_EQ(err.quote.ip.src, ip(kServer));
  EXPECT_EQ(r->str(),
            "source 10.0.2.1 -> 10.0.1.20, quoted destination 10.0.2.10:40001 -> 10.0.1.20:1024");
}

TEST(NatTable, PortForwardTranslatesRepliesBackToThePublicAddress) {
  NatTable t(PortPolicy::KeepWhenFree);
  Packet syn = tcp("198.51.100.9", 50000, "203.0.113.5", 2222);
  auto r = forward_port(t, syn, "10.0.1.7", 22);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->str(), "destination 203.0.113.5:2222 -> 10.0.1.7:22");
  EXPECT_EQ(syn.ip.src, ip("198.51.100.9"));
  EXPECT_EQ(syn.tcp.src_port, 50000);
  EXPECT_EQ(syn.ip.dst, ip("10.0.1.7"));
  EXPECT_EQ(syn.tcp.dst_port, 22);

  Packet syn_ack = tcp("10.0.1.7", 22, "198.51.100.9", 50000, tcp_flag::kSyn | tcp_flag::kAck);
  EXPECT_TRUE(t.has_reply_for(syn_ack));
  auto back = t.apply_existing(syn_ack);
  ASSERT_TRUE(back);
  EXPECT_EQ(syn_ack.ip.src, ip("203.0.113.5"));
  EXPECT_EQ(syn_ack.tcp.src_port, 2222);
  EXPECT_EQ(syn_ack.ip.dst, ip("198.51.100.9"));
  EXPECT_EQ(back->str(), "source 10.0.1.7:22 -> 203.0.113.5:2222");
}

TEST(NatTable, ErrorFromAForwardedServerComesFromThePublicAddress) {
  NatTable t(PortPolicy::KeepWhenFree);
  Packet query = udp("198.51.100.9", 50000, "203.0.113.5", 5353);
  ASSERT_TRUE(forward_port(t, query, "10.0.1.7", 53));
  Packet err = icmp_error("10.0.1.7", query, icmp::kDestUnreachable, icmp::kPortUnreachable);
  auto r = t.apply_existing(err);
  ASSERT_TRUE(r);
  EXPECT_EQ(err.ip.src, ip("203.0.113.5"));
  EXPECT_EQ(err.ip.dst, ip("198.51.100.9"));
  EXPECT_EQ(err.quote.ip.dst, ip("203.0.113.5"));
  EXPECT_EQ(err.quote.dst_port, 5353);
  EXPECT_EQ(r->str(),
            "source 10.0.1.7 -> 203.0.113.5, quoted destination 10.0.1.7:53 -> 203.0.113.5:5353");
}

TEST(NatTable, ClashingPortForwardsMoveTheSourcePort) {
  NatTable t(PortPolicy::KeepWhenFree);
  // One client port to two public ports that lead to the same server port.
  Packet a = tcp("198.51.100.9", 50000, "203.0.113.5", 2222);
  Packet b = tcp("198.51.100.9", 50000, "203.0.113.5", 2223);
  ASSERT_TRUE(forward_port(t, a, "10.0.1.7", 22));
  auto r = forward_port(t, b, "10.0.1.7", 22);
  ASSERT_TRUE(r);
  EXPECT_EQ(a.tcp.src_port, 50000);
  EXPECT_EQ(b.tcp.src_port, 50001);
  EXPECT_EQ(r->str(),
            "source 198.51.100.9:50000 -> 198.51.100.9:50001, "
            "destination 203.0.113.5:2223 -> 10.0.1.7:22");
  Packet reply_b = tcp("10.0.1.7", 22, "198.51.100.9", 50001, tcp_flag::kAck);
  ASSERT_TRUE(t.apply_existing(reply_b));
  EXPECT_EQ(reply_b.tcp.src_port, 2223);
  EXPECT_EQ(reply_b.tcp.dst_port, 50000);
}

TEST(NatTable, PortForwardAndMasqueradeMakeOneEntry) {
  NatTable t(PortPolicy::KeepWhenFree);
  Packet syn = tcp("198.51.100.9", 50000, "203.0.113.5", 2222);
  const FlowTuple original = tuple(syn);
  t.begin(syn);
  t.dnat(syn, ip("10.0.1.7"), 22);
  t.snat(syn, ip("10.0.1.1"));
  auto r = t.commit(syn);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->before, original);
  EXPECT_EQ(tuple(syn), tuple(tcp("10.0.1.1", 50000, "10.0.1.7", 22)));
  EXPECT_EQ(r->str(),
            "source 198.51.100.9:50000 -> 10.0.1.1:50000, "
            "destination 203.0.113.5:2222 -> 10.0.1.7:22");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t.entries()[0].original, original);
  EXPECT_EQ(t.entries()[0].reply, tuple(tcp("10.0.1.7", 22, "10.0.1.1", 50000)));

  Packet syn_ack = tcp("10.0.1.7", 22, "10.0.1.1", 50000, tcp_flag::kSyn | tcp_flag::kAck);
  ASSERT_TRUE(t.apply_existing(syn_ack));
  EXPECT_EQ(tuple(syn_ack), original.reversed());
}

TEST(NatTable, CommitWithoutAChangeRecordsNothing) {
  NatTable t(PortPolicy::KeepWhenFree);
  Packet p = tcp(kNatIp, 40001, kServer, 80);
  EXPECT_FALSE(masquerade(t, p, kNatIp));  // already the masquerade address, port free
  EXPECT_EQ(t.size(), 0u);
}

TEST(NatTable, ABeginThatNeverCommitsIsForgotten) {
  NatTable t(PortPolicy::KeepWhenFree);
  Packet dropped = tcp("198.51.100.9", 50000, "203.0.113.5", 2222);
  t.begin(dropped);
  t.dnat(dropped, ip("10.0.1.7"), 22);  // then, say, no route: never committed
  Packet p = tcp(kHostA, 40001, kServer, 80);
  const FlowTuple original = tuple(p);
  ASSERT_TRUE(masquerade(t, p, kNatIp));
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t.entries()[0].original, original);
}

TEST(NatTable, EntriesAreListedSortedByOriginalTuple) {
  NatTable t(PortPolicy::Sequential);
  std::vector<Packet> conns = {udp(kHostB, 9, kServer, 53), tcp(kHostB, 40001, kServer, 80),
                               echo(kHostA, kServer, 3), tcp(kHostA, 40002, kServer, 80),
                               tcp(kHostA, 40001, kServer, 80)};
  std::vector<FlowTuple> originals;
  for (Packet& p : conns) {
    originals.push_back(tuple(p));
    ASSERT_TRUE(masquerade(t, p, kNatIp));
  }
  std::vector<NatEntry> e = t.entries();
  ASSERT_EQ(e.size(), 5u);
  std::vector<FlowTuple> listed;
  for (const NatEntry& x : e) listed.push_back(x.original);
  std::sort(originals.begin(), originals.end());
  EXPECT_EQ(listed, originals);
  // IpProto order: ICMP (1), TCP (6), UDP (17); then addresses, then ports.
  EXPECT_EQ(e[0].original.str(), "icmp 10.0.2.10 -> 93.184.216.34 id 3");
  EXPECT_EQ(e[1].original.str(), "tcp 10.0.2.10:40001 -> 93.184.216.34:80");
  EXPECT_EQ(e[1].reply.str(), "tcp 93.184.216.34:80 -> 10.0.1.20:1026");
  EXPECT_EQ(e[2].original.str(), "tcp 10.0.2.10:40002 -> 93.184.216.34:80");
  EXPECT_EQ(e[3].original.str(), "tcp 10.0.2.11:40001 -> 93.184.216.34:80");
  EXPECT_EQ(e[4].original.str(), "udp 10.0.2.11:9 -> 93.184.216.34:53");
}

TEST(NatRewrite, DescribesWhatChanged) {
  auto t = [](IpProto proto, const char* s, uint16_t sp, const char* d, uint16_t dp) {
    return FlowTuple{proto, ip(s), ip(d), sp, dp};
  };
  NatRewrite snat{t(IpProto::Tcp, "10.0.2.10", 40001, "8.8.8.8", 53),
                  t(IpProto::Tcp, "10.0.1.20", 1024, "8.8.8.8", 53)};
  EXPECT_EQ(snat.str(), "source 10.0.2.10:40001 -> 10.0.1.20:1024");
  NatRewrite dnat{t(IpProto::Udp, "198.51.100.9", 5, "203.0.113.5", 2222),
                  t(IpProto::Udp, "198.51.100.9", 5, "10.0.1.7", 22)};
  EXPECT_EQ(dnat.str(), "destination 203.0.113.5:2222 -> 10.0.1.7:22");
  NatRewrite both{t(IpProto::Tcp, "1.1.1.1", 1, "2.2.2.2", 2),
                  t(IpProto::Tcp, "3.3.3.3", 3, "4.4.4.4", 4)};
  EXPECT_EQ(both.str(), "source 1.1.1.1:1 -> 3.3.3.3:3, destination 2.2.2.2:2 -> 4.4.4.4:4");
  NatRewrite port_only{t(IpProto::Tcp, "1.1.1.1", 1, "2.2.2.2", 2),
                       t(IpProto::Tcp, "1.1.1.1", 9, "2.2.2.2", 2)};
  EXPECT_EQ(port_only.str(), "source 1.1.1.1:1 -> 1.1.1.1:9");
  NatRewrite ping{t(IpProto::Icmp, "10.0.2.10", 7, "8.8.8.8", 7),
                  t(IpProto::Icmp, "10.0.1.20", 1024, "8.8.8.8", 1024)};
  EXPECT_EQ(ping.str(), "source 10.0.2.10 id 7 -> 10.0.1.20 id 1024");
  NatRewrite ping_back{t(IpProto::Icmp, "8.8.8.8", 1024, "10.0.1.20", 1024),
                       t(IpProto::Icmp, "8.8.8.8", 7, "10.0.2.10", 7)};
  EXPECT_EQ(ping_back.str(), "destination 10.0.1.20 id 1024 -> 10.0.2.10 id 7");
  NatRewrite id_only{t(IpProto::Icmp, "10.0.1.20", 7, "8.8.8.8", 7),
                     t(IpProto::Icmp, "10.0.1.20", 1024, "8.8.8.8", 1024)};
  EXPECT_EQ(id_only.str(), "id 7 -> 1024");
  NatRewrite error{t(IpProto::Icmp, "10.0.1.20", 1024, "8.8.8.8", 1024),
                   t(IpProto::Icmp, "10.0.2.10", 7, "8.8.8.8", 7),
                   true,
                   ip("198.51.100.1"),
                   ip("10.0.1.20"),
                   ip("198.51.100.1"),
                   ip("10.0.2.10")};
  EXPECT_EQ(
      error.str(),
      "destination 10.0.1.20 -> 10.0.2.10, quoted source 10.0.1.20 id 1024 -> 10.0.2.10 id 7");
}

}  // namespace
}  // namespace vpcsim::sim
