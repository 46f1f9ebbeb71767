// DNS through the whole chain: topology XML -> loader -> validate -> lower ->
// queries as real UDP packets in the simulation.
#include <gtest/gtest.h>

#include <algorithm>

#include "sim/core/simulation.hpp"
#include "sim/services/dns_client.hpp"
#include "topology/dns_lower.hpp"
#include "topology/lower.hpp"
#include "topology/validate.hpp"
#include "topology/xml_loader.hpp"

namespace vpcsim::topo {
namespace {

// Every diagnostic of `xml` (loader and validator), rendered.
std::string diagnostics_of(const std::string& xml) {
  Diagnostics d;
  auto spec = load_topology_string(xml, "t.xml", d);
  if (spec && !d.has_errors()) d.append(validate(*spec));
  d.sort();
  return d.render();
}

const char* kPlan = R"(<topology name="t">
  <internet><host name="client" ip="198.51.100.10"/></internet>
  <dns-zone name="example.net">
    <record name="www" type="A" alias="web"/>
    <record name="api" type="CNAME" value="www.example.net"/>
  </dns-zone>
  <dns-zone name="corp.example.net" private-to="prod">
    <record name="db" type="A" value="10.0.2.20"/>
  </dns-zone>
  <vpc name="prod" cidr="10.0.0.0/16">
    <internet-gateway name="igw"/>
    <route-table name="rt"><route destination="0.0.0.0/0" target="igw"/></route-table>
    <subnet name="public" cidr="10.0.1.0/24" route-table="rt"/>
    <subnet name="app" cidr="10.0.2.0/24" nacl="closed"/>
    <nacl name="closed"/>
    <instance name="web" subnet="public" ip="10.0.1.10" public-ip="203.0.113.10"/>
    <instance name="app" subnet="app" ip="10.0.2.10"/>
  </vpc>
</topology>)";

struct Plan {
  TopologySpec spec;
  std::unique_ptr<LoweredTopology> lowered;
  std::unique_ptr<sim::Simulation> sim;
  explicit Plan(const char* xml) {
    Diagnostics d;
    spec = *load_topology_string(xml, "t.xml", d);
    d.append(validate(spec));
    EXPECT_FALSE(d.has_errors()) << d.render();
    lowered = std::make_unique<LoweredTopology>(lower(spec));
    sim = std::make_unique<sim::Simulation>(std::move(lowered->network));
  }
  sim::DnsQueryResult ask(const std::string& from, const std::string& name,
                          uint16_t type = sim::dns_type::kA) {
    const Endpoint* ep = lowered->endpoint(from);
    auto resolver = resolver_of(spec, *lowered, *ep, nullptr);
    EXPECT_TRUE(resolver.has_value());
    return sim::run_dns_query(*sim, ep->device, resolver->ip, name, type);
  }
};

TEST(DnsTopology, SplitHorizonAliasAndPrivateZone) {
  Plan p(kPlan);
  auto outside = p.ask("client", "api.example.net");
  ASSERT_EQ(outside.addresses().size(), 1u);
  EXPECT_EQ(outside.addresses()[0].str(), "203.0.113.10");
  EXPECT_EQ(outside.server.str(), "8.8.8.8");
  auto inside = p.ask("web", "api.example.net");
  ASSERT_EQ(inside.addresses().size(), 1u);
  EXPECT_EQ(inside.addresses()[0].str(), "10.0.1.10");
  EXPECT_EQ(inside.server.str(), "10.0.0.2");
  EXPECT_EQ(p.ask("web", "db.corp.example.net").addresses().at(0).str(), "10.0.2.20");
  EXPECT_EQ(p.ask("client", "db.corp.example.net").reason->reason, sim::DropReason::DnsNxdomain);
}

TEST(DnsTopology, NaclsDoNotFilterTheAmazonDnsServer) {
  // Subnet app's NACL has no rule: it denies everything, except DNS to 10.0.0.2.
  Plan p(kPlan);
  auto r = p.ask("app", "www.example.net");
  EXPECT_FALSE(r.reason.has_value()) << r.reason->sentence();
  EXPECT_EQ(r.addresses().at(0).str(), "10.0.1.10");
}

TEST(DnsTopology, ResolversAreNoEndpoints) {
  Plan p(kPlan);
  for (const Endpoint& e : p.lowered->endpoints) {
    EXPECT_EQ(e.name.find(':'), std::string::npos) << e.name;
  }
  EXPECT_TRUE(p.sim->network().find("prod:dns").has_value());
  EXPECT_TRUE(p.sim->network().find("internet:dns").has_value());
}

TEST(DnsTopology, EveryMistakeOfAZoneIsReportedWithItsCode) {
  std::string out = diagnostics_of(R"(<topology name="t">
  <dns-zone name="example.net" private-to="prd">
    <record name="www" type="A" value="10.0.0.300"/>
    <record name="api" type="CNAME" value="www.example.net"/>
    <record name="api" type="A" value="10.0.0.5"/>
    <record name="srv" type="SRV" value="10 5 target"/>
    <record name="bad name" type="A" value="10.0.0.5"/>
    <record name="mx" type="MX" value="mail"/>
    <record name="al" type="CNAME" alias="web"/>
  </dns-zone>
  <dns-zone name="example.net" private-to="prd"/>
  <vpc name="prod" cidr="10.0.0.0/16"/>
</topology>)");
  for (const char* code :
       {"[bad-record-value]", "[bad-dns-name]", "[bad-record-type]", "[alias-not-a]"}) {
    EXPECT_NE(out.find(code), std::string::npos) << code << "\n" << out;
  }
  std::string semantic = diagnostics_of(R"(<topology name="t">
  <dns-zone name="example.net" private-to="prd">
    <record name="api" type="CNAME" value="www.example.net"/>
    <record name="api" type="A" value="10.0.0.5"/>
    <record name="@" type="CNAME" value="www.example.net"/>
    <record name="www" type="A" alias="wbe"/>
  </dns-zone>
  <dns-zone name="example.net" private-to="prd"/>
  <vpc name="prod" cidr="10.0.0.0/16">
    <subnet name="s" cidr="10.0.1.0/24"/>
    <instance name="web" subnet="s" ip="10.0.1.10"/>
  </vpc>
</topology>)");
  for (const char* code :
       {"[unknown-vpc]", "did you mean 'prod'?", "[cname-conflict]", "[cname-at-apex]",
        "[unknown-alias-target]", "did you mean 'web'?", "[duplicate-zone]"}) {
    EXPECT_NE(semantic.find(code), std::string::npos) << code << "\n" << semantic;
  }
}

}  // namespace
}  // namespace vpcsim::topo
