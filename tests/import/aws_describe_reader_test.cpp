// AwsDescribeReader on the describe-* fixtures of tests/data/import and on small
// documents written for one behaviour each.
#include "tools/vpcsim/import/aws_describe_reader.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace vpcsim::importer {
namespace {

namespace fs = std::filesystem;
const fs::path kData = fs::path(VPCSIM_REPO_ROOT) / "tests/data/import";

template <class T>
const T& by_hint(const std::vector<T>& list, const std::string& hint) {
  auto it = std::find_if(list.begin(), list.end(), [&](const T& x) { return x.name_hint == hint; });
  EXPECT_NE(it, list.end()) << hint;
  return *it;
}

// A scratch directory holding the given files.
class DescribeDir : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("vpcsim-import-" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  void write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
  }
  std::optional<AwsModel> read() { return read_aws_describe({dir_.string()}, log_); }
  // The log without the directory's own path, which differs per machine.
  std::string rendered() {
    std::string out = log_.render();
    for (size_t at; (at = out.find(dir_.string())) != std::string::npos;)
      out.replace(at, dir_.string().size(), "DIR");
    return out;
  }
  fs::path dir_;
  ImportLog log_;
};

constexpr const char* kVpcs =
    R"({"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16",
                  "Tags": [{"Key": "Name", "Value": "prod"}]}]})";
constexpr const char* kSubnets = R"({"Subnets": [
  {"SubnetId": "subnet-1", "VpcId": "vpc-1", "CidrBlock": "10.0.1.0/24"},
  {"SubnetId": "subnet-2", "VpcId": "vpc-1", "CidrBlock": "10.0.2.0/24"}]})";

TEST(AwsDescribeReader, ReadsTheSmallServiceFixture) {
  ImportLog log;
  auto model = read_aws_describe({(kData / "small-service/aws").string()}, log);
  ASSERT_TRUE(model);
  EXPECT_EQ(log.render(), "");
  ASSERT_EQ(model->vpcs.size(), 1u);
  EXPECT_EQ(model->vpcs[0].name_hint, "prod");
  EXPECT_EQ(model->vpcs[0].cidr.str(), "10.0.0.0/16");
  EXPECT_EQ(model->subnets.size(), 3u);
  EXPECT_EQ(model->instances.size(), 5u);
  EXPECT_EQ(model->security_groups.size(), 6u);  // five plus the VPC's default group
  const Instance& nat = by_hint(model->instances, "nat");
  EXPECT_FALSE(nat.source_dest_check);
  ASSERT_TRUE(nat.public_address);
  EXPECT_TRUE(nat.public_address->elastic);  // from describe-addresses
  EXPECT_EQ(nat.public_address->ip->str(), "203.0.113.20");
  EXPECT_FALSE(nat.listens);  // no vpcsim:listen tag
  const Instance& db = by_hint(model->instances, "db");
  ASSERT_TRUE(db.listens);
  EXPECT_EQ(db.listens->size(), 2u);  // "22 3306"
  // The main table (local route only) is listed and marked; the others are associated.
  EXPECT_EQ(std::count_if(model->route_tables.begin(), model->route_tables.end(),
                          [](const RouteTable& t) { return t.main; }),
            1);
  EXPECT_EQ(model->route_table_associations.size(), 3u);
  const RouteTable& priv = by_hint(model->route_tables, "private-rt");
  ASSERT_EQ(priv.routes.size(), 1u);  // the local route is implicit
  EXPECT_EQ(priv.routes[0].kind, TargetKind::Instance);
  EXPECT_EQ(priv.routes[0].target, nat.key);
  const SecurityGroup& app = by_hint(model->security_groups, "app-sg");
  ASSERT_EQ(app.rules.size(), 3u);  // 22 from bastion-sg, 8080 from lb-sg, all out
  EXPECT_EQ(app.rules[0].group, by_hint(model->security_groups, "bastion-sg").key);
  EXPECT_FALSE(app.rules[2].inbound);
  EXPECT_TRUE(std::any_of(model->security_groups.begin(), model->security_groups.end(),
                          [](const SecurityGroup& g) { return g.is_default; }));
}

