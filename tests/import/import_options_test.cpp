// The options AWS has no notion of: listeners (tag and --listen) and internet hosts.
#include "tools/vpcsim/import/import_options.hpp"

#include <gtest/gtest.h>

namespace vpcsim::importer {
namespace {

namespace po = boost::program_options;

std::string listens(std::string_view text) {
  std::string error;
  auto list = parse_listen_list(text, error);
  if (!list) return "error: " + error;
  std::string out;
  for (const auto& l : *list) {
    out += (out.empty() ? "" : " ") +
           std::string(l.protocol == topo::Protocol::Udp ? "udp/" : "tcp/") +
           std::to_string(l.port);
  }
  return out;
}

TEST(ListenList, ReadsPortsWithOptionalProtocol) {
  EXPECT_EQ(listens("22,80"), "tcp/22 tcp/80");
  EXPECT_EQ(listens("tcp/22, udp/53"), "tcp/22 udp/53");
  EXPECT_EQ(listens("22 8080"), "tcp/22 tcp/8080");
  EXPECT_EQ(listens("22,22,tcp/22"), "tcp/22");  // duplicates collapse
}

TEST(ListenList, NoneMeansNoListener) { EXPECT_EQ(listens("none"), ""); }

TEST(ListenList, RejectsWhatIsNotAPort) {
  EXPECT_EQ(listens("ssh"),
            "error: has 'ssh', which is not a port (N, tcp/N or udp/N with N from 1 to 65535)");
  EXPECT_EQ(listens("0"),
            "error: has '0', which is not a port (N, tcp/N or udp/N with N from 1 to 65535)");
  EXPECT_EQ(listens("icmp/1"),
            "error: has 'icmp/1', which is not a port (N, tcp/N or udp/N with N from 1 to 65535)");
  EXPECT_EQ(listens(" , "), "error: is empty (give ports such as 22,80, or none)");
}

TEST(InternetHost, ReadsNameAddressAndPorts) {
  std::string error;
  auto h = parse_internet_host("repo=198.51.100.80:80,443", error);
  ASSERT_TRUE(h) << error;
  EXPECT_EQ(h->name, "repo");
  EXPECT_EQ(h->ip.str(), "198.51.100.80");
  ASSERT_EQ(h->listens.size(), 2u);
  EXPECT_EQ(h->listens[1].port, 443);
  auto plain = parse_internet_host("client=198.51.100.10", error);
  ASSERT_TRUE(plain);
  EXPECT_TRUE(plain->listens.empty());
}

TEST(InternetHost, RejectsBadValuesWithAReason) {
  std::string error;
  EXPECT_FALSE(parse_internet_host("client", error));
  EXPECT_EQ(error, "'client' is not NAME=IP[:PORTS] (e.g. client=198.51.100.10)");
  EXPECT_FALSE(parse_internet_host("client=10.0.0.5", error));
  EXPECT_EQ(error, "10.0.0.5 is a private (RFC 1918) address; internet hosts need public ones");
  EXPECT_FALSE(parse_internet_host("bad name=198.51.100.1", error));
  EXPECT_EQ(error, "name 'bad name' may only contain letters, digits, '_', '-' and '.'");
  EXPECT_FALSE(parse_internet_host("c=198.51.100.1:http", error));
  EXPECT_EQ(error,
            "ports of c: 'http' has 'http', which is not a port (N, tcp/N or udp/N with N from 1 "
            "to 65535)");
}

ImportOptions from_args(std::vector<std::string> args) {
  po::options_description d;
  add_import_options(d);
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(d).run(), vm);
  po::notify(vm);
  return import_options_from(vm);
}

TEST(ImportOptions, FromTheCommandLine) {
  ImportOptions o =
      from_args({"--internet-host", "a=198.51.100.1", "--internet-host", "b=198.51.100.2:443",
                 "--listen", "22", "--public-pool", "192.0.2.0/28", "--name", "plan"});
  ASSERT_EQ(o.internet_hosts.size(), 2u);
  EXPECT_EQ(o.internet_hosts[1].listens.size(), 1u);
  ASSERT_EQ(o.default_listens.size(), 1u);
  EXPECT_EQ(o.public_pool.str(), "192.0.2.0/28");
  EXPECT_EQ(o.topology_name, "plan");
  EXPECT_EQ(from_args({}).public_pool.str(), "203.0.113.0/24");
}

TEST(ImportOptions, RejectBadValues) {
  EXPECT_THROW(
      from_args({"--internet-host", "a=198.51.100.1", "--internet-host", "a=198.51.100.2"}),
      std::invalid_argument);
  EXPECT_THROW(from_args({"--public-pool", "10.0.0.0/24"}), std::invalid_argument);
  EXPECT_THROW(from_args({"--public-pool", "203.0.113.0"}), std::invalid_argument);
  EXPECT_THROW(from_args({"--name", "-x"}), std::invalid_argument);
  EXPECT_THROW(from_args({"--listen", "x"}), std::invalid_argument);
}

}  // namespace
}  // namespace vpcsim::importer
