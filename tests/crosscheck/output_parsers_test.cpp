// The parsers of ping -n, traceroute -n and nc -z -v output, on outputs of the
// real tools captured in namespaces (h1 10.9.1.10 - r1 10.9.1.1/10.9.2.1 - h2
// 10.9.2.10, r1 with blackhole, unreachable and prohibit routes, a loop r1 <-> h2
// for 10.99.0.0/16), and on the simulator's own text for the same situations.
#include <gtest/gtest.h>

#include "tests/crosscheck/sample.hpp"
#include "tools/vpcsim/crosscheck/connect_output.hpp"
#include "tools/vpcsim/crosscheck/ping_output.hpp"
#include "tools/vpcsim/crosscheck/traceroute_output.hpp"

namespace vpcsim::crosscheck {
namespace {

using testing::sample;
using Hops = std::vector<std::string>;

Observation ping(const std::string& name) { return observe_ping(parse_ping_output(sample(name))); }
Observation trace(const std::string& name) {
  return observe_traceroute(parse_traceroute_output(sample(name)));
}
Observation nc(const std::string& name, int exit_code) {
  return observe_connect(parse_nc_output(sample(name), exit_code, false));
}

TEST(PingOutput, ReadsRepliesTheirTtlAndTheStatistics) {
  PingOutput p = parse_ping_output(sample("ping_ok"));
  EXPECT_EQ(p.destination, "10.9.2.10");
  ASSERT_EQ(p.replies.size(), 3u);
  EXPECT_EQ(p.replies[1].from, "10.9.2.10");
  EXPECT_EQ(p.replies[1].seq, 2);
  EXPECT_EQ(p.replies[1].ttl, 63);
  EXPECT_EQ(p.transmitted, 3);
  EXPECT_EQ(p.received, 3);
  Observation o = observe_ping(p);
  EXPECT_EQ(o.verdict, "reachable");
  EXPECT_EQ(o.reason_class, ReasonClass::None);
  EXPECT_EQ(o.reply_ttl, 63);
  EXPECT_FALSE(o.error_from);
}

TEST(PingOutput, ClassifiesEachIcmpErrorAndItsSender) {
  struct Case {
    const char* sample;
    ReasonClass cls;
    const char* from;
  };
  const Case cases[] = {
      {"ping_ttl", ReasonClass::TtlExceeded, "10.9.1.1"},
      {"ping_netunreach", ReasonClass::NetUnreachable, "10.9.1.1"},
      {"ping_unreachroute", ReasonClass::HostUnreachable, "10.9.1.1"},
      {"ping_prohibit", ReasonClass::Prohibited, "10.9.1.1"},
      {"ping_arpfail", ReasonClass::HostUnreachable, "10.9.1.1"},
      {"ping_localarpfail", ReasonClass::HostUnreachable, "10.9.1.10"},
      {"ping_loop", ReasonClass::TtlExceeded, "10.9.2.10"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.sample);
    Observation o = ping(c.sample);
    EXPECT_EQ(o.verdict, "unreachable");
    EXPECT_EQ(o.reason_class, c.cls);
    EXPECT_EQ(o.error_from, c.from);
    EXPECT_FALSE(o.reply_ttl);
  }
}

TEST(PingOutput, SilenceAndLocalErrorsAreTheirOwnClasses) {
  Observation silent = ping("ping_blackhole");
  EXPECT_EQ(silent.verdict, "unreachable");
  EXPECT_EQ(silent.reason_class, ReasonClass::Silent);
  EXPECT_FALSE(silent.error_from);
  Observation local = ping("ping_localnoroute");
  EXPECT_EQ(local.verdict, "unreachable");
  EXPECT_EQ(local.reason_class, ReasonClass::LocalError);
  EXPECT_EQ(local.detail, "Network is unreachable");
}

TEST(PingOutput, DuplicatesDoNotCountAsAnswers) {
  PingOutput p = parse_ping_output(
      "PING 10.0.0.2 (10.0.0.2) 56(84) bytes of data.\n"
      "64 bytes from 10.0.0.2: icmp_seq=1 ttl=64 time=0.1 ms\n"
      "64 bytes from 10.0.0.2: icmp_seq=1 ttl=64 time=0.2 ms (DUP!)\n");
  ASSERT_EQ(p.replies.size(), 2u);
  EXPECT_TRUE(p.replies[1].duplicate);
  EXPECT_FALSE(p.received);  // no statistics line: counted from the replies
  EXPECT_EQ(observe_ping(p).verdict, "reachable");
}

TEST(TracerouteOutput, ReadsHopsUpToTheDestination) {
  for (const char* name : {"tr_ok", "tr_icmp", "tr_tcp", "tr_tcp_closed"}) {
    SCOPED_TRACE(name);
    Observation o = trace(name);
    EXPECT_EQ(o.verdict, "reachable");
    EXPECT_EQ(o.reason_class, ReasonClass::None);
    EXPECT_EQ(o.hops, (Hops{"10.9.1.1", "10.9.2.10"}));
  }
}

TEST(TracerouteOutput, EndsOnAMarkerWithItsClass) {
  Observation n = trace("tr_netunreach");
  EXPECT_EQ(n.verdict, "unreachable");
  EXPECT_EQ(n.reason_class, ReasonClass::NetUnreachable);
  EXPECT_EQ(n.hops, (Hops{"10.9.1.1"}));
  EXPECT_EQ(n.error_from, "10.9.1.1");
  EXPECT_EQ(trace("tr_hostunreach").reason_class, ReasonClass::HostUnreachable);
  EXPECT_EQ(trace("tr_prohibit").reason_class, ReasonClass::Prohibited);
  // Parallel probes whose ICMP errors the router rate-limited: 16 silent hops,
  // then the marker at hop 17 (why crosscheck runs traceroute with -N 1).
  Observation limited = trace("tr_netunreach_ratelimited");
  ASSERT_EQ(limited.hops->size(), 17u);
  EXPECT_EQ(limited.hops->front(), "*");
  EXPECT_EQ(limited.hops->back(), "10.9.1.1");
  EXPECT_EQ(limited.reason_class, ReasonClass::NetUnreachable);
}

TEST(TracerouteOutput, SilentAndOutOfHopsTracesDiffer) {
  Observation silent = trace("tr_blackhole");
  EXPECT_EQ(silent.verdict, "unreachable");
  EXPECT_EQ(silent.reason_class, ReasonClass::Silent);
  EXPECT_EQ(silent.hops, Hops(8, "*"));
  Observation arp = trace("tr_arpfail");
  EXPECT_EQ(arp.hops, (Hops{"10.9.1.1", "*", "*", "*", "*"}));
  EXPECT_EQ(arp.reason_class, ReasonClass::Silent);
  Observation loop = trace("tr_loop");
  EXPECT_EQ(loop.reason_class, ReasonClass::TtlExceeded);
  EXPECT_EQ(loop.hops,
            (Hops{"10.9.1.1", "10.9.2.10", "10.9.1.1", "10.9.2.10", "10.9.1.1", "10.9.2.10"}));
  EXPECT_EQ(trace("tr_loop_q3").hops, (Hops{"10.9.1.1", "10.9.2.10", "10.9.1.1", "10.9.2.10"}));
}

TEST(TracerouteOutput, LocalErrorAfterTheHeaderOnTheSameLine) {
  TracerouteOutput t = parse_traceroute_output(sample("tr_localnoroute"));
  EXPECT_EQ(t.destination, "172.16.0.1");
  EXPECT_EQ(t.local_error, "Network is unreachable");
  Observation o = observe_traceroute(t);
  EXPECT_EQ(o.verdict, "unreachable");
  EXPECT_EQ(o.reason_class, ReasonClass::LocalError);
}

TEST(TracerouteOutput, AProbeTheSourcesFirewallRefusedIsSilenceAtEveryHop) {
  // An emulated security group's egress rule is iptables in the instance's own
  // namespace: send() fails with EPERM, where AWS drops outside the instance.
  TracerouteOutput t = parse_traceroute_output(sample("tr_eperm"));
  EXPECT_TRUE(t.send_refused);
  EXPECT_EQ(t.max_hops, 5);
  Observation o = observe_traceroute(t);
  EXPECT_EQ(o.verdict, "unreachable");
  EXPECT_EQ(o.reason_class, ReasonClass::Silent);
  EXPECT_EQ(o.hops, Hops(5, "*"));
  // The same for ping and connect.
  PingOutput p = parse_ping_output(
      "PING 10.9.3.2 (10.9.3.2) 56(84) bytes of data.\n"
      "ping: sendmsg: Operation not permitted\n\n"
      "--- 10.9.3.2 ping statistics ---\n"
      "1 packets transmitted, 0 received, 100% packet loss, time 0ms\n");
  EXPECT_TRUE(p.send_refused);
  EXPECT_EQ(observe_ping(p).reason_class, ReasonClass::Silent);
  ConnectOutput c = parse_nc_output(
      "nc: connect to 10.9.3.2 port 53 (udp) failed: Operation not permitted\n", 1, false);
  EXPECT_EQ(c.verdict, "timeout");
  EXPECT_EQ(observe_connect(c).reason_class, ReasonClass::Silent);
}

TEST(TracerouteOutput, ReadsTheSimulatorsThreeQueriesWithChangingAddresses) {
  // vpcsim prints three queries per hop and the address again when it changes.
  Observation o = observe_traceroute(
      parse_traceroute_output("traceroute to h2 (10.0.2.10), 30 hops max, 60 byte packets\n"
                              " 1  10.0.1.1  0.201 ms  0.201 ms  0.201 ms\n"
                              " 2  *  10.0.12.2  0.402 ms !N  10.0.12.9  0.402 ms !N\n"));
  EXPECT_EQ(o.hops, (Hops{"10.0.1.1", "10.0.12.2"}));
  EXPECT_EQ(o.reason_class, ReasonClass::NetUnreachable);
  EXPECT_EQ(o.error_from, "10.0.12.2");
}

TEST(NcOutput, ReadsEveryWayAConnectEnds) {
  struct Case {
    const char* sample;
    int exit_code;
    const char* verdict;
    ReasonClass cls;
  };
  const Case cases[] = {
      {"nc_open", 0, "open", ReasonClass::None},
      {"nc_refused", 1, "refused", ReasonClass::Refused},
      {"nc_blackhole", 1, "timeout", ReasonClass::Silent},
      {"nc_netunreach", 1, "unreachable", ReasonClass::NetUnreachable},
      {"nc_hostunreach", 1, "unreachable", ReasonClass::HostUnreachable},
      // Prohibited and time exceeded reach a TCP socket as EHOSTUNREACH too.
      {"nc_prohibit", 1, "unreachable", ReasonClass::HostUnreachable},
      {"nc_ttl", 1, "unreachable", ReasonClass::HostUnreachable},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.sample);
    Observation o = nc(c.sample, c.exit_code);
    EXPECT_EQ(o.verdict, c.verdict);
    EXPECT_EQ(o.reason_class, c.cls);
  }
}

TEST(NcOutput, KilledIsATimeoutAndGibberishAnError) {
  EXPECT_EQ(parse_nc_output("", 137, true).verdict, "timeout");
  ConnectOutput odd = parse_nc_output("nc: getaddrinfo: Name or service not known\n", 1, false);
  EXPECT_EQ(odd.verdict, "error");
  EXPECT_EQ(observe_connect(odd).reason_class, ReasonClass::OtherIcmp);
}

TEST(SimulatorConnectText, FindsTheErrorOfTelnetAndOfEitherSshLeg) {
  EXPECT_EQ(connect_error_in_tool_text("Trying 10.0.9.10...\n"
                                       "telnet: Unable to connect to remote host: No route to "
                                       "host\n"),
            "No route to host");
  EXPECT_EQ(connect_error_in_tool_text("debug1: Connecting to db [10.0.3.10] port 22.\n"
                                       "ssh: connect to host db port 22: Connection timed out\n"
                                       "ssh: no connection from app to db (10.0.3.10) port 22: "
                                       "timeout\n"),
            "Connection timed out");
  EXPECT_EQ(connect_error_in_tool_text("debug1: Connection established.\n"
                                       "channel 0: open failed: connect failed: Connection "
                                       "refused\nstdio forwarding failed\n"),
            "Connection refused");
  EXPECT_EQ(connect_error_in_tool_text("Trying 10.0.2.10...\nConnected to srv.\n"), "");
}

}  // namespace
}  // namespace vpcsim::crosscheck