TEST(AwsDescribeReader, ReadsNaclsWithoutTheirStarRule) {
  ImportLog log;
  auto model = read_aws_describe({(kData / "public-private-nat/aws").string()}, log);
  ASSERT_TRUE(model);
  const Nacl& pub = by_hint(model->nacls, "public-acl");
  EXPECT_EQ(pub.rules.size(), 10u);  // the two 32767 "*" rules are the implicit deny
  auto icmp = std::find_if(pub.rules.begin(), pub.rules.end(),
                           [](const NaclRule& r) { return r.number == 160; });
  ASSERT_NE(icmp, pub.rules.end());
  EXPECT_EQ(icmp->protocol, topo::Protocol::Icmp);
  EXPECT_FALSE(icmp->inbound);
  ASSERT_EQ(model->nat_gateways.size(), 1u);
  EXPECT_EQ(model->nat_gateways[0].private_ip->str(), "10.0.0.20");
  EXPECT_EQ(model->nat_gateways[0].public_address->ip->str(), "203.0.113.20");
}

TEST_F(DescribeDir, MissingCallsAreWarningsButMissingVpcsIsAnError) {
  write("subnets.json", kSubnets);
  EXPECT_FALSE(read());
  EXPECT_EQ(rendered(),
            "DIR: error: no describe-vpcs output (a JSON object with \"Vpcs\") among the inputs: "
            "nothing to import [missing-describe]\n");
}

TEST_F(DescribeDir, WarnsForEveryDescribeCallNotGiven) {
  write("vpcs.json", kVpcs);
  ASSERT_TRUE(read());
  EXPECT_EQ(log_.warning_count(), 9u);
  EXPECT_NE(rendered().find("DIR: warning: no describe-route-tables output (a JSON object with "
                            "\"RouteTables\") found: assuming there are none [missing-describe]"),
            std::string::npos);
}

// AllowDnsResolutionFromRemoteVpc is per side in AWS, one attribute in vpcsim (docs/dns.md).
TEST_F(DescribeDir, PeeringDnsResolutionNeedsBothSides) {
  write("vpcs.json", R"({"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"},
                                  {"VpcId": "vpc-2", "CidrBlock": "10.1.0.0/16"}]})");
  auto side = [](const char* vpc, bool allow) {
    return std::string(R"({"VpcId": ")") + vpc +
           R"(", "PeeringOptions": {"AllowDnsResolutionFromRemoteVpc": )" +
           (allow ? "true" : "false") + "}}";
  };
  auto peering = [&](const char* id, bool requester, bool accepter) {
    return std::string(R"({"VpcPeeringConnectionId": ")") + id +
           R"(", "Status": {"Code": "active"}, "RequesterVpcInfo": )" + side("vpc-1", requester) +
           R"(, "AccepterVpcInfo": )" + side("vpc-2", accepter) + "}";
  };
  write("peerings.json", R"({"VpcPeeringConnections": [)" + peering("pcx-both", true, true) + ", " +
                             peering("pcx-one", false, true) + ", " +
                             peering("pcx-none", false, false) + "]}");
  auto model = read();
  ASSERT_TRUE(model) << rendered();
  ASSERT_EQ(model->peerings.size(), 3u);
  EXPECT_TRUE(model->peerings[0].dns_resolution);
  EXPECT_TRUE(model->peerings[0].notes.empty());
  EXPECT_FALSE(model->peerings[1].dns_resolution);
  ASSERT_EQ(model->peerings[1].notes.size(), 1u);
  EXPECT_NE(model->peerings[1].notes[0].find("accepter side only"), std::string::npos);
  EXPECT_FALSE(model->peerings[2].dns_resolution);
  EXPECT_TRUE(model->peerings[2].notes.empty());
}

