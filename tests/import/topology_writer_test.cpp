// TopologyWriter: models built here become XML that the real loader reads and
// the validator accepts, with the choices the writer makes written down.
#include "tools/vpcsim/import/topology_writer.hpp"

#include <gtest/gtest.h>

#include "topology/validate.hpp"
#include "topology/xml_loader.hpp"

namespace vpcsim::importer {
namespace {

sim::Ipv4Addr ip(const char* s) { return *sim::Ipv4Addr::parse(s); }
sim::Prefix net(const char* s) { return *sim::Prefix::parse(s); }
Origin origin(const std::string& id) { return Origin{"in.json", "$.x", id}; }

// One VPC, one subnet, an internet gateway: what most tests start from.
AwsModel base() {
  AwsModel m;
  m.vpcs.push_back(Vpc{{"vpc-1", "prod", origin("vpc-1"), {}}, net("10.0.0.0/16")});
  m.subnets.push_back(
      Subnet{{"subnet-1", "public", origin("subnet-1"), {}}, "vpc-1", net("10.0.1.0/24"), false});
  m.internet_gateways.push_back(InternetGateway{{"igw-1", "igw", origin("igw-1"), {}}, "vpc-1"});
  return m;
}

Instance instance(const std::string& key, const std::string& name,
                  std::optional<sim::Ipv4Addr> addr) {
  Instance in;
  in.key = key;
  in.name_hint = name;
  in.origin = origin(key);
  in.subnet = "subnet-1";
  in.private_ip = addr;
  return in;
}

struct Written {
  std::string xml;
  std::string warnings;
  topo::TopologySpec spec;
  std::string lint;
};

Written write(const AwsModel& m, ImportOptions options = {}) {
  ImportLog log;
  options.topology_name = "t";
  Written w;
  w.xml = write_topology(m, options, "test", log);
  w.warnings = log.render();
  topo::Diagnostics diags;
  auto spec = topo::load_topology_string(w.xml, "out.xml", diags);
  EXPECT_TRUE(spec) << w.xml;
  if (spec && !diags.has_errors()) diags.append(topo::validate(*spec));
  w.lint = diags.render();
  if (spec) w.spec = std::move(*spec);
  return w;
}

const topo::InstanceSpec& inst(const Written& w, const std::string& name) {
  for (const auto& i : w.spec.vpcs.at(0).instances) {
    if (i.name == name) return i;
  }
  ADD_FAILURE() << "no instance " << name << "\n" << w.xml;
  return w.spec.vpcs.at(0).instances.at(0);
}

TEST(TopologyWriter, WritesWhatTheLoaderReadsAndLintAccepts) {
  AwsModel m = base();
  m.instances.push_back(instance("i-1", "web", ip("10.0.1.10")));
  m.instances[0].public_address = PublicAddress{ip("203.0.113.7"), true, "eipalloc-1"};
  m.instances[0].listens = std::vector<topo::ListenSpec>{{{}, topo::Protocol::Tcp, 443}};
  ImportOptions o;
  o.internet_hosts.push_back(InternetHostOption{"client", ip("198.51.100.10"), {}});
  Written w = write(m, o);
  EXPECT_EQ(w.warnings, "");
  EXPECT_EQ(w.lint, "");
  const auto& web = inst(w, "web");
  EXPECT_EQ(web.subnet, "public");
  EXPECT_EQ(web.ip.str(), "10.0.1.10");
  EXPECT_EQ(web.elastic_ip->str(), "203.0.113.7");
  ASSERT_EQ(web.listens.size(), 1u);
  EXPECT_EQ(web.listens[0].port, 443);
  ASSERT_TRUE(w.spec.internet);
  EXPECT_EQ(w.spec.internet->hosts.at(0).name, "client");
  EXPECT_NE(w.xml.find("\n      i-1\n"), std::string::npos) << w.xml;  // the origin, for the reader
  EXPECT_NE(w.xml.find("elastic IP eipalloc-1"), std::string::npos);
}

TEST(TopologyWriter, OutputIsDeterministic) {
  AwsModel m = base();
  m.instances.push_back(instance("i-1", "a", std::nullopt));
  m.instances.push_back(instance("i-2", "a", std::nullopt));
  EXPECT_EQ(write(m).xml, write(m).xml);
}

TEST(TopologyWriter, UnknownPrivateIpsGetTheLowestFreeAddresses) {
  AwsModel m = base();
  m.instances.push_back(instance("i-1", "a", std::nullopt));
  m.instances.push_back(instance("i-2", "b", ip("10.0.1.5")));
  m.instances.push_back(instance("i-3", "c", std::nullopt));
  Written w = write(m);
  EXPECT_EQ(w.lint, "");
  EXPECT_EQ(inst(w, "a").ip.str(), "10.0.1.4");  // .0 to .3 are AWS's
  EXPECT_EQ(inst(w, "c").ip.str(), "10.0.1.6");
  EXPECT_NE(w.xml.find("private IP unknown until apply: 10.0.1.4 chosen (the lowest free address "
                       "of subnet public)"),
            std::string::npos);
}

TEST(TopologyWriter, UnknownPublicIpsComeFromThePoolAvoidingKnownOnes) {
  AwsModel m = base();
  m.instances.push_back(instance("i-1", "a", ip("10.0.1.10")));
  m.instances.push_back(instance("i-2", "b", ip("10.0.1.11")));
  m.instances[0].public_address = PublicAddress{std::nullopt, false, ""};
  m.instances[1].public_address = PublicAddress{ip("203.0.113.2"), false, ""};
  ImportOptions o;
  o.internet_hosts.push_back(InternetHostOption{"client", ip("203.0.113.1"), {}});
  Written w = write(m, o);
  EXPECT_EQ(w.lint, "");
  EXPECT_EQ(inst(w, "a").elastic_ip->str(), "203.0.113.3");
  EXPECT_NE(w.xml.find("public-pool 203.0.113.0/24 (for 1 public IP unknown until apply)"),
            std::string::npos);
}

TEST(TopologyWriter, PublicIpInAVpcWithoutInternetGatewayIsLeftOut) {
  AwsModel m = base();
  m.internet_gateways.clear();
  m.instances.push_back(instance("i-1", "a", ip("10.0.1.10")));
  m.instances[0].public_address = PublicAddress{ip("203.0.113.9"), false, ""};
  Written w = write(m);
  EXPECT_EQ(w.lint, "");
  EXPECT_FALSE(inst(w, "a").elastic_ip);
  EXPECT_EQ(
      w.warnings,
      "in.json: warning: $.x (i-1): public IP left out: VPC prod has no internet gateway to map it "
      "[public-ip-without-igw]\n");
}

TEST(TopologyWriter, InfersANatInstanceFromSourceDestCheckAndARoute) {
  AwsModel m = base();
  m.instances.push_back(instance("i-nat", "nat", ip("10.0.1.20")));
  m.instances[0].source_dest_check = false;
  m.instances[0].interfaces = {"eni-nat"};
  RouteTable t;
  t.key = "rtb-1";
  t.name_hint = "private-rt";
  t.origin = origin("rtb-1");
  t.vpc = "vpc-1";
  t.routes.push_back(
      Route{origin("rtb-1"), net("0.0.0.0/0"), TargetKind::NetworkInterface, "eni-nat", ""});
  m.route_tables.push_back(t);
  Written w = write(m);
  EXPECT_EQ(w.lint, "");
  const auto& nat = inst(w, "nat");
  EXPECT_FALSE(nat.source_dest_check);
  EXPECT_EQ(nat.masquerades.size(), 1u);
  EXPECT_EQ(w.spec.vpcs[0].route_tables.at(0).routes.at(0).target, "nat");
  EXPECT_NE(
      w.xml.find(
          "NAT instance (inferred): source/dest check is off and route table private-rt sends "
          "0.0.0.0/0 to it"),
      std::string::npos);
}

TEST(TopologyWriter, NoMasqueradeWhenTheSourceDestCheckIsOn) {
  AwsModel m = base();
  m.instances.push_back(instance("i-r", "router", ip("10.0.1.20")));
  RouteTable t;
  t.key = "rtb-1";
  t.origin = origin("rtb-1");
  t.vpc = "vpc-1";
  t.routes.push_back(Route{origin("rtb-1"), net("10.9.0.0/16"), TargetKind::Instance, "i-r", ""});
  m.route_tables.push_back(t);
  Written w = write(m);
  EXPECT_TRUE(inst(w, "router").masquerades.empty());
  EXPECT_NE(w.lint.find("[nat-instance-source-dest-check]"), std::string::npos) << w.lint;
}

TEST(TopologyWriter, RouteToATargetNotImportedIsABlackholeWithAWarning) {
  AwsModel m = base();
  RouteTable t;
  t.key = "rtb-1";
  t.origin = origin("rtb-1");
  t.vpc = "vpc-1";
  t.routes.push_back(
      Route{origin("rtb-1"), net("10.9.0.0/16"), TargetKind::Peering, "pcx-gone", ""});
  t.routes.push_back(
      Route{origin("rtb-1"), net("10.0.0.0/16"), TargetKind::InternetGateway, "igw-1", ""});
  m.route_tables.push_back(t);
  Written w = write(m);
  EXPECT_EQ(w.lint, "");
  const auto& routes = w.spec.vpcs[0].route_tables.at(0).routes;
  ASSERT_EQ(routes.size(), 1u);  // the VPC's own CIDR is the implicit local route
  EXPECT_EQ(routes[0].target, "blackhole");
  EXPECT_EQ(
      w.warnings,
      "in.json: warning: $.x (rtb-1): route to 10.9.0.0/16: target peering pcx-gone is not in the "
      "imported VPC: written as a blackhole route [unresolved-reference]\n");
}

TEST(TopologyWriter, PeeringDnsResolutionIsWrittenOnlyWhenOn) {
  AwsModel m = base();
  m.vpcs.push_back(Vpc{{"vpc-2", "shared", origin("vpc-2"), {}}, net("10.1.0.0/16")});
  m.vpcs.push_back(Vpc{{"vpc-3", "legacy", origin("vpc-3"), {}}, net("10.2.0.0/16")});
  Peering on;
  on.key = "pcx-on";
  on.name_hint = "prod-shared";
  on.origin = origin("pcx-on");
  on.requester_vpc = "vpc-1";
  on.accepter_vpc = "vpc-2";
  on.dns_resolution = true;
  Peering off = on;
  off.key = "pcx-off";
  off.name_hint = "prod-legacy";
  off.origin = origin("pcx-off");
  off.accepter_vpc = "vpc-3";
  off.dns_resolution = false;
  m.peerings = {on, off};
  Written w = write(m);
  ASSERT_EQ(w.spec.peerings.size(), 2u) << w.xml;
  EXPECT_TRUE(w.spec.peerings[0].dns_resolution) << w.xml;
  EXPECT_FALSE(w.spec.peerings[1].dns_resolution) << w.xml;
  EXPECT_EQ(w.lint, "");
}

TEST(TopologyWriter, DefaultGroupIsCalledDefaultAndNamesStayUnique) {
  AwsModel m = base();
  SecurityGroup def;
  def.key = "sg-d";
  def.name_hint = "default";
  def.origin = origin("sg-d");
  def.vpc = "vpc-1";
  def.is_default = true;
  def.rules.push_back(
      SgRule{origin("sg-d"), true, topo::Protocol::All, {}, std::nullopt, "sg-d", ""});
  SecurityGroup other = def;
  other.key = "sg-o";
  other.is_default = false;  // a group someone named "default" in another way
  other.rules.clear();
  m.security_groups = {other, def};
  m.instances.push_back(instance("i-1", "a", ip("10.0.1.10")));
  m.instances[0].groups = {"sg-d", "sg-o", "sg-missing"};
  Written w = write(m);
  EXPECT_EQ(w.lint, "");
  EXPECT_EQ(inst(w, "a").security_groups, (std::vector<std::string>{"default", "default-2"}));
  const auto& groups = w.spec.vpcs[0].security_groups;
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0].name, "default-2");
  EXPECT_FALSE(groups[0].default_outbound);  // no egress rule listed: none
  EXPECT_EQ(groups[1].rules.at(0).group, "default");
  EXPECT_EQ(
      w.warnings,
      "in.json: warning: $.x (i-1): security group sg-missing of instance a was not imported: left "
      "out [unresolved-reference]\n");
}

TEST(TopologyWriter, ObjectsOfAVpcNotImportedAreSkippedWithAWarning) {
  AwsModel m = base();
  m.subnets.push_back(
      Subnet{{"subnet-9", "far", origin("subnet-9"), {}}, "vpc-9", net("10.9.1.0/24"), false});
  Written w = write(m);
  EXPECT_EQ(w.spec.vpcs.at(0).subnets.size(), 1u);
  EXPECT_EQ(
      w.warnings,
      "in.json: warning: $.x (subnet-9): subnet belongs to VPC vpc-9, which was not imported: "
      "skipped [unresolved-reference]\n");
}

TEST(TopologyWriter, CommentsStayValidXmlWhateverTheNames) {
  AwsModel m = base();
  m.vpcs[0].notes.push_back("a tag with -- inside, and ending in -");
  m.vpcs[0].origin.id = "vpc--1-";
  Written w = write(m);
  EXPECT_EQ(w.lint, "");
  EXPECT_EQ(w.xml.find("--1"), std::string::npos);
}

}  // namespace
}  // namespace vpcsim::importer
