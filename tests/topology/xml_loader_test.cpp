#include "topology/xml_loader.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace vpcsim::topo {
namespace {

using sim::Ipv4Addr;
using sim::Prefix;

struct Loaded {
  std::optional<TopologySpec> spec;
  Diagnostics diags;
  std::string text() const { return diags.render(); }
};

Loaded load(std::string_view xml) {
  Loaded l;
  l.spec = load_topology_string(xml, "t.xml", l.diags);
  return l;
}

std::vector<std::string> codes(const Diagnostics& d) {
  std::vector<std::string> out;
  for (const Diagnostic& x : d.items()) out.push_back(x.code);
  return out;
}

Ipv4Addr ip(std::string_view s) { return *Ipv4Addr::parse(s); }
Prefix cidr(std::string_view s) { return *Prefix::parse(s); }

// ---- good parses --------------------------------------------------------------

TEST(XmlLoader, LoadsTheClassicNetworkElements) {
  auto l = load(R"(<topology name="lan">
  <network name="office">
    <host name="pc1"><interface name="eth0" ip="192.168.0.10/24" gateway="192.168.0.1"
                      mac="02:00:00:00:00:01"/></host>
    <switch name="sw1" aging="30s"/>  <hub name="hub1"/>
    <router name="r1">
      <interface name="eth0" ip="192.168.0.1/24"/>
      <route destination="10.9.0.0/16" via="192.168.0.254"/>
      <route destination="10.8.0.0/16" interface="eth0"/>
      <route destination="10.7.0.0/16" type="prohibit"/>
      <listen protocol="udp" port="53"/>
      <masquerade interface="eth0" source="192.168.0.0/24"/>
      <port-forward protocol="tcp" port="80" to-ip="192.168.0.10" to-port="8080"/>
      <port-forward protocol="udp" port="53"/>
    </router>
    <link a="pc1:eth0" b="sw1" latency="0.2ms" bandwidth="100Mbps"/>
    <link a="r1" b="hub1" down="true"/>
  </network>
</topology>)");
  ASSERT_TRUE(l.spec) << l.text();
  EXPECT_EQ(l.text(), "");
  const TopologySpec& t = *l.spec;
  EXPECT_EQ(t.name, "lan");
  EXPECT_EQ(t.file, "t.xml");
  ASSERT_EQ(t.networks.size(), 1u);
  const NetworkSpec& net = t.networks[0];
  EXPECT_EQ(net.name, "office");
  ASSERT_EQ(net.nodes.size(), 4u);

  const NodeSpec& pc1 = net.nodes[0];
  EXPECT_EQ(pc1.kind, NodeKind::Host);
  ASSERT_EQ(pc1.interfaces.size(), 1u);
  EXPECT_EQ(pc1.interfaces[0].name, "eth0");
  EXPECT_EQ(pc1.interfaces[0].addr.str(), "192.168.0.10/24");
  EXPECT_EQ(pc1.interfaces[0].gateway, ip("192.168.0.1"));
  EXPECT_EQ(pc1.interfaces[0].mac->str(), "02:00:00:00:00:01");
  EXPECT_EQ(pc1.loc, (SourceLoc{"t.xml", 3, 5}));

  EXPECT_EQ(net.nodes[1].kind, NodeKind::Switch);
  EXPECT_EQ(net.nodes[1].mac_aging, sim::Duration{30'000'000'000});
  EXPECT_EQ(net.nodes[2].kind, NodeKind::Hub);
  EXPECT_FALSE(net.nodes[2].mac_aging);

  const NodeSpec& r1 = net.nodes[3];
  EXPECT_EQ(r1.kind, NodeKind::Router);
  ASSERT_EQ(r1.routes.size(), 3u);
  EXPECT_EQ(r1.routes[0].destination, cidr("10.9.0.0/16"));
  EXPECT_EQ(r1.routes[0].via, ip("192.168.0.254"));
  EXPECT_EQ(r1.routes[0].type, RouteType::Normal);
  EXPECT_EQ(r1.routes[1].interface, "eth0");
  EXPECT_FALSE(r1.routes[1].via);
  EXPECT_EQ(r1.routes[2].type, RouteType::Prohibit);
  ASSERT_EQ(r1.listens.size(), 1u);
  EXPECT_EQ(r1.listens[0].protocol, Protocol::Udp);
  EXPECT_EQ(r1.listens[0].port, 53);
  ASSERT_EQ(r1.masquerades.size(), 1u);
  EXPECT_EQ(r1.masquerades[0].interface, "eth0");
  EXPECT_EQ(r1.masquerades[0].source, cidr("192.168.0.0/24"));
  ASSERT_EQ(r1.port_forwards.size(), 2u);
  EXPECT_EQ(r1.port_forwards[0].to_ip, ip("192.168.0.10"));
  EXPECT_EQ(r1.port_forwards[0].to_port, 8080);
  EXPECT_FALSE(r1.port_forwards[1].to_ip);
  EXPECT_EQ(r1.port_forwards[1].to_port, 0);

  ASSERT_EQ(net.links.size(), 2u);
  EXPECT_EQ(net.links[0].a, (LinkEndSpec{"pc1", "eth0"}));
  EXPECT_EQ(net.links[0].b, (LinkEndSpec{"sw1", ""}));
  EXPECT_EQ(net.links[0].latency, sim::Duration{200'000});
  EXPECT_EQ(net.links[0].bandwidth_bps, 100'000'000u);
  EXPECT_FALSE(net.links[0].down);
  EXPECT_EQ(net.links[1].latency, sim::Duration{100'000}) << "default latency is 0.1 ms";
  EXPECT_FALSE(net.links[1].bandwidth_bps);
  EXPECT_TRUE(net.links[1].down);
}

TEST(XmlLoader, HostShorthandMeansOneInterfaceNamedEth0) {
  auto l = load(R"(<topology name="t"><network name="n">
    <host name="pc1" ip="10.0.0.5/24" gateway="10.0.0.1" mac="02:aa:00:00:00:01"/>
  </network></topology>)");
  ASSERT_TRUE(l.spec);
  EXPECT_EQ(l.text(), "");
  const NodeSpec& pc1 = l.spec->networks[0].nodes[0];
  ASSERT_EQ(pc1.interfaces.size(), 1u);
  EXPECT_EQ(pc1.interfaces[0].name, "eth0");
  EXPECT_EQ(pc1.interfaces[0].addr.str(), "10.0.0.5/24");
  EXPECT_EQ(pc1.interfaces[0].gateway, ip("10.0.0.1"));
  EXPECT_TRUE(pc1.interfaces[0].mac);
}

TEST(XmlLoader, HostShorthandAndInterfaceElementsTogetherAreAnError) {
  auto l = load(R"(<topology name="t"><network name="n">
    <host name="pc1" ip="10.0.0.5/24"><interface name="eth1" ip="10.0.1.5/24"/></host>
  </network></topology>)");
  EXPECT_EQ(codes(l.diags), std::vector<std::string>{"conflicting-attributes"});
  ASSERT_TRUE(l.spec);
  ASSERT_EQ(l.spec->networks[0].nodes[0].interfaces.size(), 1u);
  EXPECT_EQ(l.spec->networks[0].nodes[0].interfaces[0].name, "eth1");
}

TEST(XmlLoader, GatewayWithoutShorthandIpIsMissingAttribute) {
  auto l = load(R"(<topology name="t"><network name="n">
    <host name="pc1" gateway="10.0.0.1"/>
  </network></topology>)");
  EXPECT_EQ(codes(l.diags), std::vector<std::string>{"missing-attribute"});
}

TEST(XmlLoader, LoadsTheAwsElements) {
  auto l = load(R"(<topology name="aws">
  <internet>
    <host name="client" ip="198.51.100.10"><listen protocol="tcp" port="80"/></host>
    <host name="other" ip="198.51.100.11/32"/>
  </internet>
  <vpc name="prod" cidr="10.0.0.0/16">
    <internet-gateway name="igw"/>
    <route-table name="rt" main="true">
      <route destination="0.0.0.0/0" target="igw"/>
      <route destination="10.1.0.0/16" target="peer"/>
    </route-table>
    <subnet name="public" cidr="10.0.1.0/24" route-table="rt" nacl="acl"/>
    <nacl name="acl">
      <rule number="100" direction="outbound" action="deny" protocol="udp" ports="1024-65535"
            cidr="0.0.0.0/0"/>
      <rule number="200" direction="inbound" action="allow" protocol="all" cidr="10.0.0.0/8"/>
    </nacl>
    <security-group name="sg" default-outbound="false">
      <inbound protocol="tcp" ports="22" source="198.51.100.10/32"/>
      <inbound protocol="icmp" source-group="sg"/>
      <outbound protocol="udp" ports="53" destination="10.0.0.2/32"/>
      <outbound protocol="all" destination-group="sg"/>
    </security-group>
    <nat-gateway name="nat" subnet="public" ip="10.0.1.20" elastic-ip="203.0.113.20"/>
    <instance name="a" subnet="public" ip="10.0.1.10" elastic-ip="203.0.113.10"
              security-groups="sg, sg2 sg3,sg4" source-dest-check="false" mac="02:00:00:00:00:0a">
      <listen protocol="tcp" port="22"/>
      <masquerade/>
      <port-forward protocol="tcp" port="80" to-ip="10.0.1.11" to-port="8080"/>
    </instance>
    <instance name="b" subnet="public" ip="10.0.1.11" public-ip="203.0.113.11"/>
  </vpc>
  <vpc-peering name="peer" a="prod" b="other"/>
</topology>)");
  ASSERT_TRUE(l.spec) << l.text();
  EXPECT_EQ(l.text(), "");
  const TopologySpec& t = *l.spec;
  ASSERT_TRUE(t.internet);
  ASSERT_EQ(t.internet->hosts.size(), 2u);
  EXPECT_EQ(t.internet->hosts[0].ip, ip("198.51.100.10"));
  EXPECT_EQ(t.internet->hosts[0].listens.size(), 1u);
  EXPECT_EQ(t.internet->hosts[1].ip, ip("198.51.100.11")) << "/32 is accepted";

  ASSERT_EQ(t.vpcs.size(), 1u);
  const VpcSpec& v = t.vpcs[0];
  EXPECT_EQ(v.cidr, cidr("10.0.0.0/16"));
  ASSERT_TRUE(v.internet_gateway);
  EXPECT_EQ(v.internet_gateway->name, "igw");
  ASSERT_EQ(v.route_tables.size(), 1u);
  EXPECT_TRUE(v.route_tables[0].main);
  ASSERT_EQ(v.route_tables[0].routes.size(), 2u);
  EXPECT_EQ(v.route_tables[0].routes[1].target, "peer");
  ASSERT_EQ(v.subnets.size(), 1u);
  EXPECT_EQ(v.subnets[0].route_table, "rt");
  EXPECT_EQ(v.subnets[0].nacl, "acl");
  ASSERT_EQ(v.nacls[0].rules.size(), 2u);
  const NaclRuleSpec& r0 = v.nacls[0].rules[0];
  EXPECT_EQ(r0.number, 100u);
  EXPECT_FALSE(r0.inbound);
  EXPECT_FALSE(r0.allow);
  EXPECT_EQ(r0.protocol, Protocol::Udp);
  EXPECT_EQ(r0.ports, (PortRange{1024, 65535}));
  EXPECT_EQ(v.nacls[0].rules[1].ports, PortRange{}) << "no ports= leaves the whole range";
  const SecurityGroupSpec& sg = v.security_groups[0];
  EXPECT_FALSE(sg.default_outbound);
  ASSERT_EQ(sg.rules.size(), 4u);
  EXPECT_TRUE(sg.rules[0].inbound);
  EXPECT_EQ(sg.rules[0].ports, (PortRange{22, 22}));
  EXPECT_EQ(sg.rules[0].cidr, cidr("198.51.100.10/32"));
  EXPECT_EQ(sg.rules[1].group, "sg");
  EXPECT_FALSE(sg.rules[1].cidr);
  EXPECT_FALSE(sg.rules[2].inbound);
  EXPECT_EQ(sg.rules[3].group, "sg");
  ASSERT_EQ(v.nat_gateways.size(), 1u);
  EXPECT_EQ(v.nat_gateways[0].elastic_ip, ip("203.0.113.20"));
  ASSERT_EQ(v.instances.size(), 2u);
  const InstanceSpec& a = v.instances[0];
  EXPECT_EQ(a.elastic_ip, ip("203.0.113.10"));
  EXPECT_EQ(a.security_groups, (std::vector<std::string>{"sg", "sg2", "sg3", "sg4"}));
  EXPECT_FALSE(a.source_dest_check);
  EXPECT_TRUE(a.mac);
  EXPECT_EQ(a.listens.size(), 1u);
  EXPECT_EQ(a.masquerades.size(), 1u);
  EXPECT_EQ(a.port_forwards.size(), 1u);
  const InstanceSpec& b = v.instances[1];
  EXPECT_EQ(b.elastic_ip, ip("203.0.113.11")) << "public-ip= is the same as elastic-ip=";
  EXPECT_TRUE(b.source_dest_check);
  EXPECT_TRUE(b.security_groups.empty());

  ASSERT_EQ(t.peerings.size(), 1u);
  EXPECT_EQ(t.peerings[0].a, "prod");
  EXPECT_EQ(t.peerings[0].b, "other");
}

TEST(XmlLoader, ParsesBandwidthUnits) {
  auto bw = [](std::string_view v) -> std::optional<uint64_t> {
    Diagnostics d;
    auto spec =
        load_topology_string("<topology name='t'><network name='n'><link a='x' b='y' bandwidth='" +
                                 std::string(v) + "'/></network></topology>",
                             "t.xml", d);
    if (d.has_errors() || spec->networks[0].links.empty()) return std::nullopt;
    return spec->networks[0].links[0].bandwidth_bps;
  };
  EXPECT_EQ(bw("1Gbps"), 1'000'000'000u);
  EXPECT_EQ(bw("100Mbps"), 100'000'000u);
  EXPECT_EQ(bw("10kbps"), 10'000u);
  EXPECT_EQ(bw("2.5Gbps"), 2'500'000'000u);
  EXPECT_EQ(bw("1500"), 1500u);
  EXPECT_EQ(bw("1500bps"), 1500u);
  EXPECT_EQ(bw("10Tbps"), 10'000'000'000'000u);
  EXPECT_FALSE(bw("11Tbps"));
  EXPECT_FALSE(bw("0"));
  EXPECT_FALSE(bw("1.5bps"));
  EXPECT_FALSE(bw("-1Mbps"));
  EXPECT_FALSE(bw("Mbps"));
  EXPECT_FALSE(bw("99999999999999999999999Gbps"));
}

TEST(XmlLoader, ParsesDurationsWithUnitsAndRejectsAbsurdOnes) {
  auto latency = [](std::string_view v) -> std::optional<int64_t> {
    Diagnostics d;
    auto spec =
        load_topology_string("<topology name='t'><network name='n'><link a='x' b='y' latency='" +
                                 std::string(v) + "'/></network></topology>",
                             "t.xml", d);
    if (d.has_errors()) return std::nullopt;
    return spec->networks[0].links[0].latency.ns;
  };
  EXPECT_EQ(latency("0.2ms"), 200'000);
  EXPECT_EQ(latency("100us"), 100'000);
  EXPECT_EQ(latency("5ns"), 5);
  EXPECT_EQ(latency("1.5s"), 1'500'000'000);
  EXPECT_EQ(latency("0ms"), 0);
  EXPECT_FALSE(latency("5")) << "a bare number would be seconds; a unit is required";
  EXPECT_FALSE(latency("61s"));
  EXPECT_FALSE(latency("99999999999999999999s")) << "must not overflow";
  EXPECT_FALSE(latency("1m"));
  EXPECT_FALSE(latency("ms"));
  EXPECT_FALSE(latency(""));
}

TEST(XmlLoader, AcceptsPortRangesAndRejectsBadOnes) {
  auto ports = [](std::string_view v) -> std::optional<PortRange> {
    Diagnostics d;
    auto spec = load_topology_string(
        "<topology name='t'><vpc name='v' cidr='10.0.0.0/16'><security-group name='g'>"
        "<inbound protocol='tcp' ports='" +
            std::string(v) + "' source='0.0.0.0/0'/></security-group></vpc></topology>",
        "t.xml", d);
    if (d.has_errors()) return std::nullopt;
    return spec->vpcs[0].security_groups[0].rules[0].ports;
  };
  EXPECT_EQ(ports("22"), (PortRange{22, 22}));
  EXPECT_EQ(ports("8000-8080"), (PortRange{8000, 8080}));
  EXPECT_EQ(ports("1-65535"), (PortRange{1, 65535}));
  EXPECT_FALSE(ports("0"));
  EXPECT_FALSE(ports("65536"));
  EXPECT_FALSE(ports("80-22"));
  EXPECT_FALSE(ports("22-"));
  EXPECT_FALSE(ports("-22"));
  EXPECT_FALSE(ports("ssh"));
  EXPECT_FALSE(ports("+22"));
}

// ---- bad input ------------------------------------------------------------------

TEST(XmlLoader, ReportsEveryBadAttributeInOnePass) {
  auto l = load(R"(<topology name="t">
  <vpc name="prod" cidr="10.0.0.5/16">
    <subnet name="a" cidr="10.0.1.0/24" colour="blue"/>
    <instance name="web" subnet="a" ip="10.0.1.x" mac="zz"/>
    <nacl name="acl"><rule number="x" direction="in" action="allow" protocol="gre" cidr="0/0"/></nacl>
  </vpc>
  <network name="n">
    <link a="p" b="q" latency="fast" bandwidth="lots" down="maybe"/>
    <host name="h"><listen protocol="tcp" port="0"/></host>
  </network>
</topology>)");
  ASSERT_TRUE(l.spec);
  EXPECT_EQ(l.text(),
            "t.xml:2:3: error: vpc 'prod': cidr '10.0.0.5/16' has host bits set; the network "
            "address is 10.0.0.0/16 [bad-cidr]\n"
            "t.xml:3:5: error: <subnet>: unknown attribute 'colour' [unknown-attribute]\n"
            "t.xml:3:5: note: known attributes of <subnet>: 'cidr', 'nacl', 'name', "
            "'route-table'\n"
            "t.xml:4:5: error: instance 'web': ip '10.0.1.x' is not an IPv4 address (expected "
            "dotted-quad, e.g. 10.0.1.10) [bad-ip]\n"
            "t.xml:4:5: error: instance 'web': mac 'zz' is not a MAC address (expected six hex "
            "pairs, e.g. 02:00:00:00:00:01) [bad-mac]\n"
            "t.xml:5:22: error: rule of nacl 'acl': number 'x' is not a whole number "
            "(0-4294967295) [bad-number]\n"
            "t.xml:5:22: error: rule of nacl 'acl': direction 'in' is not a direction (valid: "
            "inbound, outbound) [bad-value]\n"
            "t.xml:5:22: error: rule of nacl 'acl': protocol 'gre' is not a protocol (valid: tcp, "
            "udp, icmp, all) [bad-protocol]\n"
            "t.xml:5:22: error: rule of nacl 'acl': cidr '0/0' is not a CIDR block (expected "
            "NETWORK/LEN, e.g. 10.0.0.0/16) [bad-cidr]\n"
            "t.xml:8:5: error: link p -- q: latency 'fast' is not a duration (e.g. 0.2ms; units: "
            "ns, us, ms, s) [bad-duration]\n"
            "t.xml:8:5: error: link p -- q: bandwidth 'lots' is not a bandwidth (e.g. 100Mbps; "
            "units: bps, kbps, Mbps, Gbps, Tbps) [bad-bandwidth]\n"
            "t.xml:8:5: error: link p -- q: down 'maybe' is not a boolean (valid: true, false) "
            "[bad-bool]\n"
            "t.xml:9:20: error: listen of host 'h': port '0' is not a port number (1-65535) "
            "[bad-port]\n");
  // The broken elements are left out; their intact neighbours are kept.
  EXPECT_TRUE(l.spec->vpcs.empty()) << "the VPC's own cidr is broken";
  ASSERT_EQ(l.spec->networks.size(), 1u);
  EXPECT_TRUE(l.spec->networks[0].links.empty());
  ASSERT_EQ(l.spec->networks[0].nodes.size(), 1u);
  EXPECT_TRUE(l.spec->networks[0].nodes[0].listens.empty());
}

TEST(XmlLoader, ReportsMalformedXmlAtTheParserOffset) {
  auto l = load("<topology name=\"t\">\n  <network name=\"n\">\n    <host name=\"a\" ip=\"1\n");
  EXPECT_FALSE(l.spec);
  ASSERT_EQ(l.diags.items().size(), 1u);
  EXPECT_EQ(l.diags.items()[0].code, "xml-syntax");
  EXPECT_EQ(l.diags.items()[0].loc.line, 3u);
}

TEST(XmlLoader, ReportsMismatchedTagsWithTheirLocation) {
  auto l = load("<topology name=\"t\">\n  <network name=\"n\">\n  </netwrk>\n</topology>\n");
  EXPECT_FALSE(l.spec);
  EXPECT_EQ(l.text(), "t.xml:3:5: error: malformed XML: start-end tags mismatch [xml-syntax]\n");
}

TEST(XmlLoader, EmptyInputIsAnXmlSyntaxError) {
  auto l = load("");
  EXPECT_FALSE(l.spec);
  EXPECT_EQ(l.text(), "t.xml:1:1: error: malformed XML: no document element found [xml-syntax]\n");
}

TEST(XmlLoader, RootMustBeTopology) {
  auto l = load("<scenario name='s'/>");
  EXPECT_FALSE(l.spec);
  EXPECT_EQ(l.text(),
            "t.xml:1:1: error: the root element is <scenario>, expected <topology> "
            "[unknown-element]\n");
}

TEST(XmlLoader, ASecondRootElementIsAnError) {
  auto l = load("<topology name='a'/>\n<topology name='b'/>");
  ASSERT_TRUE(l.spec);
  EXPECT_EQ(l.spec->name, "a");
  EXPECT_EQ(codes(l.diags), std::vector<std::string>{"xml-syntax"});
  EXPECT_EQ(l.diags.items()[0].loc.line, 2u);
}

TEST(XmlLoader, TopologyNeedsAName) {
  auto l = load("<topology/>");
  ASSERT_TRUE(l.spec);
  EXPECT_EQ(l.text(),
            "t.xml:1:1: error: <topology>: missing attribute 'name' [missing-attribute]\n");
}

TEST(XmlLoader, UnknownAndMisplacedElementsListTheValidOnes) {
  auto l = load(R"(<topology name="t">
  <vcp name="x"/>
  <network name="n"><instance name="i"/></network>
</topology>)");
  EXPECT_EQ(l.text(),
            "t.xml:2:3: error: unknown element <vcp> inside <topology> [unknown-element]\n"
            "t.xml:2:3: note: did you mean <vpc>?\n"
            "t.xml:2:3: note: known elements inside <topology>: 'dns-zone', 'internet', 'network', 'vpc', "
            "'vpc-peering'\n"
            "t.xml:3:21: error: element <instance> is not allowed inside <network> "
            "[unknown-element]\n"
            "t.xml:3:21: note: known elements inside <network>: 'host', 'hub', 'link', 'router', "
            "'switch'\n");
}

TEST(XmlLoader, RouterInterfacesTakeNoGateway) {
  auto l = load(R"(<topology name="t"><network name="n">
<router name="r"><interface name="eth0" ip="10.0.0.1/24" gateway="10.0.0.254"/></router>
</network></topology>)");
  EXPECT_EQ(codes(l.diags), std::vector<std::string>{"unknown-attribute"});
}

TEST(XmlLoader, ListenAndPortForwardAcceptOnlyTcpAndUdp) {
  auto l = load(R"(<topology name="t"><network name="n"><router name="r">
<listen protocol="all" port="1"/><port-forward protocol="icmp" port="1"/>
</router></network></topology>)");
  EXPECT_EQ(codes(l.diags), (std::vector<std::string>{"bad-protocol", "bad-protocol"}));
}

TEST(XmlLoader, SecurityGroupRuleNeedsExactlyOnePeer) {
  auto l = load(R"(<topology name="t"><vpc name="v" cidr="10.0.0.0/16"><security-group name="g">
<inbound protocol="all"/>
<outbound protocol="all" destination="0.0.0.0/0" destination-group="g"/>
</security-group></vpc></topology>)");
  EXPECT_EQ(l.text(),
            "t.xml:2:1: error: inbound rule of security group 'g': missing attribute 'source' or "
            "'source-group' [missing-attribute]\n"
            "t.xml:3:1: error: outbound rule of security group 'g': give either destination= or "
            "destination-group=, not both [conflicting-attributes]\n");
}

TEST(XmlLoader, TcpRulesNeedPortsButAllRulesDoNot) {
  auto l = load(R"(<topology name="t"><vpc name="v" cidr="10.0.0.0/16"><nacl name="a">
<rule number="1" direction="inbound" action="allow" protocol="udp" cidr="0.0.0.0/0"/>
<rule number="2" direction="inbound" action="allow" protocol="all" cidr="0.0.0.0/0"/>
</nacl></vpc></topology>)");
  EXPECT_EQ(codes(l.diags), std::vector<std::string>{"missing-attribute"});
  EXPECT_EQ(l.diags.items()[0].loc.line, 2u);
}

TEST(XmlLoader, NamesMustBeIdentifiers) {
  auto l = load(R"(<topology name="t"><network name="n">
<host name="a:b" ip="10.0.0.1/24"/>
<host name="" ip="10.0.0.2/24"/>
<host name="-x" ip="10.0.0.3/24"/>
<host name="ok_name-1.2" ip="10.0.0.4/24"/>
<host name="aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" ip="10.0.0.5/24"/>
</network></topology>)");
  EXPECT_EQ(codes(l.diags),
            (std::vector<std::string>{"bad-name", "bad-name", "bad-name", "bad-name"}));
  ASSERT_EQ(l.spec->networks[0].nodes.size(), 1u);
  EXPECT_EQ(l.spec->networks[0].nodes[0].name, "ok_name-1.2");
}

TEST(XmlLoader, DuplicateAttributesAreReported) {
  auto l = load(R"(<topology name="t" name="u"/>)");
  EXPECT_EQ(codes(l.diags), std::vector<std::string>{"duplicate-attribute"});
}

TEST(XmlLoader, TextInsideElementsIsReported) {
  auto l = load("<topology name='t'>hello<network name='n'><![CDATA[x]]></network></topology>");
  EXPECT_EQ(codes(l.diags), (std::vector<std::string>{"unexpected-text", "unexpected-text"}));
}

TEST(XmlLoader, OnlyOneInternetAndOneInternetGatewayPerVpc) {
  auto l = load(R"(<topology name="t">
<internet/>
<internet/>
<vpc name="v" cidr="10.0.0.0/16"><internet-gateway name="a"/><internet-gateway name="b"/></vpc>
</topology>)");
  EXPECT_EQ(codes(l.diags), (std::vector<std::string>{"duplicate-element", "duplicate-element"}));
  EXPECT_EQ(l.spec->vpcs[0].internet_gateway->name, "a");
}

TEST(XmlLoader, ElasticAndPublicIpTogetherConflict) {
  auto l = load(R"(<topology name="t"><vpc name="v" cidr="10.0.0.0/16">
<instance name="i" subnet="s" ip="10.0.0.10" elastic-ip="1.2.3.4" public-ip="1.2.3.5"/>
</vpc></topology>)");
  EXPECT_EQ(codes(l.diags), std::vector<std::string>{"conflicting-attributes"});
}

TEST(XmlLoader, CountsColumnsInCharactersAndHandlesCrlfAndBom) {
  auto l = load(
      "\xEF\xBB\xBF<topology name='t'>\r\n<network name='n'>\r\n"
      "<!-- é --><host name='x' colour='1' ip='10.0.0.1/24'/></network></topology>");
  ASSERT_EQ(l.diags.items().size(), 1u);
  EXPECT_EQ(l.diags.items()[0].loc, (SourceLoc{"t.xml", 3, 11}));
}

TEST(XmlLoader, RecordsTheLocationOfEachElement) {
  auto l = load(
      "<topology name='t'>\n  <vpc name='v' cidr='10.0.0.0/16'>\n"
      "    <subnet name='s' cidr='10.0.1.0/24'/><instance name='i' subnet='s' "
      "ip='10.0.1.10'/>\n  </vpc>\n</topology>");
  ASSERT_TRUE(l.spec);
  EXPECT_EQ(l.spec->loc, (SourceLoc{"t.xml", 1, 1}));
  EXPECT_EQ(l.spec->vpcs[0].loc, (SourceLoc{"t.xml", 2, 3}));
  EXPECT_EQ(l.spec->vpcs[0].subnets[0].loc, (SourceLoc{"t.xml", 3, 5}));
  EXPECT_EQ(l.spec->vpcs[0].instances[0].loc, (SourceLoc{"t.xml", 3, 42}));
}

TEST(XmlLoader, NeverCrashesOnTruncatedInput) {
  const std::string full =
      R"(<topology name="t"><network name="n"><host name="a" ip="10.0.0.1/24" gateway="10.0.0.2"/><link a="a:eth0" b="b" latency="1ms"/></network><vpc name="v" cidr="10.0.0.0/16"><subnet name="s" cidr="10.0.1.0/24"/></vpc></topology>)";
  for (size_t n = 0; n <= full.size(); ++n) {
    Diagnostics d;
    auto spec = load_topology_string(full.substr(0, n), "t.xml", d);
    if (n < full.size()) {
      EXPECT_TRUE(d.has_errors()) << n;
    }
  }
}

// ---- files ------------------------------------------------------------------------

TEST(XmlLoader, MissingFileIsFileNotFoundAtLineZero) {
  Diagnostics d;
  auto spec = load_topology_file("/nonexistent/dir/topo.xml", d);
  EXPECT_FALSE(spec);
  EXPECT_EQ(d.render(),
            "/nonexistent/dir/topo.xml:0:0: error: cannot read '/nonexistent/dir/topo.xml': no "
            "such file [file-not-found]\n");
}

TEST(XmlLoader, DirectoryIsFileNotFound) {
  Diagnostics d;
  auto dir = std::filesystem::temp_directory_path();
  auto spec = load_topology_file(dir.string(), d);
  EXPECT_FALSE(spec);
  ASSERT_EQ(d.items().size(), 1u);
  EXPECT_EQ(d.items()[0].code, "file-not-found");
}

TEST(XmlLoader, LoadsAFileAndNamesItAsWritten) {
  auto path = std::filesystem::temp_directory_path() / "vpcsim_xml_loader_test.xml";
  {
    std::ofstream out(path);
    out << "<topology name='f'>\n<bogus/>\n</topology>\n";
  }
  Diagnostics d;
  auto spec = load_topology_file(path.string(), d);
  std::filesystem::remove(path);
  ASSERT_TRUE(spec);
  EXPECT_EQ(spec->file, path.string());
  ASSERT_EQ(d.items().size(), 1u);
  EXPECT_EQ(d.items()[0].loc, (SourceLoc{path.string(), 2, 1}));
}

}  // namespace
}  // namespace vpcsim::topo

namespace vpcsim::topo {
namespace {

// down="true" on devices (docs/faults.md): wherever a user can power one off.
TEST(XmlLoader, ReadsDownOnDevices) {
  Loaded l = load(R"(<topology name="t">
  <internet><host name="c" ip="198.51.100.10" down="true"/></internet>
  <vpc name="v" cidr="10.0.0.0/16">
    <internet-gateway name="igw"/>
    <subnet name="s" cidr="10.0.1.0/24"/>
    <nat-gateway name="nat" subnet="s" ip="10.0.1.20" elastic-ip="203.0.113.20" down="true"/>
    <instance name="i" subnet="s" ip="10.0.1.10" down="true"/>
  </vpc>
  <network name="n">
    <host name="h" ip="10.9.0.1/24" down="true"/>
    <host name="h2"><interface name="eth0" ip="10.9.0.2/24"/></host>
    <router name="r" down="true"><interface name="eth0" ip="10.9.0.254/24"/></router>
    <switch name="sw" down="true"/>
    <hub name="hub" down="false"/>
  </network>
</topology>)");
  ASSERT_TRUE(l.spec) << l.diags.render();
  EXPECT_FALSE(l.diags.has_errors()) << l.diags.render();
  EXPECT_TRUE(l.spec->internet->hosts[0].down);
  EXPECT_TRUE(l.spec->vpcs[0].nat_gateways[0].down);
  EXPECT_TRUE(l.spec->vpcs[0].instances[0].down);
  const auto& nodes = l.spec->networks[0].nodes;
  EXPECT_TRUE(nodes[0].down);
  EXPECT_FALSE(nodes[1].down);
  EXPECT_TRUE(nodes[2].down);
  EXPECT_TRUE(nodes[3].down);
  EXPECT_FALSE(nodes[4].down);
}

TEST(XmlLoader, DownMustBeABoolean) {
  Loaded l = load(R"(<topology name="t"><network name="n">
    <switch name="sw" down="yes"/>
  </network></topology>)");
  EXPECT_EQ(codes(l.diags), std::vector<std::string>{"bad-bool"});
}

}  // namespace
}  // namespace vpcsim::topo
