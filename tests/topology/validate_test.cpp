#include "topology/validate.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "topology/xml_loader.hpp"

namespace vpcsim::topo {
namespace {

// Loads `xml` (which must load cleanly) and validates it; returns the sorted
// rendered diagnostics.
std::string lint(std::string_view xml) {
  Diagnostics d;
  auto spec = load_topology_string(xml, "t.xml", d);
  if (!spec || d.has_errors()) return "LOAD FAILED:\n" + d.render();
  Diagnostics v = validate(*spec);
  v.sort();
  return v.render();
}

std::vector<std::string> codes(std::string_view xml) {
  Diagnostics d;
  auto spec = load_topology_string(xml, "t.xml", d);
  if (!spec || d.has_errors()) return {"LOAD FAILED: " + d.render()};
  Diagnostics v = validate(*spec);
  v.sort();
  std::vector<std::string> out;
  for (const Diagnostic& x : v.items()) out.push_back(x.code);
  return out;
}

std::string lan(std::string_view body) {
  return "<topology name='t'><network name='lan'>\n" + std::string(body) +
         "\n</network></topology>";
}

std::string vpc(std::string_view body, std::string_view after = "") {
  return "<topology name='t'><vpc name='prod' cidr='10.0.0.0/16'>\n" + std::string(body) +
         "\n</vpc>" + std::string(after) + "</topology>";
}

using Codes = std::vector<std::string>;

TEST(Validate, DesignDocumentExampleHasNoDiagnostics) {
  std::ifstream in(std::string(VPCSIM_REPO_ROOT) + "/tests/data/good/design_example.xml");
  ASSERT_TRUE(in);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(lint(text.str()), "");
}

// ---- classic networks ---------------------------------------------------------

TEST(Validate, LinkEndWithoutInterfaceMeansTheOnlyInterface) {
  EXPECT_EQ(lint(lan(R"(<host name="pc1" ip="10.0.0.1/24"/><host name="pc2" ip="10.0.0.2/24"/>
                        <link a="pc1" b="pc2"/>)")),
            "");
}

TEST(Validate, UnknownDeviceListsKnownDevicesAndSuggestsTheClosest) {
  EXPECT_EQ(lint(lan(R"(<host name="pc1" ip="10.0.0.1/24"/><switch name="sw-a"/>
<router name="rtr1"><interface name="eth0" ip="10.0.0.254/24"/></router><switch name="gw"/>
<link a="pc1" b="sw-a"/>
<link a="rtr-1:eth0" b="sw-a"/>)")),
            "t.xml:5:1: error: link rtr-1:eth0 -- sw-a: no device 'rtr-1' in network 'lan' "
            "[unknown-device]\n"
            "t.xml:5:1: note: did you mean 'rtr1'?\n"
            "t.xml:5:1: note: known devices in network 'lan': 'gw', 'pc1', 'rtr1', 'sw-a'\n");
}

TEST(Validate, LinksResolveOnlyWithinTheirOwnNetwork) {
  auto text = lint(R"(<topology name="t">
<network name="a"><host name="pc1" ip="10.0.0.1/24"/></network>
<network name="b"><host name="pc2" ip="10.0.0.2/24"/><link a="pc2" b="pc1"/></network>
</topology>)");
  EXPECT_NE(text.find("no device 'pc1' in network 'b' (it is in network 'a'; links join devices "
                      "of one network) [unknown-device]"),
            std::string::npos)
      << text;
}

TEST(Validate, SeparateNetworksMayReuseAddresses) {
  EXPECT_EQ(lint(R"(<topology name="t">
<network name="a"><host name="a1" ip="10.0.0.1/24"/><host name="a2" ip="10.0.0.2/24"/><link a="a1" b="a2"/></network>
<network name="b"><host name="b1" ip="10.0.0.1/24"/><host name="b2" ip="10.0.0.2/24"/><link a="b1" b="b2"/></network>
</topology>)"),
            "");
}

TEST(Validate, InterfaceUsedByTwoLinksIsPortInUse) {
  EXPECT_EQ(codes(lan(R"(<host name="pc1" ip="10.0.0.1/24"/><switch name="s1"/><switch name="s2"/>
<link a="pc1" b="s1"/><link a="pc1:eth0" b="s2"/>)")),
            Codes{"port-in-use"});
}

TEST(Validate, SwitchEndMustNotNameAnInterfaceAndMultiInterfaceEndMust) {
  EXPECT_EQ(codes(lan(R"(<host name="pc1" ip="10.0.0.1/24"/><switch name="s1"/>
<router name="r"><interface name="a" ip="10.0.0.254/24"/><interface name="b" ip="10.1.0.1/24"/></router>
<link a="pc1" b="s1:1"/><link a="r" b="s1"/>)")),
            (Codes{"bad-link-end", "bad-link-end"}));
}

TEST(Validate, HostWithoutLinkIsAnErrorAndUnlinkedRouterInterfaceAWarning) {
  auto text = lint(lan(R"(<host name="pc1" ip="10.0.0.1/24"/>
<router name="r"><interface name="a" ip="10.0.0.254/24"/><interface name="b" ip="10.1.0.1/24"/></router>
<host name="pc2" ip="10.0.0.2/24" gateway="10.0.0.254"/><switch name="s"/>
<link a="pc2" b="s"/><link a="r:a" b="s"/>)"));
  EXPECT_EQ(text,
            "t.xml:2:1: error: host 'pc1' has no link; connect it with <link a=\"pc1\" b=\"...\"/> "
            "[host-not-linked]\n"
            "t.xml:3:58: warning: router 'r': interface b (10.1.0.1/24) has no link "
            "[unlinked-interface]\n");
}

TEST(Validate, GatewayMustBeOnAnInterfaceSubnet) {
  EXPECT_EQ(codes(lan(R"(<host name="pc1" gateway="10.1.0.1" ip="10.0.0.1/24"/><switch name="s"/>
<link a="pc1" b="s"/>)")),
            Codes{"gateway-off-subnet"});
}

TEST(Validate, GatewayOnAnotherInterfaceSubnetIsFine) {
  EXPECT_EQ(codes(lan(R"(<host name="pc1">
  <interface name="eth0" ip="10.0.0.1/24" gateway="10.1.0.254"/>
  <interface name="eth1" ip="10.1.0.1/24"/>
</host>
<router name="r"><interface name="eth0" ip="10.1.0.254/24"/></router>
<host name="pc2" ip="10.0.0.2/24"/>
<link a="pc1:eth0" b="pc2"/><link a="pc1:eth1" b="r"/>)")),
            Codes{});
}

TEST(Validate, GatewayThatNoInterfaceOnTheLanAnswersIsAWarning) {
  EXPECT_EQ(codes(lan(R"(<host name="pc1" ip="10.0.0.1/24" gateway="10.0.0.254"/>
<host name="pc2" ip="10.0.0.2/24" gateway="10.0.0.1"/><hub name="h"/>
<link a="pc1" b="h"/><link a="pc2" b="h"/>)")),
            Codes{"gateway-not-found"});
}

TEST(Validate, GatewayIsFoundThroughSeveralSwitches) {
  EXPECT_EQ(codes(lan(R"(<host name="pc1" ip="10.0.0.1/24" gateway="10.0.0.254"/>
<router name="r"><interface name="eth0" ip="10.0.0.254/24"/></router>
<switch name="s1"/><switch name="s2"/><hub name="h"/>
<link a="pc1" b="s1"/><link a="s1" b="h"/><link a="h" b="s2"/><link a="s2" b="r"/>)")),
            Codes{});
}

TEST(Validate, RouteChecks) {
  EXPECT_EQ(codes(lan(R"(<router name="r">
  <interface name="eth0" ip="10.0.0.254/24"/>
  <route destination="10.1.0.0/16" via="10.0.0.1"/>
  <route destination="10.2.0.0/16" interface="eth0"/>
  <route destination="10.3.0.0/16" interface="eth9"/>
  <route destination="10.4.0.0/16" via="10.9.0.1"/>
  <route destination="10.5.0.0/16"/>
  <route destination="10.1.0.0/16" type="unreachable"/>
</router><host name="h" ip="10.0.0.1/24"/><link a="r" b="h"/>)")),
            (Codes{"unknown-interface", "via-off-subnet", "bad-route", "duplicate-route"}));
}

TEST(Validate, MasqueradeWithoutInterfaceNeedsOneInterfaceOrADefaultRoute) {
  const char* two = R"(<router name="r">
  <interface name="eth0" ip="10.0.0.254/24"/><interface name="eth1" ip="10.1.0.254/24"/>%s
  <masquerade/>
</router><host name="a" ip="10.0.0.1/24"/><host name="b" ip="10.1.0.1/24"/>
<link a="r:eth0" b="a"/><link a="r:eth1" b="b"/>)";
  char buf[1024];
  std::snprintf(buf, sizeof buf, two, "");
  EXPECT_EQ(codes(lan(buf)), Codes{"ambiguous-masquerade"});
  std::snprintf(buf, sizeof buf, two, "<route destination='0.0.0.0/0' via='10.1.0.1'/>");
  EXPECT_EQ(codes(lan(buf)), Codes{});
}

TEST(Validate, RingOfSwitchesIsAnL2LoopNamingItsPortsFromTheFirstDeviceInFileOrder) {
  // Ports in link order: s1 p1 = s2, p2 = s3; s2 p1 = s1, p2 = s3; s3 p1 = s2, p2 = s1.
  EXPECT_EQ(lint(lan(R"(<switch name="s3"/><switch name="s1"/><switch name="s2"/>
<link a="s1" b="s2"/>
<link a="s2" b="s3"/>
<link a="s3" b="s1"/>)")),
            "t.xml:5:1: warning: switches and hubs form a loop: s3:p2 -> s1:p2 -> s1:p1 -> "
            "s2:p1 -> s2:p2 -> s3:p1; with no "
            "spanning tree modelled, broadcasts would circulate forever [l2-loop]\n"
            "t.xml:5:1: note: set down=\"true\" on one of its links to break it\n");
}

TEST(Validate, DownLinkBreaksAnL2Loop) {
  EXPECT_EQ(codes(lan(R"(<switch name="s1"/><switch name="s2"/>
<link a="s1" b="s2"/><link a="s1" b="s2" down="true"/>)")),
            Codes{});
}

TEST(Validate, LoopThroughARouterIsNotAnL2Loop) {
  EXPECT_EQ(codes(lan(R"(<switch name="s1"/><switch name="s2"/>
<router name="r"><interface name="a" ip="10.0.0.1/24"/><interface name="b" ip="10.0.1.1/24"/></router>
<link a="s1" b="s2"/><link a="r:a" b="s1"/><link a="r:b" b="s2"/>)")),
            Codes{});
}

TEST(Validate, DuplicateInterfaceIpAndMac) {
  EXPECT_EQ(
      codes(lan(R"(<host name="a"><interface name="e" ip="10.0.0.1/24" mac="02:00:00:00:00:01"/>
<interface name="e" ip="10.0.0.9/24"/></host>
<host name="b" ip="10.0.0.1/24" mac="02:00:00:00:00:01"/><link a="a:e" b="b"/>)")),
      (Codes{"duplicate-interface", "duplicate-ip", "duplicate-mac"}));
}

TEST(Validate, ListenAndPortForwardDuplicates) {
  EXPECT_EQ(codes(lan(R"(<host name="a" ip="10.0.0.1/24">
<listen protocol="tcp" port="80"/><listen protocol="tcp" port="80"/><listen protocol="udp" port="80"/>
<port-forward protocol="udp" port="5"/><port-forward protocol="udp" port="5" to-port="6"/>
</host><host name="b" ip="10.0.0.2/24"/><link a="a" b="b"/>)")),
            (Codes{"duplicate-listen", "duplicate-port-forward"}));
}

// ---- names ------------------------------------------------------------------------

TEST(Validate, NodesShareOneNamespaceAcrossTheTopologyAndNoteTheFirstDefinition) {
  EXPECT_EQ(lint(R"(<topology name="t">
<internet><host name="gw" ip="198.51.100.1"/></internet>
<network name="n"><switch name="gw"/></network>
</topology>)"),
            "t.xml:3:19: error: switch 'gw': the name is already used by an internet host "
            "[duplicate-name]\n"
            "t.xml:3:19: note: the internet host 'gw' is defined at t.xml:2:11\n"
            "t.xml:3:19: note: devices, instances, gateways, internet hosts and peerings share one "
            "namespace\n");
}

TEST(Validate, SubnetMayShareANameWithAnInstance) {
  EXPECT_EQ(codes(vpc(R"(<subnet name="app" cidr="10.0.2.0/24"/>
<instance name="app" subnet="app" ip="10.0.2.10"/>)")),
            Codes{});
}

TEST(Validate, DuplicateNamesWithinAVpcAndAmongVpcs) {
  EXPECT_EQ(codes(R"(<topology name="t">
<vpc name="v" cidr="10.0.0.0/16"><subnet name="s" cidr="10.0.1.0/24"/><subnet name="s" cidr="10.0.2.0/24"/>
<security-group name="g"/><security-group name="g"/></vpc>
<vpc name="v" cidr="10.1.0.0/16"/>
</topology>)"),
            (Codes{"duplicate-name", "duplicate-name", "duplicate-name"}));
}

TEST(Validate, RouteTargetKeywordsCannotNameNodes) {
  EXPECT_EQ(codes(lan(R"(<switch name="blackhole"/>)")), Codes{"reserved-name"});
}

// ---- VPCs ---------------------------------------------------------------------------

TEST(Validate, ReservedIpMessageNamesTheRoleAndTheSubnet) {
  EXPECT_EQ(lint(vpc(R"(<subnet name="db" cidr="10.0.3.0/24"/>
<instance name="db" subnet="db" ip="10.0.3.1"/>)")),
            "t.xml:3:1: error: instance 'db' uses 10.0.3.1, reserved for the VPC router of subnet "
            "'db' (10.0.3.0/24) [reserved-ip]\n"
            "t.xml:3:1: note: usable addresses in subnet 'db': 10.0.3.4 to 10.0.3.254\n");
}

TEST(Validate, FirstUsableAndLastUsableAddressesAreFine) {
  EXPECT_EQ(codes(vpc(R"(<subnet name="s" cidr="10.0.3.0/28"/>
<instance name="a" subnet="s" ip="10.0.3.4"/><instance name="b" subnet="s" ip="10.0.3.14"/>)")),
            Codes{});
}

TEST(Validate, CidrSizesAreSixteenToTwentyEight) {
  EXPECT_EQ(codes(R"(<topology name="t"><vpc name="a" cidr="10.0.0.0/15"/>
<vpc name="b" cidr="10.2.0.0/16"><subnet name="s" cidr="10.2.0.0/16"/><subnet name="t" cidr="10.2.0.0/28"/></vpc>
<vpc name="c" cidr="10.3.0.0/28"/><vpc name="d" cidr="10.4.0.0/29"/></topology>)"),
            (Codes{"cidr-size", "subnet-overlap", "cidr-size"}));
}

TEST(Validate, SubnetPlacementAndOverlap) {
  EXPECT_EQ(
      codes(vpc(R"(<subnet name="a" cidr="10.0.0.0/24"/><subnet name="b" cidr="10.0.0.128/25"/>
<subnet name="c" cidr="10.1.0.0/24"/>)")),
      (Codes{"subnet-overlap", "subnet-outside-vpc"}));
}

TEST(Validate, UnknownReferencesListKnownNames) {
  EXPECT_EQ(lint(vpc(R"(<route-table name="rt"/>
<subnet name="s" cidr="10.0.1.0/24" route-table="rt2" nacl="acl"/>
<instance name="i" subnet="t" ip="10.0.1.10" security-groups="web"/>)")),
            "t.xml:3:1: error: subnet 's': no route table 'rt2' in vpc 'prod' "
            "[unknown-route-table]\n"
            "t.xml:3:1: note: did you mean 'rt'?\n"
            "t.xml:3:1: note: known route tables in vpc 'prod': 'rt'\n"
            "t.xml:3:1: error: subnet 's': no nacl 'acl' in vpc 'prod' [unknown-nacl]\n"
            "t.xml:3:1: note: no nacls in vpc 'prod' are defined\n"
            "t.xml:4:1: error: instance 'i': no subnet 't' in vpc 'prod' [unknown-subnet]\n"
            "t.xml:4:1: note: known subnets in vpc 'prod': 's'\n"
            "t.xml:4:1: error: instance 'i': no security group 'web' in vpc 'prod' "
            "[unknown-security-group]\n"
            "t.xml:4:1: note: known security groups in vpc 'prod': 'default'\n");
}

TEST(Validate, TheDefaultSecurityGroupExistsWithoutBeingDeclared) {
  // AWS creates "default" with every VPC; naming it, by instance or rule, needs no declaration.
  EXPECT_EQ(codes(vpc(R"(<subnet name="s" cidr="10.0.1.0/24"/>
<security-group name="web"><inbound protocol="tcp" ports="80" source-group="default"/></security-group>
<instance name="a" subnet="s" ip="10.0.1.10" security-groups="default"/>
<instance name="b" subnet="s" ip="10.0.1.11" security-groups="web,default"/>)")),
            Codes{});
}

TEST(Validate, RouteTargetsResolveToThisVpcsGatewaysInstancesAndPeerings) {
  EXPECT_EQ(
      codes(vpc(
          R"(<internet-gateway name="igw"/>
<subnet name="s" cidr="10.0.1.0/24"/>
<nat-gateway name="nat" subnet="s" ip="10.0.1.5" elastic-ip="203.0.113.5"/>
<instance name="box" subnet="s" ip="10.0.1.6" source-dest-check="false"/>
<route-table name="rt" main="true">
  <route destination="0.0.0.0/0" target="igw"/>
  <route destination="10.9.0.0/16" target="nat"/>
  <route destination="10.8.0.0/16" target="box"/>
  <route destination="10.1.0.0/16" target="p"/>
  <route destination="10.7.0.0/16" target="blackhole"/>
  <route destination="10.0.0.0/16" target="local"/>
</route-table>)",
          R"(<vpc name="other" cidr="10.1.0.0/16"/><vpc-peering name="p" a="other" b="prod"/>)")),
      Codes{});
}

TEST(Validate, NatSubnetPublicnessFollowsTheMainRouteTable) {
  const std::string body = R"(<internet-gateway name="igw"/>
<subnet name="s" cidr="10.0.1.0/24"/>
<nat-gateway name="nat" subnet="s" ip="10.0.1.5" elastic-ip="203.0.113.5"/>)";
  EXPECT_EQ(codes(vpc(body)), Codes{"nat-subnet-not-public"}) << "implicit main table: local only";
  EXPECT_EQ(
      codes(vpc(
          body +
          R"(<route-table name="m" main="true"><route destination="0.0.0.0/0" target="igw"/></route-table>)")),
      Codes{});
}

TEST(Validate, PeeringChecks) {
  EXPECT_EQ(codes(R"(<topology name="t">
<vpc name="a" cidr="10.0.0.0/16"/><vpc name="b" cidr="10.1.0.0/16"/><vpc name="c" cidr="10.0.128.0/17"/>
<vpc-peering name="p1" a="a" b="b"/>
<vpc-peering name="p2" a="b" b="a"/>
<vpc-peering name="p3" a="a" b="c"/>
<vpc-peering name="p4" a="a" b="a"/>
<vpc-peering name="p5" a="a" b="zz"/>
</topology>)"),
            (Codes{"duplicate-peering", "peering-overlap", "self-peering", "unknown-vpc"}));
}

TEST(Validate, PublicAddressesAreUniqueAcrossTheInternet) {
  EXPECT_EQ(codes(R"(<topology name="t">
<internet><host name="c" ip="203.0.113.5"/></internet>
<vpc name="a" cidr="10.0.0.0/16"><internet-gateway name="ia"/><subnet name="s" cidr="10.0.1.0/24"/>
  <nat-gateway name="n" subnet="s" ip="10.0.1.5" elastic-ip="203.0.113.5"/></vpc>
<vpc name="b" cidr="10.0.0.0/16"><internet-gateway name="ib"/><subnet name="s" cidr="10.0.1.0/24"/>
  <instance name="i" subnet="s" ip="10.0.1.5" public-ip="203.0.113.5"/></vpc>
</topology>)"),
            (Codes{"nat-subnet-not-public", "duplicate-ip", "duplicate-ip"}))
      << "separate VPCs may reuse private addresses";
}

TEST(Validate, InstanceMasqueradeCanOnlyNameEth0) {
  EXPECT_EQ(codes(vpc(R"(<subnet name="s" cidr="10.0.1.0/24"/>
<instance name="i" subnet="s" ip="10.0.1.10"><masquerade interface="eth1"/><masquerade interface="eth0"/></instance>)")),
            Codes{"unknown-interface"});
}

TEST(Validate, PortsOnIcmpOrAllRulesAreIgnoredWithAWarning) {
  EXPECT_EQ(
      codes(vpc(
          R"(<nacl name="a"><rule number="1" direction="inbound" action="allow" protocol="icmp" ports="8" cidr="0.0.0.0/0"/></nacl>)")),
      Codes{"ports-ignored"});
}

// ---- closest_name ---------------------------------------------------------------

TEST(ClosestName, SuggestsNamesWithinTwoEdits) {
  EXPECT_EQ(closest_name("rtr-1", {"gw", "rtr1", "sw-a"}), "rtr1");
  EXPECT_EQ(closest_name("pubilc", {"public", "private"}), "public");
  EXPECT_EQ(closest_name("lantency", {"a", "b", "latency"}), "latency");
}

TEST(ClosestName, StaysQuietWhenNothingIsClose) {
  EXPECT_FALSE(closest_name("db", {"web", "app"}));
  EXPECT_FALSE(closest_name("x", {"y"})) << "one edit is the whole name";
  EXPECT_FALSE(closest_name("a", {}));
}

TEST(ClosestName, BreaksTiesBySortOrder) { EXPECT_EQ(closest_name("sw3", {"sw2", "sw1"}), "sw1"); }

}  // namespace
}  // namespace vpcsim::topo