TEST_F(DescribeDir, PagesOfOneCallAreMerged) {
  write("vpcs.json", kVpcs);
  write("subnets-1.json",
        R"({"Subnets": [{"SubnetId": "subnet-1", "VpcId": "vpc-1", "CidrBlock": "10.0.1.0/24"}],
          "NextToken": "abc"})");
  write("subnets-2.json",
        R"({"Subnets": [{"SubnetId": "subnet-2", "VpcId": "vpc-1", "CidrBlock": "10.0.2.0/24"}]})");
  auto model = read();
  ASSERT_TRUE(model);
  EXPECT_EQ(model->subnets.size(), 2u);
  EXPECT_NE(rendered().find(
                "DIR/subnets-1.json: warning: $.NextToken: the output is one page of several"),
            std::string::npos);
}

TEST_F(DescribeDir, BlackholeRoutesAndUnsupportedTargetsBecomeBlackholes) {
  write("vpcs.json", kVpcs);
  write("subnets.json", kSubnets);
  write("rt.json",
        R"({"RouteTables": [{"RouteTableId": "rtb-1", "VpcId": "vpc-1", "Associations": [],
    "Routes": [
    {"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"},
    {"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": "nat-gone", "State": "blackhole"},
    {"DestinationCidrBlock": "172.16.0.0/12", "GatewayId": "vgw-1", "State": "active"},
    {"DestinationCidrBlock": "10.9.0.0/16", "NetworkInterfaceId": "eni-9", "State": "active"},
    {"DestinationIpv6CidrBlock": "::/0", "EgressOnlyInternetGatewayId": "eigw-1",
     "State": "active"}]}]})");
  auto model = read();
  ASSERT_TRUE(model);
  const auto& routes = model->route_tables.at(0).routes;
  ASSERT_EQ(routes.size(), 3u);
  EXPECT_EQ(routes[0].kind, TargetKind::Blackhole);
  EXPECT_EQ(routes[0].note, "blackhole in AWS: its target nat-gone is gone");
  EXPECT_EQ(routes[1].kind, TargetKind::Blackhole);
  EXPECT_EQ(routes[2].kind, TargetKind::NetworkInterface);
  EXPECT_EQ(routes[2].target, "eni-9");
  std::string log = rendered();
  EXPECT_NE(
      log.find(
          "DIR/rt.json: warning: $.RouteTables[0].Routes[2] (rtb-1): route to 172.16.0.0/12 via "
          "vgw-1: this kind of target is not modelled; written as a blackhole route"),
      std::string::npos)
      << log;
  EXPECT_NE(
      log.find(
          "DIR/rt.json: warning: $.RouteTables[0].Routes[4] (rtb-1): route to IPv6 ::/0 skipped: "
          "vpcsim models IPv4 only [ipv6]"),
      std::string::npos)
      << log;
}

TEST_F(DescribeDir, SecurityGroupRulesExpandOnePerPeer) {
  write("vpcs.json", kVpcs);
  write("sg.json", R"({"SecurityGroups": [{"GroupId": "sg-1", "GroupName": "web", "VpcId": "vpc-1",
    "IpPermissions": [{"IpProtocol": "6", "FromPort": 0, "ToPort": 65535,
                       "IpRanges": [{"CidrIp": "10.0.0.0/8"}, {"CidrIp": "192.168.0.0/16"}],
                       "UserIdGroupPairs": [{"GroupId": "sg-1"}],
                       "Ipv6Ranges": [{"CidrIpv6": "::/0"}],
                       "PrefixListIds": [{"PrefixListId": "pl-1"}]}],
    "IpPermissionsEgress": []}]})");
  auto model = read();
  ASSERT_TRUE(model);
  const SecurityGroup& g = model->security_groups.at(0);
  ASSERT_EQ(g.rules.size(), 3u);
  EXPECT_EQ(g.rules[0].protocol, topo::Protocol::Tcp);
  EXPECT_EQ(g.rules[0].ports, (topo::PortRange{1, 65535}));
  EXPECT_EQ(g.rules[1].cidr->str(), "192.168.0.0/16");
  EXPECT_EQ(g.rules[2].group, "sg-1");
  std::string log = rendered();
  EXPECT_NE(log.find("$.SecurityGroups[0].IpPermissions[0].Ipv6Ranges[0] (sg-1): inbound rule for "
                     "IPv6 ::/0 skipped"),
            std::string::npos);
  EXPECT_NE(log.find("$.SecurityGroups[0].IpPermissions[0].PrefixListIds[0] (sg-1): inbound rule "
                     "for prefix list "
                     "pl-1 skipped: prefix lists are not modelled [prefix-list]"),
            std::string::npos);
}

