// The text of ping, traceroute, telnet and ssh, on results of the real engine:
// line by line as iputils ping, Linux traceroute -n, telnet and OpenSSH's ssh -v
// (its connection lines) print them.
#include <gtest/gtest.h>

#include <regex>

#include "sim/probes/ping.hpp"
#include "sim/probes/tcp_connect.hpp"
#include "sim/probes/traceroute.hpp"
#include "tests/format/format_fixtures.hpp"
#include "tools/vpcsim/format/probe_text.hpp"

namespace vpcsim::cli {
namespace {

using testing::ip;
using testing::lines_of;
using testing::TestNet;

class RoutedNet : public ::testing::Test {
 protected:
  sim::Simulation sim_ = testing::routed();
  sim::DeviceId h1_ = TestNet::id(sim_, "h1");

  std::string ping(const char* to, const std::string& target, sim::PingOptions o = {}) {
    last_ping_ = sim::run_ping(sim_, h1_, ip(to), o);
    return ping_text(last_ping_, target, o);
  }
  std::string trace(const char* to, int max_hops = 30) {
    sim::TracerouteOptions o;
    o.max_hops = max_hops;
    last_trace_ = sim::run_traceroute(sim_, h1_, ip(to), o);
    return traceroute_text(last_trace_, to);
  }
  std::string telnet(const char* to, uint16_t port, const std::string& target) {
    last_connect_ = sim::run_tcp_connect(sim_, h1_, ip(to), port, {});
    return telnet_text(last_connect_, target);
  }
  sim::PingResult last_ping_;
  sim::TracerouteResult last_trace_;
  sim::ConnectResult last_connect_;
};

bool matches(const std::string& line, const char* pattern) {
  return std::regex_match(line, std::regex(pattern));
}

// ---- ping ---------------------------------------------------------------------

TEST_F(RoutedNet, PingRepliesReadLikeIputilsWithTheNamedTarget) {
  std::string text = ping("10.0.2.10", "h2");
  // Latency 0.1 ms per link: the first request waits for two ARP exchanges.
  EXPECT_EQ(text,
            "PING h2 (10.0.2.10) 56(84) bytes of data.\n"
            "64 bytes from 10.0.2.10: icmp_seq=1 ttl=63 time=0.800 ms\n"
            "64 bytes from 10.0.2.10: icmp_seq=2 ttl=63 time=0.400 ms\n"
            "64 bytes from 10.0.2.10: icmp_seq=3 ttl=63 time=0.400 ms\n"
            "\n"
            "--- h2 ping statistics ---\n"
            "3 packets transmitted, 3 received, 0% packet loss, time 2000ms\n"
            // mdev as iputils computes it: sqrt((Σt² - (Σt)²/n) / n) in integer µs.
            "rtt min/avg/max/mdev = 0.400/0.533/0.800/0.188 ms\n");
  EXPECT_EQ(reason_line(last_ping_.reason), "");
}

TEST_F(RoutedNet, PingHeaderAndRepliesFollowPayloadSize) {
  sim::PingOptions o;
  o.count = 1;
  o.payload_bytes = 100;
  auto lines = lines_of(ping("10.0.2.10", "10.0.2.10", o));
  EXPECT_EQ(lines.at(0), "PING 10.0.2.10 (10.0.2.10) 100(128) bytes of data.");
  EXPECT_TRUE(
      matches(lines.at(1), R"(108 bytes from 10\.0\.2\.10: icmp_seq=1 ttl=63 time=\d+\.\d{3} ms)"))
      << lines.at(1);
}

TEST_F(RoutedNet, PingWithoutRouteAtRouterPrintsNetUnreachableAndErrorCount) {
  std::string text = ping("172.16.0.1", "172.16.0.1");
  auto lines = lines_of(text);
  ASSERT_EQ(lines.size(), 8u) << text;
  for (int seq = 1; seq <= 3; ++seq) {
    EXPECT_EQ(lines[size_t(seq)],
              "From 10.0.1.1 icmp_seq=" + std::to_string(seq) + " Destination Net Unreachable");
  }
  EXPECT_EQ(lines[5], "--- 172.16.0.1 ping statistics ---");
  EXPECT_EQ(lines[6],
            "3 packets transmitted, 0 received, +3 errors, 100% packet loss, time 2000ms");
  // No rtt line; iputils still ends the statistics with its newline: an empty last line.
  EXPECT_EQ(lines[7], "");
  EXPECT_TRUE(text.ends_with("time 2000ms\n\n"));
  EXPECT_EQ(reason_line(last_ping_.reason),
            "reason: no-route (dropped at r1: no route to 172.16.0.1 (routing table of r1))\n");
}

TEST_F(RoutedNet, PingErrorLinesNameEachIcmpErrorAsIputilsDoes) {
  sim::PingOptions once;
  once.count = 1;
  EXPECT_EQ(lines_of(ping("10.7.0.1", "x", once)).at(1),
            "From 10.0.1.1 icmp_seq=1 Packet filtered");
  EXPECT_EQ(lines_of(ping("10.8.0.1", "x", once)).at(1),
            "From 10.0.1.1 icmp_seq=1 Destination Host Unreachable");
  // ARP for an absent host fails after three tries at the router.
  EXPECT_EQ(lines_of(ping("10.0.2.99", "x", once)).at(1),
            "From 10.0.1.1 icmp_seq=1 Destination Host Unreachable");
  sim::PingOptions ttl1 = once;
  ttl1.ttl = 1;
  EXPECT_EQ(lines_of(ping("10.0.2.10", "h2", ttl1)).at(1),
            "From 10.0.1.1 icmp_seq=1 Time to live exceeded");
}

TEST_F(RoutedNet, PingIntoABlackholePrintsOnlyStatistics) {
  auto lines = lines_of(ping("10.9.0.1", "10.9.0.1"));
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[1], "");
  EXPECT_EQ(lines[3], "3 packets transmitted, 0 received, 100% packet loss, time 2000ms");
  EXPECT_EQ(reason_line(last_ping_.reason),
            "reason: blackhole (dropped at r2: blackhole route: dropped silently)\n");
}

TEST(PingText, LocalErrorIsConnectNetworkUnreachableAlone) {
  sim::Simulation s = testing::lan();  // no gateway
  sim::PingOptions o;
  sim::PingResult r = sim::run_ping(s, TestNet::id(s, "h1"), ip("8.8.8.8"), o);
  ASSERT_TRUE(r.local_error);
  EXPECT_EQ(ping_text(r, "8.8.8.8", o), "ping: connect: Network is unreachable\n");
  EXPECT_EQ(reason_line(r.reason),
            "reason: no-route (dropped at h1: no route to 8.8.8.8 (routing table of h1))\n");
}

TEST(PingText, PacketLossIsPrintedWithPercentGLikeIputils) {
  sim::PingResult r;
  r.dst = ip("10.0.0.2");
  r.transmitted = 3;
  r.received = 2;
  r.elapsed = sim::Duration{2'003'499'999};  // rounds to 2003 ms
  for (uint16_t seq : {1, 2}) {
    r.events.push_back(
        sim::PingEvent{seq, true, ip("10.0.0.2"), 64, sim::Duration{500'000}, 0, 0, {}});
  }
  auto lines = lines_of(ping_text(r, "10.0.0.2", {}));
  EXPECT_EQ(lines.at(5), "3 packets transmitted, 2 received, 33.3333% packet loss, time 2003ms");
  r.transmitted = 3;
  r.received = 1;
  EXPECT_EQ(lines_of(ping_text(r, "10.0.0.2", {})).at(5),
            "3 packets transmitted, 1 received, 66.6667% packet loss, time 2003ms");
}

TEST(PingText, ReplyTimesDropDecimalsAsTheyGrowLikeIputils) {
  struct Case {
    int64_t us;
    const char* shown;
  };
  const Case cases[] = {{412, "0.412"},  {999, "0.999"}, {1000, "1.00"},  {1234, "1.23"},
                        {1235, "1.24"},  {9994, "9.99"}, {9995, "10.0"},  {12345, "12.3"},
                        {99949, "99.9"}, {99950, "100"}, {123456, "123"}, {3000200, "3000"}};
  for (const Case& c : cases) {
    sim::PingResult r;
    r.dst = ip("10.0.0.2");
    r.transmitted = r.received = 1;
    r.events.push_back(
        sim::PingEvent{1, true, ip("10.0.0.2"), 64, sim::Duration{c.us * 1000}, 0, 0, {}});
    EXPECT_EQ(lines_of(ping_text(r, "10.0.0.2", {})).at(1),
              std::string("64 bytes from 10.0.0.2: icmp_seq=1 ttl=64 time=") + c.shown + " ms")
        << c.us << " us";
  }
}

TEST(PingText, StatisticsMatchRealIputilsRun) {
  // Times of a real `ping -c 3 127.0.0.1` (iputils 20221126) and what it printed.
  sim::PingResult r;
  r.dst = ip("127.0.0.1");
  r.transmitted = r.received = 3;
  r.elapsed = sim::Duration{407'000'000};
  uint16_t seq = 1;
  for (int64_t us : {54, 41, 46}) {
    r.events.push_back(
        sim::PingEvent{seq++, true, ip("127.0.0.1"), 64, sim::Duration{us * 1000}, 0, 0, {}});
  }
  auto lines = lines_of(ping_text(r, "127.0.0.1", {}));
  EXPECT_EQ(lines.at(6), "3 packets transmitted, 3 received, 0% packet loss, time 407ms");
  EXPECT_EQ(lines.at(7), "rtt min/avg/max/mdev = 0.041/0.047/0.054/0.005 ms");
}

// ---- traceroute ---------------------------------------------------------------

TEST_F(RoutedNet, TracerouteListsEachHopNumericallyWithThreeTimes) {
  std::string text = trace("10.0.2.10");
  // All three queries of a hop leave at once; the first hop's wait for ARP delays all three.
  EXPECT_EQ(text,
            "traceroute to 10.0.2.10 (10.0.2.10), 30 hops max, 60 byte packets\n"
            " 1  10.0.1.1  0.400 ms  0.400 ms  0.400 ms\n"
            " 2  10.0.2.10  0.600 ms  0.600 ms  0.600 ms\n");
  EXPECT_TRUE(last_trace_.reached);
}

TEST_F(RoutedNet, TracerouteHeaderShowsTheTargetAsTyped) {
  sim::TracerouteOptions o;
  sim::TracerouteResult r = sim::run_traceroute(sim_, h1_, ip("10.0.2.10"), o);
  EXPECT_EQ(lines_of(traceroute_text(r, "h2")).at(0),
            "traceroute to h2 (10.0.2.10), 30 hops max, 60 byte packets");
}

TEST_F(RoutedNet, TracerouteShowsStarsForSilentHops) {
  auto lines = lines_of(trace("10.9.0.1", 4));
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_TRUE(matches(lines[1], R"( 1  10\.0\.1\.1  \d+\.\d{3} ms  \d+\.\d{3} ms  \d+\.\d{3} ms)"))
      << lines[1];
  EXPECT_EQ(lines[2], " 2  * * *");
  EXPECT_EQ(lines[4], " 4  * * *");
  EXPECT_EQ(reason_line(last_trace_.reason),
            "reason: blackhole (dropped at r2: blackhole route: dropped silently)\n");
}

TEST_F(RoutedNet, TracerouteMarksUnreachablesAfterTheTime) {
  // The first trace also waits 0.2 ms for h1's ARP; later ones find r1 cached.
  EXPECT_EQ(lines_of(trace("172.16.0.1")).at(1),
            " 1  10.0.1.1  0.400 ms !N  0.400 ms !N  0.400 ms !N");
  EXPECT_EQ(lines_of(trace("10.8.0.1")).at(1),
            " 1  10.0.1.1  0.200 ms !H  0.200 ms !H  0.200 ms !H");
  auto lines = lines_of(trace("10.7.0.1"));
  EXPECT_EQ(lines.size(), 2u);  // the trace stops at the marker
  EXPECT_EQ(lines.at(1), " 1  10.0.1.1  0.200 ms !X  0.200 ms !X  0.200 ms !X");
}

TEST(TracerouteText, AddressIsRepeatedOnlyWhenItChanges) {
  sim::TracerouteResult r;
  r.dst = ip("10.0.0.9");
  auto answer = [](const char* from, int64_t us, std::string marker = "") {
    return sim::TracerouteQuery{true, ip(from), sim::Duration{us * 1000}, std::move(marker), 0};
  };
  sim::TracerouteQuery star;
  r.hops.push_back(
      {9, {answer("10.0.0.1", 1000), answer("10.0.0.2", 2000), answer("10.0.0.2", 3000)}});
  r.hops.push_back({10, {star, answer("10.0.0.3", 1500), star}});
  r.hops.push_back({11, {answer("10.0.0.4", 1), star, answer("10.0.0.4", 2, "!H")}});
  auto lines = lines_of(traceroute_text(r, "10.0.0.9"));
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[1], " 9  10.0.0.1  1.000 ms 10.0.0.2  2.000 ms  3.000 ms");
  EXPECT_EQ(lines[2], "10  * 10.0.0.3  1.500 ms *");
  // An unanswered query in between does not make the address print again.
  EXPECT_EQ(lines[3], "11  10.0.0.4  0.001 ms *  0.002 ms !H");
}

TEST(TracerouteText, LocalErrorFollowsTheRealToolPerMode) {
  sim::Simulation s = testing::lan();
  sim::TracerouteResult r = sim::run_traceroute(s, TestNet::id(s, "h1"), ip("8.8.8.8"), {});
  ASSERT_TRUE(r.local_error);
  // UDP connects per probe, after the header; traceroute's error() starts with a newline.
  EXPECT_EQ(traceroute_text(r, "8.8.8.8"),
            "traceroute to 8.8.8.8 (8.8.8.8), 30 hops max, 60 byte packets\n"
            "connect: Network is unreachable\n");
  EXPECT_EQ(traceroute_text(r, "8.8.8.8", sim::TracerouteMode::Icmp),
            "\nconnect: Network is unreachable\n");
}

// ---- telnet -------------------------------------------------------------------

TEST_F(RoutedNet, TelnetOpenPrintsConnectedAndEscapeCharacter) {
  EXPECT_EQ(telnet("10.0.2.10", 22, "h2"),
            "Trying 10.0.2.10...\n"
            "Connected to h2.\n"
            "Escape character is '^]'.\n");
  EXPECT_EQ(reason_line(last_connect_.reason), "");
}

TEST_F(RoutedNet, TelnetRefusedAndTimeoutUseTheSocketErrors) {
  EXPECT_EQ(telnet("10.0.2.10", 23, "h2"),
            "Trying 10.0.2.10...\n"
            "telnet: Unable to connect to remote host: Connection refused\n");
  EXPECT_EQ(reason_line(last_connect_.reason),
            "reason: port-closed (dropped at h2: nothing listens on tcp/23: answer RST)\n");
  EXPECT_EQ(telnet("10.9.0.1", 22, "10.9.0.1"),
            "Trying 10.9.0.1...\n"
            "telnet: Unable to connect to remote host: Connection timed out\n");
}

TEST_F(RoutedNet, TelnetIcmpErrorsBecomeNoRouteOrNetworkUnreachable) {
  EXPECT_EQ(lines_of(telnet("10.8.0.1", 22, "x")).at(1),
            "telnet: Unable to connect to remote host: No route to host");
  EXPECT_EQ(lines_of(telnet("10.7.0.1", 22, "x")).at(1),
            "telnet: Unable to connect to remote host: No route to host");
  EXPECT_EQ(lines_of(telnet("172.16.0.1", 22, "x")).at(1),
            "telnet: Unable to connect to remote host: Network is unreachable");
}

TEST(TelnetText, LocalErrorIsNetworkUnreachable) {
  sim::Simulation s = testing::lan();
  sim::ConnectResult r = sim::run_tcp_connect(s, TestNet::id(s, "h1"), ip("8.8.8.8"), 22, {});
  EXPECT_EQ(telnet_text(r, "8.8.8.8"),
            "Trying 8.8.8.8...\n"
            "telnet: Unable to connect to remote host: Network is unreachable\n");
}

// ---- ssh ----------------------------------------------------------------------

// Sessions on the jump fixture, with legs run as `vpcsim ssh` runs them: the
// second leg only when the first opened.
class JumpNet : public ::testing::Test {
 protected:
  sim::Simulation sim_ = testing::jump();

  SshLeg leg(const char* from, const std::string& target, const char* to, uint16_t port) {
    return SshLeg{from, target,
                  sim::run_tcp_connect(sim_, TestNet::id(sim_, from), ip(to), port, {})};
  }
  SshSession direct(const std::string& target, const char* to, uint16_t port = 22) {
    return SshSession{"client", target, "", {leg("client", target, to, port)}};
  }
  SshSession via(const std::string& jump, const char* jump_ip, const std::string& target,
                 const char* to, uint16_t port = 22) {
    SshSession s{"client", target, jump, {leg("client", jump, jump_ip, 22)}};
    if (s.last().result.verdict == sim::ConnectVerdict::Open) {
      s.legs.push_back(leg(jump.c_str(), target, to, port));
    }
    return s;
  }
};

TEST_F(JumpNet, SshDirectOpenPrintsConnectingEstablishedAndSummary) {
  SshSession s = direct("app", "10.0.3.10");
  EXPECT_TRUE(s.connected());
  EXPECT_EQ(ssh_text(s),
            "debug1: Connecting to app [10.0.3.10] port 22.\n"
            "debug1: Connection established.\n"
            "ssh: connected to app (10.0.3.10) port 22\n");
}

TEST_F(JumpNet, SshThroughJumpHostReportsBothConnectionsThenTheJump) {
  SshSession s = via("bastion", "10.0.2.10", "app", "10.0.3.10");
  ASSERT_EQ(s.legs.size(), 2u);
  EXPECT_TRUE(s.connected());
  EXPECT_EQ(ssh_text(s),
            "debug1: Connecting to bastion [10.0.2.10] port 22.\n"
            "debug1: Connection established.\n"
            "debug1: Connecting to app [10.0.3.10] port 22.\n"
            "debug1: Connection established.\n"
            "ssh: connected to app (10.0.3.10) port 22 via bastion\n");
}

TEST_F(JumpNet, SshDirectRefusedPrintsOpensshConnectErrorWithTheHostAsTyped) {
  SshSession s = direct("app", "10.0.3.10", 2222);
  EXPECT_FALSE(s.connected());
  EXPECT_EQ(ssh_text(s),
            "debug1: Connecting to app [10.0.3.10] port 2222.\n"
            "ssh: connect to host app port 2222: Connection refused\n"
            "ssh: no connection from client to app (10.0.3.10) port 2222: refused\n"
            "reason: port-closed (dropped at app: nothing listens on tcp/2222: answer RST)\n");
}

TEST_F(JumpNet, SshDirectTimeoutAndNoRouteUseTheSocketErrors) {
  auto lines = lines_of(ssh_text(direct("10.9.0.1", "10.9.0.1")));
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[1], "ssh: connect to host 10.9.0.1 port 22: Connection timed out");
  EXPECT_EQ(lines[2], "ssh: no connection from client to 10.9.0.1 (10.9.0.1) port 22: timeout");
  EXPECT_EQ(lines[3], "reason: blackhole (dropped at r1: blackhole route: dropped silently)");
  EXPECT_EQ(lines_of(ssh_text(direct("10.8.0.1", "10.8.0.1"))).at(1),
            "ssh: connect to host 10.8.0.1 port 22: No route to host");
}

TEST_F(JumpNet, SshTimeoutOnTheFirstLegStopsBeforeTheJumpHostConnectsOnwards) {
  SshSession s = via("10.9.0.1", "10.9.0.1", "app", "10.0.3.10");
  ASSERT_EQ(s.legs.size(), 1u);  // the jump host never tried
  EXPECT_FALSE(s.connected());
  EXPECT_EQ(ssh_text(s),
            "debug1: Connecting to 10.9.0.1 [10.9.0.1] port 22.\n"
            "ssh: connect to host 10.9.0.1 port 22: Connection timed out\n"
            // The outer ssh of ProxyJump sees its proxy command end.
            "kex_exchange_identification: Connection closed by remote host\n"
            "Connection closed by UNKNOWN port 65535\n"
            "ssh: no connection to app via 10.9.0.1: first leg client -> 10.9.0.1 (10.9.0.1) "
            "port 22: timeout\n"
            "reason: blackhole (dropped at r1: blackhole route: dropped silently)\n");
}

TEST_F(JumpNet, SshFailureOnTheSecondLegIsTheJumpHostsChannelOpenFailure) {
  SshSession s = via("bastion", "10.0.2.10", "app", "10.0.3.10", 2222);
  ASSERT_EQ(s.legs.size(), 2u);
  EXPECT_FALSE(s.connected());
  EXPECT_EQ(ssh_text(s),
            "debug1: Connecting to bastion [10.0.2.10] port 22.\n"
            "debug1: Connection established.\n"
            "debug1: Connecting to app [10.0.3.10] port 2222.\n"
            "channel 0: open failed: connect failed: Connection refused\n"
            "stdio forwarding failed\n"
            "kex_exchange_identification: Connection closed by remote host\n"
            "Connection closed by UNKNOWN port 65535\n"
            "ssh: no connection to app via bastion: second leg bastion -> app (10.0.3.10) "
            "port 2222: refused\n"
            "reason: port-closed (dropped at app: nothing listens on tcp/2222: answer RST)\n");
  EXPECT_EQ(lines_of(ssh_text(via("bastion", "10.0.2.10", "x", "10.9.0.1"))).at(3),
            "channel 0: open failed: connect failed: Connection timed out");
  EXPECT_EQ(lines_of(ssh_text(via("bastion", "10.0.2.10", "x", "10.8.0.1"))).at(3),
            "channel 0: open failed: connect failed: No route to host");
}

TEST(SshText, LocalErrorIsNetworkUnreachable) {
  sim::Simulation s = testing::lan();  // no gateway
  SshSession session{
      "h1",
      "8.8.8.8",
      "",
      {{"h1", "8.8.8.8", sim::run_tcp_connect(s, TestNet::id(s, "h1"), ip("8.8.8.8"), 22, {})}}};
  EXPECT_EQ(lines_of(ssh_text(session)).at(1),
            "ssh: connect to host 8.8.8.8 port 22: Network is unreachable");
}

TEST(ReasonLine, IsEmptyWithoutReason) { EXPECT_EQ(reason_line(std::nullopt), ""); }

}  // namespace
}  // namespace vpcsim::cli
