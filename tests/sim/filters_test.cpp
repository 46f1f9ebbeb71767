#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim/filters/filter_rule.hpp"
#include "sim/filters/stateful_filter.hpp"
#include "sim/filters/stateless_acl.hpp"
#include "sim/net/packet.hpp"

namespace vpcsim::sim {
namespace {

using Basis = StatefulFilter::Basis;
constexpr bool kIn = true, kOut = false;

Ipv4Addr ip(const char* s) { return *Ipv4Addr::parse(s); }
Prefix pfx(const char* s) { return *Prefix::parse(s); }

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

// A destination-unreachable error sent by `from` about `offending`, back to its source.
Packet unreachable(const char* from, const Packet& offending,
                   uint8_t code = icmp::kPortUnreachable) {
  Packet p = ip_packet(from, "0.0.0.0", IpProto::Icmp);
  p.ip.dst = offending.ip.src;
  p.icmp.type = icmp::kDestUnreachable;
  p.icmp.code = code;
  p.has_quote = true;
  p.quote.ip = offending.ip;
  p.quote.src_port = offending.src_port();
  p.quote.dst_port = offending.dst_port();
  p.quote.icmp = offending.icmp;
  return p;
}

FilterRule rule(uint32_t number, bool allow, RuleProto proto, uint16_t lo, uint16_t hi,
                std::vector<Prefix> peers, std::string label = "") {
  FilterRule r;
  r.number = number;
  r.allow = allow;
  r.proto = proto;
  r.port_lo = lo;
  r.port_hi = hi;
  r.peers = std::move(peers);
  r.label = std::move(label);
  return r;
}

FilterRule allow_all_traffic(uint32_t number, const char* peer = "0.0.0.0/0") {
  return rule(number, true, RuleProto::All, 0, 65535, {pfx(peer)}, std::string("all ") + peer);
}

// ---- FilterRule ---------------------------------------------------------------------------

TEST(FilterRule, ComparesSourceInboundAndDestinationOutbound) {
  FilterRule r = rule(1, true, RuleProto::Tcp, 22, 22, {pfx("198.51.100.0/24")});
  Packet p = tcp("198.51.100.10", 40001, "10.0.0.5", 22);
  EXPECT_TRUE(r.matches(p, kIn));
  EXPECT_FALSE(r.matches(p, kOut));  // outbound compares the destination 10.0.0.5
  Packet q = tcp("10.0.0.5", 40001, "198.51.100.10", 22);
  EXPECT_TRUE(r.matches(q, kOut));
  EXPECT_FALSE(r.matches(q, kIn));
}

TEST(FilterRule, EmptyPeerListMatchesNothing) {
  FilterRule r = rule(1, true, RuleProto::All, 0, 65535, {});
  EXPECT_FALSE(r.matches(tcp("10.0.1.10", 40001, "10.0.0.5", 22), kIn));
  EXPECT_FALSE(r.matches(echo("10.0.1.10", "10.0.0.5", 1), kOut));
}

TEST(FilterRule, NeverMatchesNonIpFrames) {
  FilterRule r = allow_all_traffic(1);
  Packet arp;
  arp.eth.type = EtherType::Arp;
  EXPECT_FALSE(r.matches(arp, kIn));
  EXPECT_EQ(name(RuleProto::Icmp), "icmp");
  EXPECT_EQ(name(RuleProto::All), "all");
}

// ---- StatelessAcl -------------------------------------------------------------------------

TEST(StatelessAcl, LowerNumberWinsEvenIfDeclaredLater) {
  StatelessAcl acl("app-acl",
                   {rule(200, true, RuleProto::Tcp, 22, 22, {pfx("0.0.0.0/0")}),
                    rule(100, false, RuleProto::Tcp, 22, 22, {pfx("198.51.100.0/24")})},
                   {});
  ASSERT_EQ(acl.rules(kIn).size(), 2u);
  EXPECT_EQ(acl.rules(kIn)[0].number, 100u);

  auto bad = acl.check(tcp("198.51.100.10", 40001, "10.0.1.5", 22), kIn);
  EXPECT_FALSE(bad.allowed);
  ASSERT_NE(bad.rule, nullptr);
  EXPECT_EQ(bad.rule->number, 100u);

  auto good = acl.check(tcp("203.0.113.7", 40001, "10.0.1.5", 22), kIn);
  EXPECT_TRUE(good.allowed);
  ASSERT_NE(good.rule, nullptr);
  EXPECT_EQ(good.rule->number, 200u);
}

TEST(StatelessAcl, DenyRuleDecidesAndIsNamed) {
  StatelessAcl acl("app-acl",
                   {rule(100, true, RuleProto::Tcp, 80, 80, {pfx("0.0.0.0/0")}),
                    rule(200, false, RuleProto::All, 0, 65535, {pfx("0.0.0.0/0")})},
                   {rule(100, true, RuleProto::All, 0, 65535, {pfx("0.0.0.0/0")})});
  auto v = acl.check(udp("198.51.100.10", 5000, "10.0.1.5", 53), kIn);
  EXPECT_FALSE(v.allowed);
  ASSERT_NE(v.rule, nullptr);
  EXPECT_EQ(v.rule->number, 200u);
  EXPECT_EQ(acl.explain(v, kIn), "NACL app-acl rule 200 (deny) matched inbound");

  auto out = acl.check(udp("10.0.1.5", 53, "198.51.100.10", 5000), kOut);
  EXPECT_TRUE(out.allowed);
  EXPECT_EQ(acl.explain(out, kOut), "NACL app-acl rule 100 (allow) matched outbound");
}

TEST(StatelessAcl, ImplicitDenyWhenNoRuleMatches) {
  StatelessAcl acl("app-acl", {}, {rule(100, true, RuleProto::Tcp, 443, 443, {pfx("0.0.0.0/0")})});
  auto v = acl.check(tcp("10.0.1.5", 40001, "198.51.100.10", 80), kOut);
  EXPECT_FALSE(v.allowed);
  EXPECT_EQ(v.rule, nullptr);
  EXPECT_EQ(acl.explain(v, kOut), "NACL app-acl: no outbound rule matches: implicit deny (rule *)");
  auto in = acl.check(tcp("198.51.100.10", 443, "10.0.1.5", 40001), kIn);
  EXPECT_FALSE(in.allowed);
  EXPECT_EQ(acl.explain(in, kIn), "NACL app-acl: no inbound rule matches: implicit deny (rule *)");
}

TEST(StatelessAcl, RepliesNeedTheEphemeralPortRange) {
  std::vector<FilterRule> inbound = {rule(100, true, RuleProto::Tcp, 80, 80, {pfx("0.0.0.0/0")})};
  Packet request = tcp("198.51.100.10", 40001, "10.0.1.5", 80);
  Packet reply = tcp("10.0.1.5", 80, "198.51.100.10", 40001, tcp_flag::kSyn | tcp_flag::kAck);

  // Stateless: the reply is judged on its own and its destination port is 40001.
  StatelessAcl only_80("web-acl", inbound,
                       {rule(100, true, RuleProto::Tcp, 80, 80, {pfx("0.0.0.0/0")})});
  EXPECT_TRUE(only_80.check(request, kIn).allowed);
  EXPECT_FALSE(only_80.check(reply, kOut).allowed);

  StatelessAcl ephemeral("web-acl", inbound,
                         {rule(100, true, RuleProto::Tcp, 1024, 65535, {pfx("0.0.0.0/0")})});
  EXPECT_TRUE(ephemeral.check(request, kIn).allowed);
  EXPECT_TRUE(ephemeral.check(reply, kOut).allowed);
  // The range is inclusive at both ends and nothing outside it.
  EXPECT_TRUE(ephemeral.check(tcp("10.0.1.5", 80, "198.51.100.10", 1024), kOut).allowed);
  EXPECT_TRUE(ephemeral.check(tcp("10.0.1.5", 80, "198.51.100.10", 65535), kOut).allowed);
  EXPECT_FALSE(ephemeral.check(tcp("10.0.1.5", 80, "198.51.100.10", 1023), kOut).allowed);
  // The source port plays no part: source 40001 to destination 80 is not in range.
  EXPECT_FALSE(ephemeral.check(tcp("10.0.1.5", 40001, "198.51.100.10", 80), kOut).allowed);
}

TEST(StatelessAcl, MatchesIcmpUdpAndAllProtocols) {
  StatelessAcl acl("acl",
                   {rule(100, true, RuleProto::Icmp, 0, 0, {pfx("0.0.0.0/0")}),
                    rule(110, true, RuleProto::Udp, 53, 53, {pfx("10.0.0.0/16")})},
                   {rule(100, true, RuleProto::All, 0, 0, {pfx("10.0.0.0/16")})});
  // ICMP matches every type and ignores the port fields.
  EXPECT_TRUE(acl.check(echo("198.51.100.10", "10.0.1.5", 7), kIn).allowed);
  Packet dns = udp("10.0.1.5", 5000, "198.51.100.10", 53);
  EXPECT_TRUE(acl.check(unreachable("198.51.100.10", dns), kIn).allowed);
  // UDP rule: UDP/53 from inside the VPC only, never TCP/53.
  EXPECT_TRUE(acl.check(udp("10.0.2.9", 5000, "10.0.1.5", 53), kIn).allowed);
  EXPECT_FALSE(acl.check(udp("10.0.2.9", 5000, "10.0.1.5", 54), kIn).allowed);
  EXPECT_FALSE(acl.check(tcp("10.0.2.9", 5000, "10.0.1.5", 53), kIn).allowed);
  EXPECT_FALSE(acl.check(udp("198.51.100.10", 5000, "10.0.1.5", 53), kIn).allowed);
  // All: every protocol and port, still limited by the peer.
  EXPECT_TRUE(acl.check(tcp("10.0.1.5", 1, "10.0.2.9", 3306), kOut).allowed);
  EXPECT_TRUE(acl.check(udp("10.0.1.5", 1, "10.0.2.9", 9), kOut).allowed);
  EXPECT_TRUE(acl.check(echo("10.0.1.5", "10.0.2.9", 1), kOut).allowed);
  EXPECT_FALSE(acl.check(echo("10.0.1.5", "8.8.8.8", 1), kOut).allowed);
}

TEST(StatelessAcl, ChecksIcmpErrorsOnTheirOwn) {
  // Outbound UDP is allowed, but without an inbound ICMP rule the error about it is denied.
  StatelessAcl acl("acl", {rule(100, true, RuleProto::Udp, 0, 65535, {pfx("0.0.0.0/0")})},
                   {rule(100, true, RuleProto::Udp, 0, 65535, {pfx("0.0.0.0/0")})});
  Packet dns = udp("10.0.1.5", 5000, "8.8.8.8", 53);
  EXPECT_TRUE(acl.check(dns, kOut).allowed);
  EXPECT_FALSE(acl.check(unreachable("8.8.8.8", dns), kIn).allowed);
}

TEST(StatelessAcl, AllowAllAllowsEverythingWithoutNamingARule) {
  StatelessAcl acl = StatelessAcl::allow_all("default-acl");
  EXPECT_TRUE(acl.allows_all());
  EXPECT_EQ(acl.name(), "default-acl");
  for (bool inbound : {kIn, kOut}) {
    for (const Packet& p : {tcp("198.51.100.10", 1, "10.0.1.5", 2),
                            udp("10.0.1.5", 3, "8.8.8.8", 4), echo("10.0.1.5", "8.8.8.8", 5)}) {
      auto v = acl.check(p, inbound);
      EXPECT_TRUE(v.allowed);
      EXPECT_EQ(v.rule, nullptr);
    }
  }
  EXPECT_EQ(acl.explain(acl.check(echo("10.0.1.5", "8.8.8.8", 5), kIn), kIn),
            "NACL default-acl: allows all inbound traffic");
  StatelessAcl empty("empty", {}, {});
  EXPECT_FALSE(empty.allows_all());
  EXPECT_FALSE(empty.check(echo("10.0.1.5", "8.8.8.8", 5), kIn).allowed);
}

// ---- StatefulFilter -----------------------------------------------------------------------

TEST(StatefulFilter, NewGroupDeniesInboundAndAllowsOutboundByItsRule) {
  StatefulFilter sg;
  sg.add_group("web-sg", {}, {allow_all_traffic(1)});

  auto in = sg.check(tcp("198.51.100.10", 40001, "10.0.0.5", 22), kIn);
  EXPECT_FALSE(in.allowed);
  EXPECT_EQ(in.basis, Basis::Denied);
  EXPECT_EQ(in.rule, nullptr);
  EXPECT_TRUE(in.group.empty());
  EXPECT_EQ(sg.tracked_connections(), 0u);  // denied packets are never tracked

  auto out = sg.check(tcp("10.0.0.5", 40001, "198.51.100.10", 443), kOut);
  EXPECT_TRUE(out.allowed);
  EXPECT_EQ(out.basis, Basis::Rule);
  EXPECT_EQ(out.group, "web-sg");
  ASSERT_NE(out.rule, nullptr);
  EXPECT_EQ(out.rule->number, 1u);
  EXPECT_EQ(sg.tracked_connections(), 1u);
}

TEST(StatefulFilter, NoGroupsDenyEverything) {
  StatefulFilter sg;
  EXPECT_FALSE(sg.check(echo("10.0.0.5", "8.8.8.8", 1), kOut).allowed);
  EXPECT_FALSE(sg.check(echo("8.8.8.8", "10.0.0.5", 1), kIn).allowed);
}

TEST(StatefulFilter, TrackedReplyPassesAndUnrelatedInboundIsDenied) {
  StatefulFilter sg;
  sg.add_group("web-sg", {}, {allow_all_traffic(1)});
  ASSERT_TRUE(sg.check(tcp("10.0.0.5", 40001, "198.51.100.10", 443), kOut).allowed);

  auto reply = sg.check(
      tcp("198.51.100.10", 443, "10.0.0.5", 40001, tcp_flag::kSyn | tcp_flag::kAck), kIn);
  EXPECT_TRUE(reply.allowed);
  EXPECT_EQ(reply.basis, Basis::Tracked);
  EXPECT_EQ(reply.rule, nullptr);

  // Same hosts but another port, or another host on the same ports: not the connection.
  EXPECT_EQ(sg.check(tcp("198.51.100.10", 443, "10.0.0.5", 40002), kIn).basis, Basis::Denied);
  EXPECT_EQ(sg.check(tcp("198.51.100.11", 443, "10.0.0.5", 40001), kIn).basis, Basis::Denied);
  // The other protocol with the same ports is not tracked either.
  EXPECT_EQ(sg.check(udp("198.51.100.10", 443, "10.0.0.5", 40001), kIn).basis, Basis::Denied);
  // The original tuple arriving inbound is not a reply.
  EXPECT_EQ(sg.check(tcp("10.0.0.5", 40001, "198.51.100.10", 443), kIn).basis, Basis::Denied);
  EXPECT_EQ(sg.tracked_connections(), 1u);
}

TEST(StatefulFilter, InboundConnectionsAreTrackedSoRepliesNeedNoOutboundRule) {
  StatefulFilter sg;
  sg.add_group("web-sg", {rule(1, true, RuleProto::Tcp, 80, 80, {pfx("0.0.0.0/0")})}, {});
  ASSERT_EQ(sg.check(tcp("198.51.100.10", 40001, "10.0.0.5", 80), kIn).basis, Basis::Rule);
  EXPECT_EQ(sg.check(tcp("10.0.0.5", 80, "198.51.100.10", 40001), kOut).basis, Basis::Tracked);
  // The reverse tuple arriving the same way as the connection's first packet is not a
  // reply (spoofed or forwarded), so it needs an inbound rule for port 40001.
  EXPECT_EQ(sg.check(tcp("10.0.0.5", 80, "198.51.100.10", 40001), kIn).basis, Basis::Denied);
  // A denied inbound packet leaves nothing behind, so its "reply" is denied.
  ASSERT_FALSE(sg.check(tcp("198.51.100.10", 40001, "10.0.0.5", 22), kIn).allowed);
  EXPECT_EQ(sg.check(tcp("10.0.0.5", 22, "198.51.100.10", 40001), kOut).basis, Basis::Denied);
  EXPECT_EQ(sg.tracked_connections(), 1u);
}

TEST(StatefulFilter, EchoReplyOfTrackedPingPasses) {
  StatefulFilter sg;
  sg.add_group("web-sg", {}, {allow_all_traffic(1)});
  ASSERT_TRUE(sg.check(echo("10.0.0.5", "8.8.8.8", 7), kOut).allowed);
  EXPECT_EQ(sg.check(echo("8.8.8.8", "10.0.0.5", 7, icmp::kEchoReply), kIn).basis,
            Basis::Tracked);
  EXPECT_EQ(sg.check(echo("8.8.8.8", "10.0.0.5", 8, icmp::kEchoReply), kIn).basis,
            Basis::Denied);
}

TEST(StatefulFilter, AnEchoRequestIsNeverTheReplyOfAnotherRequest) {
  // Pinging your own public address from behind a 1:1 NAT: the request leaves as
  // 10.0.0.5 -> 203.0.113.5 and comes back as 203.0.113.5 -> 10.0.0.5, the reverse
  // tuple with the same identifier. It is a new request and needs an inbound rule.
  StatefulFilter sg;
  sg.add_group("web-sg", {}, {allow_all_traffic(1)});
  ASSERT_TRUE(sg.check(echo("10.0.0.5", "203.0.113.5", 7), kOut).allowed);
  EXPECT_EQ(sg.check(echo("203.0.113.5", "10.0.0.5", 7), kIn).basis, Basis::Denied);
  EXPECT_EQ(sg.check(echo("203.0.113.5", "10.0.0.5", 7, icmp::kEchoReply), kIn).basis,
            Basis::Tracked);
}

TEST(StatefulFilter, ClearTrackingForgetsConnections) {
  StatefulFilter sg;
  sg.add_group("web-sg", {}, {allow_all_traffic(1)});
  ASSERT_TRUE(sg.check(udp("10.0.0.5", 5000, "8.8.8.8", 53), kOut).allowed);
  ASSERT_EQ(sg.tracked_connections(), 1u);
  sg.clear_tracking();
  EXPECT_EQ(sg.tracked_connections(), 0u);
  EXPECT_EQ(sg.check(udp("8.8.8.8", 53, "10.0.0.5", 5000), kIn).basis, Basis::Denied);
}

TEST(StatefulFilter, IcmpErrorAboutTrackedConnectionIsRelated) {
  StatefulFilter sg;
  sg.add_group("web-sg", {}, {allow_all_traffic(1)});
  Packet dns = udp("10.0.0.5", 5000, "8.8.8.8", 53);
  ASSERT_TRUE(sg.check(dns, kOut).allowed);

  // From the destination itself or from a router on the path: only the quote relates it.
  auto v = sg.check(unreachable("8.8.8.8", dns), kIn);
  EXPECT_TRUE(v.allowed);
  EXPECT_EQ(v.basis, Basis::Related);
  EXPECT_EQ(sg.check(unreachable("10.0.0.1", dns, icmp::kHostUnreachable), kIn).basis,
            Basis::Related);

  // The same error about a datagram that was never allowed needs a rule, and none allows it.
  Packet other = udp("10.0.0.5", 5001, "8.8.8.8", 53);
  auto unrelated = sg.check(unreachable("8.8.8.8", other), kIn);
  EXPECT_FALSE(unrelated.allowed);
  EXPECT_EQ(unrelated.basis, Basis::Denied);
  EXPECT_EQ(sg.tracked_connections(), 1u);  // errors never open connections
}

TEST(StatefulFilter, IcmpErrorAboutAnAllowedInboundDatagramIsRelated) {
  // An inbound UDP datagram was allowed; the instance answers port unreachable
  // outbound, quoting it, with no outbound rule at all.
  StatefulFilter sg;
  sg.add_group("app-sg", {rule(1, true, RuleProto::Udp, 9000, 9000, {pfx("10.0.0.0/16")})}, {});
  Packet in = udp("10.0.1.10", 40000, "10.0.0.5", 9000);
  ASSERT_TRUE(sg.check(in, kIn).allowed);
  EXPECT_EQ(sg.check(unreachable("10.0.0.5", in), kOut).basis, Basis::Related);
}

TEST(StatefulFilter, IcmpErrorAboutATrackedReplyIsRelated) {
  // The quoted datagram is the reply, i.e. the reverse of the tuple as first seen.
  StatefulFilter sg;
  sg.add_group("app-sg", {rule(1, true, RuleProto::Udp, 9000, 9000, {pfx("10.0.0.0/16")})}, {});
  ASSERT_TRUE(sg.check(udp("10.0.1.10", 40000, "10.0.0.5", 9000), kIn).allowed);
  Packet reply = udp("10.0.0.5", 9000, "10.0.1.10", 40000);
  ASSERT_EQ(sg.check(reply, kOut).basis, Basis::Tracked);
  auto v = sg.check(unreachable("10.0.1.1", reply, icmp::kHostUnreachable), kIn);
  EXPECT_TRUE(v.allowed);
  EXPECT_EQ(v.basis, Basis::Related);
}

TEST(StatefulFilter, UntrackedIcmpErrorPassesByAnIcmpRule) {
  StatefulFilter sg;
  sg.add_group("web-sg", {rule(1, true, RuleProto::Icmp, 0, 0, {pfx("0.0.0.0/0")})}, {});
  Packet never_sent = udp("10.0.0.5", 5001, "8.8.8.8", 53);
  auto v = sg.check(unreachable("8.8.8.8", never_sent), kIn);
  EXPECT_TRUE(v.allowed);
  EXPECT_EQ(v.basis, Basis::Rule);
  // ICMP rules match every type, echo included.
  EXPECT_EQ(sg.check(echo("198.51.100.10", "10.0.0.5", 3), kIn).basis, Basis::Rule);
}

TEST(StatefulFilter, GroupsUniteAndTheVerdictNamesTheAllowingGroup) {
  StatefulFilter sg;
  sg.add_group("web-sg",
               {rule(1, true, RuleProto::Tcp, 80, 80, {pfx("0.0.0.0/0")}, "tcp/80 from 0.0.0.0/0")},
               {});
  sg.add_group("admin-sg",
               {rule(1, true, RuleProto::Udp, 161, 161, {pfx("10.0.9.0/24")}),
                rule(2, true, RuleProto::Tcp, 22, 22, {pfx("198.51.100.10/32")},
                     "tcp/22 from 198.51.100.10/32")},
               {});
  EXPECT_EQ(sg.group_names(), (std::vector<std::string>{"web-sg", "admin-sg"}));

  auto ssh = sg.check(tcp("198.51.100.10", 40001, "10.0.0.5", 22), kIn);
  EXPECT_TRUE(ssh.allowed);
  EXPECT_EQ(ssh.group, "admin-sg");
  ASSERT_NE(ssh.rule, nullptr);
  EXPECT_EQ(ssh.rule->number, 2u);

  auto http = sg.check(tcp("198.51.100.10", 40002, "10.0.0.5", 80), kIn);
  EXPECT_EQ(http.group, "web-sg");

  Packet stranger = tcp("203.0.113.9", 40001, "10.0.0.5", 22);
  auto denied = sg.check(stranger, kIn);
  EXPECT_FALSE(denied.allowed);
  EXPECT_EQ(sg.explain(denied, stranger, kIn, "web"),
            "security group web-sg, admin-sg on web (inbound): no rule allows tcp/22 from "
            "203.0.113.9");
}

TEST(StatefulFilter, ExplainsEachBasis) {
  StatefulFilter web;
  web.add_group("web-sg",
                {rule(1, true, RuleProto::Tcp, 22, 22, {pfx("198.51.100.10/32")}, "tcp/22"),
                 rule(2, true, RuleProto::Tcp, 80, 80, {pfx("0.0.0.0/0")},
                      "tcp/80 from 0.0.0.0/0")},
                {rule(1, true, RuleProto::Udp, 0, 65535, {pfx("8.8.8.8/32")}, "udp to 8.8.8.8")});

  Packet syn = tcp("198.51.100.10", 40001, "10.0.0.5", 80);
  auto rule_v = web.check(syn, kIn);
  EXPECT_EQ(web.explain(rule_v, syn, kIn, "web"),
            "security group web-sg on web (inbound): rule 2 allows tcp/80 from 0.0.0.0/0");

  Packet synack = tcp("10.0.0.5", 80, "198.51.100.10", 40001, tcp_flag::kSyn | tcp_flag::kAck);
  auto tracked = web.check(synack, kOut);
  EXPECT_EQ(web.explain(tracked, synack, kOut, "web"),
            "security group on web (outbound): reply of a tracked connection "
            "(tcp 10.0.0.5:80 -> 198.51.100.10:40001)");

  Packet dns = udp("10.0.0.5", 5000, "8.8.8.8", 53);
  ASSERT_TRUE(web.check(dns, kOut).allowed);
  Packet err = unreachable("8.8.8.8", dns);
  auto related = web.check(err, kIn);
  EXPECT_EQ(web.explain(related, err, kIn, "web"),
            "security group on web (inbound): ICMP error about a tracked connection "
            "(udp 10.0.0.5:5000 -> 8.8.8.8:53)");

  Packet out_tcp = tcp("10.0.0.5", 40001, "1.2.3.4", 443);
  EXPECT_EQ(web.explain(web.check(out_tcp, kOut), out_tcp, kOut, "web"),
            "security group web-sg on web (outbound): no rule allows tcp/443 to 1.2.3.4");
  Packet ping = echo("203.0.113.9", "10.0.0.5", 1);
  EXPECT_EQ(web.explain(web.check(ping, kIn), ping, kIn, "web"),
            "security group web-sg on web (inbound): no rule allows icmp from 203.0.113.9");

  StatefulFilter db;
  db.add_group("db-sg", {}, {});
  Packet mysql = tcp("10.0.1.10", 40001, "10.0.2.20", 3306);
  EXPECT_EQ(db.explain(db.check(mysql, kIn), mysql, kIn, "db"),
            "security group db-sg on db (inbound): no rule allows tcp/3306 from 10.0.1.10");
  Packet snmp = udp("10.0.2.20", 40001, "10.0.9.1", 162);
  EXPECT_EQ(db.explain(db.check(snmp, kOut), snmp, kOut, "db"),
            "security group db-sg on db (outbound): no rule allows udp/162 to 10.0.9.1");
}

}  // namespace
}  // namespace vpcsim::sim
