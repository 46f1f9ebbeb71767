#include <gtest/gtest.h>

#include "sim/services/dns_message.hpp"

namespace vpcsim::sim {
namespace {

DnsRecord a(const std::string& name, const char* ip) {
  DnsRecord r;
  r.name = name;
  r.type = dns_type::kA;
  r.a = *Ipv4Addr::parse(ip);
  return r;
}

TEST(DnsMessage, QueryHasTheRfc1035LayoutByteForByte) {
  DnsMessage q;
  q.id = 0x1234;
  q.question = "www.example.net.";
  std::vector<uint8_t> b = wire_bytes(q);
  const std::vector<uint8_t> expected = {
      0x12, 0x34, 0x01, 0x00, 0, 1,   0,   0,   0,   0,   0,   0,  // header: RD set, one question
      3,    'w',  'w',  'w',  7, 'e', 'x', 'a', 'm', 'p', 'l', 'e',
      3,    'n',  'e',  't',  0, 0,   1,   0,   1};  // A, IN
  EXPECT_EQ(b, expected);
}

TEST(DnsMessage, ResponseRoundTripsWithCompressedNames) {
  DnsMessage m;
  m.id = 7;
  m.response = true;
  m.recursion_available = true;
  m.question = "shop.example.net.";
  DnsRecord cname;
  cname.name = "shop.example.net.";
  cname.type = dns_type::kCname;
  cname.target = "www.example.net.";
  m.answers = {cname, a("www.example.net.", "203.0.113.10")};
  DnsRecord srv;
  srv.name = "_ssh._tcp.alice.example.org.";
  srv.type = dns_type::kSrv;
  srv.srv = DnsSrv{10, 5, 2201, "gw.example.org."};
  m.answers.push_back(srv);
  std::vector<uint8_t> b = wire_bytes(m);
  auto back = parse_dns(b);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(*back, m);
  // "example.net" is written once and pointed at afterwards (0xC0 pointers).
  size_t pointers = 0;
  for (size_t i = 12; i + 1 < b.size(); ++i)
    pointers += (b[i] & 0xC0) == 0xC0 && b[i + 1] < b.size();
  EXPECT_GT(pointers, 0u);
}

TEST(DnsMessage, NegativeAnswerCarriesTheSoa) {
  DnsMessage m;
  m.response = true;
  m.rcode = dns_rcode::kNxDomain;
  m.question = "nosuch.example.net.";
  DnsRecord soa;
  soa.name = "example.net.";
  soa.type = dns_type::kSoa;
  soa.soa = DnsSoa{"ns-1536.awsdns-00.co.uk.", "awsdns-hostmaster.amazon.com."};
  m.authority = {soa};
  auto back = parse_dns(wire_bytes(m));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->rcode, dns_rcode::kNxDomain);
  EXPECT_EQ(back->authority, m.authority);
}

TEST(DnsMessage, TruncatedBytesDoNotParse) {
  DnsMessage q;
  q.question = "www.example.net.";
  std::vector<uint8_t> b = wire_bytes(q);
  b.resize(b.size() - 3);
  EXPECT_FALSE(parse_dns(b).has_value());
}

TEST(DnsMessage, TypeNamesAndAbsoluteNames) {
  EXPECT_EQ(dns_type_of("srv"), dns_type::kSrv);
  EXPECT_EQ(dns_type_of("MX"), std::nullopt);
  EXPECT_EQ(dns_type_name(28), "TYPE28");
  EXPECT_EQ(dns_absolute("WWW.Example.NET"), "www.example.net.");
  EXPECT_EQ(dns_absolute("www.example.net."), "www.example.net.");
}

}  // namespace
}  // namespace vpcsim::sim
