// Requests through an application load balancer loaded from XML with the real
// loader, validator and lowering: what the client gets, who served it, and why
// a request failed.
#include <gtest/gtest.h>

#include "sim/core/simulation.hpp"
#include "sim/probes/http_request.hpp"
#include "topology/lower.hpp"
#include "topology/validate.hpp"
#include "topology/xml_loader.hpp"

namespace vpcsim {
namespace {

using sim::HttpVerdict;

// client on the internet; web-alb in two public subnets; api-1 and api-2 behind
// it (app-sg allows the load balancer's group), locked-1 whose group allows only
// the client's network, and an empty group.
constexpr std::string_view kAlb = R"(<topology name="t">
  <internet><host name="client" ip="198.51.100.10"/></internet>
  <vpc name="prod" cidr="10.0.0.0/16">
    <internet-gateway name="igw"/>
    <route-table name="rt"><route destination="0.0.0.0/0" target="igw"/></route-table>
    <subnet name="a" cidr="10.0.1.0/24" route-table="rt"/>
    <subnet name="b" cidr="10.0.2.0/24" route-table="rt"/>
    <subnet name="app" cidr="10.0.10.0/24"/>
    <security-group name="alb-sg">
      <inbound protocol="tcp" ports="80" source="0.0.0.0/0"/>
      <inbound protocol="tcp" ports="8443" source="0.0.0.0/0"/>
    </security-group>
    <security-group name="app-sg"><inbound protocol="tcp" ports="8080" source-group="alb-sg"/></security-group>
    <security-group name="locked-sg"><inbound protocol="tcp" ports="8080" source="198.51.100.0/24"/></security-group>
    <load-balancer name="web-alb" type="application" subnets="a,b" security-groups="alb-sg"
                   elastic-ip="203.0.113.50,203.0.113.51">
      <listener protocol="HTTP" port="80" fixed-response="404">
        <rule priority="20" host="*.example.net" forward="tg-api"/>
        <rule priority="10" host="locked.example.net" forward="tg-locked"/>
        <rule priority="30" path="/old/*" redirect="HTTPS:443"/>
        <rule priority="40" host="empty.test" forward="tg-empty"/>
      </listener>
    </load-balancer>
    <target-group name="tg-api" protocol="HTTP" port="8080">
      <target instance="api-1"/><target instance="api-2"/>
    </target-group>
    <target-group name="tg-locked" protocol="HTTP" port="8080"><target instance="locked-1"/></target-group>
    <target-group name="tg-empty" protocol="HTTP" port="8080"/>
    <instance name="api-1" subnet="app" ip="10.0.10.11" security-groups="app-sg"><listen protocol="tcp" port="8080"/></instance>
    <instance name="api-2" subnet="app" ip="10.0.10.12" security-groups="app-sg"><listen protocol="tcp" port="8080"/></instance>
    <instance name="locked-1" subnet="app" ip="10.0.10.31" security-groups="locked-sg"><listen protocol="tcp" port="8080"/></instance>
  </vpc>
</topology>)";

class Alb : public ::testing::Test {
 protected:
  void SetUp() override {
    topo::Diagnostics d;
    auto spec = topo::load_topology_string(kAlb, "t.xml", d);
    ASSERT_TRUE(spec && !d.has_errors()) << d.render();
    topo::Diagnostics v = topo::validate(*spec);
    ASSERT_FALSE(v.has_errors()) << v.render();
    topo_ = topo::lower(*spec);
    sim_ = std::make_unique<sim::Simulation>(std::move(topo_.network));
  }
  sim::HttpResult get(const std::string& host, const std::string& path = "/", uint16_t port = 80) {
    const topo::Endpoint* client = topo_.endpoint("client");
    return sim::run_http_request(*sim_, client->device,
                                 sim::Ipv4Addr::parse("203.0.113.50").value(), port,
                                 sim::http_request(host, path), {});
  }
  std::string served_by(const sim::HttpResult& r) const {
    return r.served_by ? sim_->network().device(*r.served_by).name() : "nobody";
  }
  topo::LoweredTopology topo_;
  std::unique_ptr<sim::Simulation> sim_;
};

TEST_F(Alb, ForwardsByHostRuleAndRoundRobinsOverTheGroup) {
  sim::HttpResult first = get("api.example.net");
  ASSERT_EQ(first.verdict, HttpVerdict::Response);
  EXPECT_EQ(first.status(), 200);
  EXPECT_EQ(served_by(first), "api-1");
  // The target sees the load balancer's own address, not the client's.
  EXPECT_EQ(first.seen_source.str(), "10.0.1.254");
  EXPECT_EQ(first.response->header("X-Served-By"), "api-1");
  sim::HttpResult second = get("chat.example.net");
  EXPECT_EQ(served_by(second), "api-2");
  EXPECT_EQ(served_by(get("api.example.net")), "api-1");
}

TEST_F(Alb, EvaluatesRulesByPriorityNotByDocumentOrder) {
  // Rule 10 (locked.example.net) comes after rule 20 (*.example.net) in the file.
  sim::HttpResult r = get("locked.example.net");
  ASSERT_EQ(r.verdict, HttpVerdict::Response);
  EXPECT_EQ(r.status(), 504);  // and locked-sg does not allow the load balancer
  ASSERT_TRUE(r.reason.has_value());
  EXPECT_EQ(sim::reason_code(r.reason->reason), "security-group");
  EXPECT_EQ(r.reason->device_name, "locked-1");
  EXPECT_EQ(served_by(r), "nobody");
}

TEST_F(Alb, RedirectsKeepHostAndPathAndFixedResponsesNeedNoTarget) {
  sim::HttpResult r = get("www.other.org", "/old/page?q=1");
  ASSERT_EQ(r.verdict, HttpVerdict::Response);
  EXPECT_EQ(r.status(), 301);
  EXPECT_EQ(r.response->header("Location"), "https://www.other.org:443/old/page?q=1");
  sim::HttpResult none = get("www.other.org", "/new");
  EXPECT_EQ(none.status(), 404);
  EXPECT_FALSE(none.reason.has_value());
}

TEST_F(Alb, AnEmptyTargetGroupAnswers503WithItsOwnReason) {
  sim::HttpResult r = get("empty.test");
  EXPECT_EQ(r.status(), 503);
  ASSERT_TRUE(r.reason.has_value());
  EXPECT_EQ(sim::reason_code(r.reason->reason), "lb-empty-target-group");
}

TEST_F(Alb, APortWithoutListenerIsDroppedAtTheLoadBalancer) {
  // alb-sg allows 8443, but no listener takes it: no answer at all.
  sim::HttpResult r = get("api.example.net", "/", 8443);
  EXPECT_EQ(r.verdict, HttpVerdict::Timeout);
  EXPECT_FALSE(r.connected);
  ASSERT_TRUE(r.reason.has_value());
  EXPECT_EQ(sim::reason_code(r.reason->reason), "lb-no-listener");
}

TEST_F(Alb, ReachesTheInternetThroughItsElasticIp) {
  // The second node (subnet b) answers on its own public address too.
  const topo::Endpoint* client = topo_.endpoint("client");
  sim::HttpResult r =
      sim::run_http_request(*sim_, client->device, sim::Ipv4Addr::parse("203.0.113.51").value(), 80,
                            sim::http_request("api.example.net", "/"), {});
  EXPECT_EQ(r.status(), 200);
  // Each node keeps its own round-robin position, as AWS's nodes route independently.
  EXPECT_EQ(served_by(r), "api-1");
}

}  // namespace
}  // namespace vpcsim
