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
