// Names across a VPC peering (docs/dns.md, "Across a peering"): EC2 public DNS
// names and public zones' alias records give a peered VPC an instance's private
// address only when the peering has dns-resolution="true" (AWS's "DNS resolution
// from the peer VPC"), its public one otherwise; a private zone's aliases are what
// the zone says.
#include <gtest/gtest.h>

#include "sim/core/simulation.hpp"
#include "sim/services/dns_client.hpp"
#include "topology/dns_lower.hpp"
#include "topology/dump.hpp"
#include "topology/lower.hpp"
#include "topology/validate.hpp"
#include "topology/xml_loader.hpp"

namespace vpcsim::topo {
namespace {

// hub (web, public IP) peered with spoke (DNS resolution on) and partner (off);
// far is peered with nothing.
const char* kPlan = R"(<topology name="t">
  <dns-zone name="example.org"><record name="www" type="A" alias="web"/></dns-zone>
  <dns-zone name="partner.internal" private-to="partner">
    <record name="web" type="A" alias="web"/>
  </dns-zone>
  <vpc name="hub" cidr="10.0.0.0/16">
    <internet-gateway name="igw"/>
    <route-table name="rt"><route destination="0.0.0.0/0" target="igw"/></route-table>
    <subnet name="public" cidr="10.0.1.0/24" route-table="rt"/>
    <instance name="web" subnet="public" ip="10.0.1.10" public-ip="203.0.113.10"/>
    <instance name="inner" subnet="public" ip="10.0.1.20"/>
  </vpc>
  <vpc name="spoke" cidr="10.1.0.0/16">
    <subnet name="s" cidr="10.1.1.0/24"/>
    <instance name="s1" subnet="s" ip="10.1.1.10"/>
  </vpc>
  <vpc name="partner" cidr="10.2.0.0/16">
    <subnet name="p" cidr="10.2.1.0/24"/>
    <instance name="p1" subnet="p" ip="10.2.1.10"/>
  </vpc>
  <vpc name="far" cidr="10.3.0.0/16">
    <subnet name="f" cidr="10.3.1.0/24"/>
    <instance name="f1" subnet="f" ip="10.3.1.10"/>
  </vpc>
  <vpc-peering name="hub-spoke" a="hub" b="spoke" dns-resolution="true"/>
  <vpc-peering name="hub-partner" a="hub" b="partner"/>
</topology>)";

struct Plan {
  TopologySpec spec;
  std::unique_ptr<LoweredTopology> lowered;
  explicit Plan(const std::string& xml) {
    Diagnostics d;
    spec = *load_topology_string(xml, "t.xml", d);
    d.append(validate(spec));
    EXPECT_FALSE(d.has_errors()) << d.render();
    lowered = std::make_unique<LoweredTopology>(lower(spec));
  }
  // What the Amazon DNS server of `from`'s VPC answers for `name` (its view).
  std::string answer(const std::string& from, const std::string& name) {
    sim::DnsView view = dns_view(spec, *lowered, *lowered->endpoint(from));
    sim::DnsLookup l = view.lookup(name, sim::dns_type::kA);
    if (l.answers.empty()) return "none";
    return l.answers.back().a.str();
  }
};

const char* kPublicName = "ec2-203-0-113-10.compute-1.amazonaws.com";

TEST(DnsPeering, TheAttributeIsReadAndDefaultsToOffAsInAws) {
  Plan p(kPlan);
  ASSERT_EQ(p.spec.peerings.size(), 2u);
  EXPECT_TRUE(p.spec.peerings[0].dns_resolution);
  EXPECT_FALSE(p.spec.peerings[1].dns_resolution);
  // dump shows it when on.
  std::string dumped = dump_topology(p.spec);
  EXPECT_NE(dumped.find("vpc-peering hub-spoke a=hub b=spoke dns-resolution=true"),
            std::string::npos)
      << dumped;
  EXPECT_NE(dumped.find("vpc-peering hub-partner a=hub b=partner\n"), std::string::npos);
}

TEST(DnsPeering, PublicDnsNameIsPrivateInsideAndAcrossAPeeringWithDnsResolution) {
  Plan p(kPlan);
  EXPECT_EQ(p.answer("inner", kPublicName), "10.0.1.10");  // its own VPC
  EXPECT_EQ(p.answer("s1", kPublicName), "10.0.1.10");     // peered, DNS resolution on
}

TEST(DnsPeering, PublicDnsNameIsPublicAcrossAPeeringWithoutDnsResolution) {
  Plan p(kPlan);
  EXPECT_EQ(p.answer("p1", kPublicName), "203.0.113.10");  // peered, option off
  EXPECT_EQ(p.answer("f1", kPublicName), "203.0.113.10");  // not peered
}

TEST(DnsPeering, PublicZoneAliasesFollowTheSameRule) {
  Plan p(kPlan);
  EXPECT_EQ(p.answer("inner", "www.example.org"), "10.0.1.10");
  EXPECT_EQ(p.answer("s1", "www.example.org"), "10.0.1.10");
  EXPECT_EQ(p.answer("p1", "www.example.org"), "203.0.113.10");
  EXPECT_EQ(p.answer("f1", "www.example.org"), "203.0.113.10");
}

TEST(DnsPeering, APrivateZoneAliasIsWhatTheZoneSays) {
  Plan p(kPlan);
  // partner's own zone names web: its private address, reached over the peering.
  EXPECT_EQ(p.answer("p1", "web.partner.internal"), "10.0.1.10");
  EXPECT_EQ(p.answer("s1", "web.partner.internal"), "none");  // not associated with spoke
}

TEST(DnsPeering, TurningTheOptionOnChangesThePartnersAnswer) {
  std::string xml = kPlan;
  const std::string off = R"(<vpc-peering name="hub-partner" a="hub" b="partner"/>)";
  xml.replace(xml.find(off), off.size(),
              R"(<vpc-peering name="hub-partner" a="hub" b="partner" dns-resolution="true"/>)");
  Plan p(xml);
  EXPECT_EQ(p.answer("p1", kPublicName), "10.0.1.10");
  EXPECT_EQ(p.answer("p1", "www.example.org"), "10.0.1.10");
  EXPECT_EQ(p.answer("f1", kPublicName), "203.0.113.10");
}

TEST(DnsPeering, AnInstanceWithoutAPublicAddressIsAlwaysPrivate) {
  std::string xml = kPlan;
  const std::string rec = R"(<record name="www" type="A" alias="web"/>)";
  xml.replace(xml.find(rec), rec.size(), R"(<record name="in" type="A" alias="inner"/>)");
  Plan p(xml);
  EXPECT_EQ(p.answer("p1", "in.example.org"), "10.0.1.20");
  EXPECT_EQ(p.answer("f1", "in.example.org"), "10.0.1.20");
}

TEST(DnsPeering, AQueryThroughTheSimulationGetsThePeeredAnswer) {
  Plan p(kPlan);
  sim::Simulation sim(std::move(p.lowered->network));
  auto ask = [&](const std::string& from) {
    const Endpoint* ep = p.lowered->endpoint(from);
    auto resolver = resolver_of(p.spec, *p.lowered, *ep, nullptr);
    auto r = sim::run_dns_query(sim, ep->device, resolver->ip, kPublicName, sim::dns_type::kA);
    return r.addresses().empty() ? std::string("none") : r.addresses()[0].str();
  };
  EXPECT_EQ(ask("s1"), "10.0.1.10");
  EXPECT_EQ(ask("p1"), "203.0.113.10");
}

TEST(DnsPeering, ABadValueIsAnError) {
  std::string xml = kPlan;
  const std::string on = R"(dns-resolution="true")";
  xml.replace(xml.find(on), on.size(), R"(dns-resolution="sometimes")");
  Diagnostics d;
  auto spec = load_topology_string(xml, "t.xml", d);
  ASSERT_TRUE(d.has_errors());
  EXPECT_NE(d.render().find("dns-resolution"), std::string::npos) << d.render();
}

}  // namespace
}  // namespace vpcsim::topo