TEST_F(DescribeDir, WrongTypesAreErrorsWithTheirPath) {
  write("vpcs.json",
        R"({"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": 5}, {"CidrBlock": "10.1.0.0/16"}]})");
  write("sg.json",
        R"({"SecurityGroups": [{"GroupId": "sg-1", "VpcId": "vpc-1", "IpPermissions": {}}]})");
  read();
  std::string log = rendered();
  EXPECT_NE(log.find("DIR/vpcs.json: error: $.Vpcs[0].CidrBlock (vpc-1): expected a string, found "
                     "number [bad-field]"),
            std::string::npos)
      << log;
  EXPECT_NE(
      log.find("DIR/vpcs.json: error: $.Vpcs[1].VpcId: missing: expected a string [missing-field]"),
      std::string::npos);
  EXPECT_NE(
      log.find(
          "DIR/sg.json: error: $.SecurityGroups[0].IpPermissions (sg-1): expected an array, found "
          "object [bad-field]"),
      std::string::npos);
  EXPECT_EQ(log_.error_count(), 3u);
}

TEST_F(DescribeDir, ElasticIpsAttachByInstanceOrInterface) {
  write("vpcs.json", kVpcs);
  write("subnets.json", kSubnets);
  write("instances.json", R"({"Reservations": [{"Instances": [
    {"InstanceId": "i-1", "SubnetId": "subnet-1", "PrivateIpAddress": "10.0.1.10",
     "PublicIpAddress": "198.51.100.1", "NetworkInterfaces": [{"NetworkInterfaceId": "eni-1",
       "Attachment": {"DeviceIndex": 0},
       "Association": {"IpOwnerId": "amazon", "PublicIp": "198.51.100.1"}}]},
    {"InstanceId": "i-2", "SubnetId": "subnet-1", "PrivateIpAddress": "10.0.1.11",
     "NetworkInterfaces": [{"NetworkInterfaceId": "eni-2",
                            "Attachment": {"DeviceIndex": 0}}]}]}]})");
  write("addresses.json", R"({"Addresses": [
    {"PublicIp": "198.51.100.9", "AllocationId": "eipalloc-9", "NetworkInterfaceId": "eni-2"},
    {"PublicIp": "198.51.100.8", "AllocationId": "eipalloc-8"}]})");
  auto model = read();
  ASSERT_TRUE(model);
  const Instance& auto_ip = model->instances.at(0);
  EXPECT_FALSE(auto_ip.public_address->elastic);  // owned by "amazon"
  const Instance& eip = model->instances.at(1);
  ASSERT_TRUE(eip.public_address);
  EXPECT_TRUE(eip.public_address->elastic);
  EXPECT_EQ(eip.public_address->ip->str(), "198.51.100.9");
  EXPECT_NE(
      rendered().find("$.Addresses[1] (eipalloc-8): elastic IP 198.51.100.8 is not associated with "
                      "anything: nothing to model [unassociated-address]"),
      std::string::npos);
}

}  // namespace
}  // namespace vpcsim::importer
