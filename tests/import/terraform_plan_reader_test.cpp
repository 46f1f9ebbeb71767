// TerraformPlanReader on the plan fixtures: what each resource type becomes, and
// what is reported rather than dropped.
#include "tools/vpcsim/import/terraform_plan_reader.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace vpcsim::importer {
namespace {

namespace fs = std::filesystem;
const fs::path kData = fs::path(VPCSIM_REPO_ROOT) / "tests/data/import";

struct Read {
  AwsModel model;
  std::string log;
};

Read read(const std::string& scenario) {
  ImportLog log;
  auto doc = JsonDocument::load((kData / scenario / "plan.json").string(), "plan.json", log);
  EXPECT_TRUE(doc);
  auto plan = TerraformPlan::index(*doc, log);
  EXPECT_TRUE(plan);
  AwsModel model = read_terraform_plan(*plan, "plan.json", log);
  return Read{std::move(model), log.render()};
}

template <class T>
const T& by_key(const std::vector<T>& list, const std::string& key) {
  auto it = std::find_if(list.begin(), list.end(), [&](const T& x) { return x.key == key; });
  EXPECT_NE(it, list.end()) << key;
  return *it;
}

TEST(TerraformPlanReader, SmallServiceHasNoWarnings) {
  Read r = read("small-service");
  EXPECT_EQ(r.log, "");
  EXPECT_EQ(r.model.vpcs.size(), 1u);
  EXPECT_EQ(r.model.subnets.size(), 3u);
  EXPECT_EQ(r.model.instances.size(), 5u);
  EXPECT_EQ(r.model.route_table_associations.size(), 3u);
}

TEST(TerraformPlanReader, RuleResourcesJoinTheirGroup) {
  Read r = read("small-service");
  const SecurityGroup& app = by_key(r.model.security_groups, "aws_security_group.app");
  ASSERT_EQ(app.rules.size(), 3u);     // two aws_vpc_security_group_ingress_rule, one egress
  EXPECT_EQ(app.name_hint, "app-sg");  // the group's name: it has no Name tag
  const SecurityGroup& db = by_key(r.model.security_groups, "aws_security_group.db");
  ASSERT_EQ(db.rules.size(), 3u);  // aws_security_group_rule
  auto mysql = std::find_if(db.rules.begin(), db.rules.end(), [](const SgRule& x) {
    return x.ports == topo::PortRange{3306, 3306};
  });
  ASSERT_NE(mysql, db.rules.end());
  EXPECT_EQ(mysql->group, "aws_security_group.app");
  EXPECT_TRUE(mysql->inbound);
}

TEST(TerraformPlanReader, RouteToAnInstanceInterfaceNamesTheInstance) {
  Read r = read("small-service");
  const RouteTable& priv = by_key(r.model.route_tables, "aws_route_table.private");
  ASSERT_EQ(priv.routes.size(), 1u);
  EXPECT_EQ(priv.routes[0].kind, TargetKind::Instance);
  EXPECT_EQ(priv.routes[0].target, "aws_instance.nat");
  const Instance& nat = by_key(r.model.instances, "aws_instance.nat");
  EXPECT_FALSE(nat.source_dest_check);
  EXPECT_EQ(nat.public_address->ip->str(), "203.0.113.20");
  EXPECT_TRUE(nat.public_address->elastic);
  EXPECT_FALSE(nat.listens);
  const Instance& app = by_key(r.model.instances, "aws_instance.app");
  ASSERT_TRUE(app.listens);
  EXPECT_EQ(app.listens->size(), 2u);
}

TEST(TerraformPlanReader, TerraformGroupsHaveOnlyTheEgressTheyConfigure) {
  Read r = read("public-private-nat");
  const SecurityGroup& web = by_key(r.model.security_groups, "aws_security_group.web");
  auto egress =
      std::count_if(web.rules.begin(), web.rules.end(), [](const SgRule& x) { return !x.inbound; });
  EXPECT_EQ(egress, 1);  // 3306 to db-sg, from aws_vpc_security_group_egress_rule
  const SecurityGroup& db = by_key(r.model.security_groups, "aws_security_group.db");
  // The inline rule naming web-sg: one group in the merged list, resolved exactly.
  ASSERT_FALSE(db.rules.empty());
  EXPECT_EQ(db.rules[0].group, "aws_security_group.web");
}

TEST(TerraformPlanReader, NatGatewayTakesItsElasticIpThroughTheAllocation) {
  Read r = read("public-private-nat");
  ASSERT_EQ(r.model.nat_gateways.size(), 1u);
  const NatGateway& nat = r.model.nat_gateways[0];
  EXPECT_EQ(nat.private_ip->str(), "10.0.0.20");
  EXPECT_EQ(nat.public_address->ip->str(), "203.0.113.20");
  EXPECT_EQ(nat.subnet, "aws_subnet.public");
}

TEST(TerraformPlanReader, NaclRulesFromForEachAndAssociations) {
  Read r = read("public-private-nat");
  EXPECT_EQ(by_key(r.model.nacls, "aws_network_acl.private").rules.size(), 7u);
  EXPECT_EQ(by_key(r.model.nacls, "aws_network_acl.public").rules.size(), 10u);
  ASSERT_EQ(r.model.nacl_associations.size(), 2u);  // subnet_ids and aws_network_acl_association
}

TEST(TerraformPlanReader, PublicIpsAssignedAtLaunchAreUnknown) {
  Read r = read("four-public-subnets");
  EXPECT_EQ(r.log, "");
  const Instance& web = by_key(r.model.instances, "aws_instance.web[\"b\"]");
  ASSERT_TRUE(web.public_address);
  EXPECT_FALSE(web.public_address->ip);  // AWS picks it at launch
  EXPECT_FALSE(web.public_address->elastic);
  EXPECT_EQ(web.groups, (std::vector<std::string>{"aws_security_group.web",
                                                  "aws_vpc.default_vpc#default-security-group"}));
  const Instance& internal = by_key(r.model.instances, "aws_instance.internal");
  EXPECT_FALSE(internal.public_address);  // associate_public_ip_address = false
  EXPECT_TRUE(internal.groups.empty());
  EXPECT_TRUE(by_key(r.model.route_tables, "aws_route_table.main").main);
}

TEST(TerraformPlanReader, ModulesAndPeerings) {
  Read r = read("peering");
  EXPECT_EQ(r.log, "");
  ASSERT_EQ(r.model.peerings.size(), 2u);
  EXPECT_EQ(r.model.peerings[0].requester_vpc, "module.a.aws_vpc.this");
  EXPECT_EQ(r.model.peerings[0].accepter_vpc, "module.b.aws_vpc.this");
  const RouteTable& b = by_key(r.model.route_tables, "module.b.aws_route_table.this[\"b-one\"]");
  ASSERT_EQ(b.routes.size(), 2u);
  EXPECT_EQ(b.routes[0].target, "aws_vpc_peering_connection.ab");
  EXPECT_EQ(b.routes[1].target, "aws_vpc_peering_connection.bc");
  EXPECT_EQ(by_key(r.model.instances, "module.a.aws_instance.this[\"a2\"]").subnet,
            "module.a.aws_subnet.this[\"a-two\"]");
}

// requester/accepter { allow_remote_vpc_dns_resolution }: both on gives dns-resolution="true",
// one side only is imported as off with a note (docs/dns.md: one attribute in vpcsim).
TEST(TerraformPlanReader, PeeringDnsResolutionFromTheSideBlocks) {
  std::stringstream text;
  text << std::ifstream(kData / "peering" / "plan.json").rdbuf();
  std::string plan = text.str();
  auto set_sides = [&](const std::string& name, bool requester, bool accepter) {
    const std::string at = R"("values":{"auto_accept":true,"tags":{"Name":")" + name + R"("})";
    const size_t pos = plan.find(at);
    ASSERT_NE(pos, std::string::npos) << at;
    auto side = [](bool allow) {
      return std::string(R"([{"allow_remote_vpc_dns_resolution":)") + (allow ? "true" : "false") +
             "}]";
    };
    plan.insert(pos + at.size(),
                R"(,"requester":)" + side(requester) + R"(,"accepter":)" + side(accepter));
  };
  set_sides("pcx-ab", true, true);
  set_sides("pcx-bc", true, false);
  const fs::path file = fs::temp_directory_path() / "vpcsim-tf-peering-dns.json";
  std::ofstream(file) << plan;
  ImportLog log;
  auto doc = JsonDocument::load(file.string(), "plan.json", log);
  fs::remove(file);
  ASSERT_TRUE(doc) << log.render();
  auto index = TerraformPlan::index(*doc, log);
  ASSERT_TRUE(index) << log.render();
  AwsModel model = read_terraform_plan(*index, "plan.json", log);
  const Peering& ab = by_key(model.peerings, "aws_vpc_peering_connection.ab");
  const Peering& bc = by_key(model.peerings, "aws_vpc_peering_connection.bc");
  EXPECT_TRUE(ab.dns_resolution);
  EXPECT_FALSE(bc.dns_resolution);
  ASSERT_EQ(bc.notes.size(), 1u);
  EXPECT_NE(bc.notes[0].find("requester side only"), std::string::npos) << bc.notes[0];
}

TEST(TerraformPlanReader, EdgeCasesAreReportedWithTheirPath) {
  Read r = read("edge-cases");
  for (const char* expected : {
           "plan.json: warning: $.planned_values.root_module.resources[9] (aws_lb.web): resource "
           "type not "
           "supported: skipped [unsupported-resource]",
           "(aws_vpc.hub): IPv6 CIDR skipped: vpcsim models IPv4 only [ipv6]",
           "(aws_route_table.front): route to 192.168.0.0/16 via aws_vpn_gateway.hub: this kind of "
           "target "
           "is not modelled; written as a blackhole route",
           "(aws_security_group.mixed): the inline ingress rules name groups unknown until apply, "
           "and the "
           "plan lists them for all blocks together (aws_security_group.admin, "
           "aws_security_group.app)",
           "(aws_vpc_security_group_ingress_rule.mixed_s3): ingress rule for a prefix list skipped",
           "(aws_network_acl_rule.front_esp): rule 90 for IP protocol 50 skipped",
           "(aws_instance.web[1]): tag vpcsim:listen='http' has 'http', which is not a port",
       }) {
    EXPECT_NE(r.log.find(expected), std::string::npos) << expected << "\n" << r.log;
  }
  // Two inline peering routes, told apart by the peer VPC holding the destination.
  const RouteTable& front = by_key(r.model.route_tables, "aws_route_table.front");
  std::vector<std::string> targets;
  for (const Route& route : front.routes)
    targets.push_back(route.destination.str() + ">" + route.target);
  EXPECT_EQ(targets, (std::vector<std::string>{"0.0.0.0/0>aws_internet_gateway.hub",
                                               "10.20.0.0/16>aws_vpc_peering_connection.east",
                                               "10.30.0.0/16>aws_vpc_peering_connection.west",
                                               "192.168.0.0/16>"}));
  EXPECT_EQ(front.routes[3].kind, TargetKind::Blackhole);
  // aws_default_security_group is the VPC's default group, with its rules only.
  const SecurityGroup& def = by_key(r.model.security_groups, "aws_vpc.hub#default-security-group");
  EXPECT_TRUE(def.is_default);
  ASSERT_EQ(def.rules.size(), 1u);
  EXPECT_EQ(def.rules[0].group, def.key);  // self = true
  const Instance& web0 = by_key(r.model.instances, "aws_instance.web[0]");
  EXPECT_FALSE(web0.private_ip);  // chosen by the writer
  ASSERT_TRUE(web0.public_address);
  EXPECT_TRUE(web0.public_address->elastic);
  EXPECT_FALSE(web0.public_address->ip);  // aws_eip without address
}

}  // namespace
}  // namespace vpcsim::importer
