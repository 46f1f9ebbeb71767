#include "topology/dump.hpp"

#include <gtest/gtest.h>

#include "topology/xml_loader.hpp"

namespace vpcsim::topo {
namespace {

std::string dump(std::string_view xml) {
  Diagnostics d;
  auto spec = load_topology_string(xml, "t.xml", d);
  EXPECT_FALSE(d.has_errors()) << d.render();
  return spec ? dump_topology(*spec) : "";
}

TEST(Dump, ShowsEveryValueIncludingDefaults) {
  EXPECT_EQ(dump(R"(<topology name="t"><network name="n">
<host name="pc1" ip="10.0.0.1/24" gateway="10.0.0.254"><listen protocol="tcp" port="22"/></host>
<switch name="sw1"/>
<link a="pc1" b="sw1"/>
</network></topology>)"),
            "topology t\n"
            "network n\n"
            "  host pc1\n"
            "    interface eth0 ip=10.0.0.1/24 gateway=10.0.0.254 mac=(derived)\n"
            "    listen tcp 22\n"
            "  switch sw1 aging=(default)\n"
            "  link pc1 sw1 latency=100us bandwidth=(unlimited) down=false\n");
}

TEST(Dump, SaysWhichDevicesAreDownAndNothingOfThoseThatAreUp) {
  const std::string out = dump(R"(<topology name="t">
<internet><host name="client" ip="198.51.100.10" down="true"/></internet>
<vpc name="v" cidr="10.0.0.0/16"><subnet name="s" cidr="10.0.1.0/24"/>
<nat-gateway name="nat" subnet="s" ip="10.0.1.20" elastic-ip="203.0.113.20" down="true"/>
<instance name="web" subnet="s" ip="10.0.1.10" down="true"/><instance name="db" subnet="s" ip="10.0.1.11"/></vpc>
<network name="n"><host name="pc1" ip="10.9.0.1/24" down="true"/><router name="r1" down="true"/>
<switch name="sw1" down="true"/><hub name="hub1" down="true"/><host name="pc2" ip="10.9.0.2/24"/></network>
</topology>)");
  for (const char* line :
       {"  host client ip=198.51.100.10 down=true\n",
        "  nat-gateway nat subnet=s ip=10.0.1.20 elastic-ip=203.0.113.20 down=true\n",
        "mac=(derived) down=true\n", "  host pc1 down=true\n", "  router r1 down=true\n",
        "  switch sw1 aging=(default) down=true\n", "  hub hub1 down=true\n", "  host pc2\n"}) {
    EXPECT_NE(out.find(line), std::string::npos) << line << "\nin:\n" << out;
  }
  EXPECT_EQ(out.find("db subnet=s ip=10.0.1.11 public-ip=(none) security-groups=(default) "
                     "source-dest-check=true mac=(derived) down"),
            std::string::npos)
      << out;
}

TEST(Dump, IsTheSameWhateverTheOrderOfNamedSiblings) {
  const std::string a = dump(R"(<topology name="t"><vpc name="v" cidr="10.0.0.0/16">
<subnet name="b" cidr="10.0.2.0/24"/><subnet name="a" cidr="10.0.1.0/24"/>
<security-group name="g"><inbound protocol="tcp" ports="22" source="10.0.0.0/8"/>
<inbound protocol="all" source-group="g"/></security-group>
<nacl name="n"><rule number="200" direction="inbound" action="deny" protocol="all" cidr="0.0.0.0/0"/>
<rule number="100" direction="inbound" action="allow" protocol="tcp" ports="80-90" cidr="0.0.0.0/0"/></nacl>
</vpc></topology>)");
  const std::string b = dump(R"(<topology name="t"><vpc name="v" cidr="10.0.0.0/16">
<nacl name="n"><rule number="100" direction="inbound" action="allow" protocol="tcp" ports="80-90" cidr="0.0.0.0/0"/>
<rule number="200" direction="inbound" action="deny" protocol="all" cidr="0.0.0.0/0"/></nacl>
<security-group name="g"><inbound protocol="all" source-group="g"/>
<inbound protocol="tcp" ports="22" source="10.0.0.0/8"/></security-group>
<subnet name="a" cidr="10.0.1.0/24"/><subnet name="b" cidr="10.0.2.0/24"/>
</vpc></topology>)");
  EXPECT_EQ(a, b);
  EXPECT_NE(a.find("    rule inbound 100 allow tcp ports=80-90 cidr=0.0.0.0/0\n"
                   "    rule inbound 200 deny all cidr=0.0.0.0/0\n"),
            std::string::npos)
      << a;
}

// Services: zones as zone-file lines, load balancers, target groups, DHCP and DNS settings.
constexpr std::string_view kServices = R"(<topology name="t">
  <internet><host name="client" ip="198.51.100.10"><dns-server/></host></internet>
  <dns-zone name="example.net" private-to="v"><record name="www" type="A" alias="web"/></dns-zone>
  <dns-zone name="example.net">
    <record name="www" type="CNAME" value="lb.example.net"/>
    <record name="@" type="A" value="203.0.113.5" ttl="60"/>
    <record name="*" type="A" value="203.0.113.50"/>
    <record name="_ssh._tcp.a" type="SRV" value="10 5 2201 gw.example.net"/>
  </dns-zone>
  <vpc name="v" cidr="10.0.0.0/16">
    <internet-gateway name="igw"/>
    <subnet name="s" cidr="10.0.1.0/24"/>
    <target-group name="tg-b" protocol="HTTP" port="8080"><target instance="web" port="8081"/></target-group>
    <target-group name="tg-a" protocol="HTTP" port="80"><target instance="web"/></target-group>
    <load-balancer name="alb" type="application" subnets="s" elastic-ip="203.0.113.50">
      <listener protocol="HTTPS" port="443" forward="tg-a">
        <rule priority="20" path="/b/*" forward="tg-b"/>
        <rule priority="10" host="*.example.net" fixed-response="404"/>
      </listener>
      <listener protocol="HTTP" port="80" redirect="HTTPS:443"/>
    </load-balancer>
    <instance name="web" subnet="s" ip="10.0.1.10"><listen protocol="tcp" port="80"/></instance>
    <instance name="d" subnet="s" ip="dhcp"/>
  </vpc>
  <network name="n">
    <router name="r1"><interface name="eth0" ip="192.168.0.1/24"/>
      <dhcp-server interface="eth0" pool="192.168.0.100-192.168.0.110" gateway="192.168.0.1" dns="192.168.0.1"/></router>
    <host name="pc" ip="dhcp" resolver="192.168.0.1"/>
    <switch name="sw"/>
    <link a="r1:eth0" b="sw"/><link a="pc" b="sw"/>
  </network>
</topology>)";

TEST(Dump, ShowsLoadBalancersTargetGroupsAndDhcpInCanonicalOrder) {
  const std::string d = dump(kServices);
  EXPECT_NE(d.find("  load-balancer alb type=application scheme=internet-facing subnets=s "
                   "security-groups=(default) ip=(derived) elastic-ip=203.0.113.50\n"
                   "    listener HTTP 80 default=redirect HTTPS:443 301\n"
                   "    listener HTTPS 443 default=forward tg-a\n"
                   "      rule 10 host=*.example.net path=(any) fixed-response 404\n"
                   "      rule 20 host=(any) path=/b/* forward tg-b\n"
                   "  target-group tg-a protocol=HTTP port=80\n"
                   "    target web port=(group)\n"
                   "  target-group tg-b protocol=HTTP port=8080\n"
                   "    target web port=8081\n"),
            std::string::npos)
      << d;
  for (const char* line :
       {"  host client ip=198.51.100.10\n    dns-server\n",
        "  instance d subnet=s ip=10.0.1.4 dhcp=leased server=v:s public-ip=(none) ",
        "    interface eth0 ip=192.168.0.100/24 dhcp=leased server=r1:eth0 gateway=192.168.0.1 "
        "mac=(derived)\n    resolver 192.168.0.1\n",
        "    dhcp-server interface=eth0 pool=192.168.0.100-192.168.0.110 gateway=192.168.0.1 "
        "dns=192.168.0.1 lease=3600s\n"}) {
    EXPECT_NE(d.find(line), std::string::npos) << line << "\nin:\n" << d;
  }
  // A plain instance says nothing of DHCP.
  EXPECT_NE(d.find("  instance web subnet=s ip=10.0.1.10 public-ip=(none)"), std::string::npos)
      << d;
}

TEST(Dump, PrintsZonesAsZoneFileLinesSortedByZoneThenRecord) {
  const std::string d = dump(kServices);
  EXPECT_NE(d.find("dns-zone example.net private-to=(public)\n"
                   "  *.example.net. 300 IN A 203.0.113.50\n"
                   "  _ssh._tcp.a.example.net. 300 IN SRV 10 5 2201 gw.example.net.\n"
                   "  example.net. 60 IN A 203.0.113.5\n"
                   "  www.example.net. 300 IN CNAME lb.example.net.\n"
                   "dns-zone example.net private-to=v\n"
                   "  www.example.net. 300 IN A alias=web\n"),
            std::string::npos)
      << d;
  // The order of zones, records, listeners, rules and groups in the file does not matter.
  std::string shuffled(kServices);
  auto swap = [&](const std::string& a, const std::string& b) {
    size_t pa = shuffled.find(a), pb = shuffled.find(b);
    ASSERT_NE(pa, std::string::npos);
    ASSERT_NE(pb, std::string::npos);
    ASSERT_LT(pa + a.size(), pb);
    shuffled = shuffled.substr(0, pa) + b + shuffled.substr(pa + a.size(), pb - pa - a.size()) + a +
               shuffled.substr(pb + b.size());
  };
  swap(R"(<record name="www" type="CNAME" value="lb.example.net"/>)",
       R"(<record name="_ssh._tcp.a" type="SRV" value="10 5 2201 gw.example.net"/>)");
  swap(R"(<rule priority="20" path="/b/*" forward="tg-b"/>)",
       R"(<rule priority="10" host="*.example.net" fixed-response="404"/>)");
  swap(
      R"(<target-group name="tg-b" protocol="HTTP" port="8080"><target instance="web" port="8081"/></target-group>)",
      R"(<target-group name="tg-a" protocol="HTTP" port="80"><target instance="web"/></target-group>)");
  EXPECT_EQ(dump(shuffled), d);
}

TEST(Dump, KeepsLinksInFileOrderBecauseSwitchPortsFollowIt) {
  const std::string d = dump(R"(<topology name="t"><network name="n">
<switch name="s"/><hub name="h1"/><hub name="h2"/>
<link a="s" b="h2" latency="2ms"/><link a="s" b="h1" latency="1.5s"/>
</network></topology>)");
  EXPECT_NE(d.find("  link s h2 latency=2ms bandwidth=(unlimited) down=false\n"
                   "  link s h1 latency=1500ms bandwidth=(unlimited) down=false\n"),
            std::string::npos)
      << d;
}

}  // namespace
}  // namespace vpcsim::topo
