// How the emulation fails and restores links and devices (emulate/fault_model):
// which interface each fault sets down, that the nodes at a cut link keep their
// configuration, and that a device switched back on gets its routes again.
#include <gtest/gtest.h>

#include "tests/emulate/plan_fixtures.hpp"
#include "tools/vpcsim/emulate/fault_model.hpp"

namespace vpcsim::emulate::test {
namespace {

std::vector<std::string> text(const std::vector<Command>& commands) { return lines(commands); }

TEST(FaultModel, LinkToASwitchIsPulledAtTheSwitchPort) {
  EmulationPlan plan = EmulationPlan::build(bundled("lan-link-failure"), "vs", {true});
  const FaultModel& m = plan.fault_model();
  // Named by either end, as the simulator names ports.
  std::optional<size_t> h2 = m.link("h2", "eth0");
  ASSERT_TRUE(h2);
  EXPECT_EQ(m.link("sw2", "p2"), h2);
  FaultState state(m);
  EXPECT_EQ(text(state.set_link(*h2, true)),
            std::vector<std::string>{"ip -n vs-lan-link-failure-sw2 link set p2 down"});
  EXPECT_TRUE(state.set_link(*h2, true).empty());  // already down
  EXPECT_EQ(text(state.set_link(*h2, false)),
            std::vector<std::string>{"ip -n vs-lan-link-failure-sw2 link set p2 up"});
}

TEST(FaultModel, LinkBetweenTwoRoutersIsCutInItsCable) {
  EmulationPlan plan = EmulationPlan::build(bundled("lan-link-failure"), "vs", {true});
  FaultState state(plan.fault_model());
  std::optional<size_t> wan = plan.fault_model().link("r1", "eth1");
  ASSERT_TRUE(wan);
  EXPECT_EQ(text(state.set_link(*wan, true)),
            (std::vector<std::string>{"ip -n vs-lan-link-failure-cable:4 link set end-a down",
                                      "ip -n vs-lan-link-failure-cable:4 link set end-b down"}));
}

TEST(FaultModel, WithoutCablesALinkBetweenTwoRoutersCannotFail) {
  EmulationPlan plan = EmulationPlan::build(bundled("lan-link-failure"));
  std::optional<size_t> wan = plan.fault_model().link("r2", "eth0");
  ASSERT_TRUE(wan);
  EXPECT_FALSE(plan.fault_model().links[*wan].can_fail);
  EXPECT_FALSE(plan.namespace_of("cable:4"));
}

TEST(FaultModel, SwitchOffTakesEveryPortDownAndBackWithoutTheCutOnes) {
  EmulationPlan plan = EmulationPlan::build(bundled("lan-link-failure"), "vs", {true});
  FaultState state(plan.fault_model());
  std::optional<size_t> h2 = plan.fault_model().link("h2", "eth0");
  (void)state.set_link(*h2, true);
  EXPECT_EQ(text(state.set_device("sw2", true)),
            (std::vector<std::string>{"ip -n vs-lan-link-failure-sw2 link set br0 down",
                                      "ip -n vs-lan-link-failure-sw2 link set p1 down"}));
  // Back on: the port of the pulled cable stays down.
  EXPECT_EQ(text(state.set_device("sw2", false)),
            (std::vector<std::string>{"ip -n vs-lan-link-failure-sw2 link set br0 up",
                                      "ip -n vs-lan-link-failure-sw2 link set p1 up"}));
}

TEST(FaultModel, HostSwitchedBackOnGetsItsRoutesAgain) {
  EmulationPlan plan = EmulationPlan::build(bundled("lan-link-failure"));
  FaultState state(plan.fault_model());
  EXPECT_TRUE(state.device_down("h3"));  // down="true" in the topology
  EXPECT_EQ(
      text(state.set_device("h3", false)),
      (std::vector<std::string>{
          "ip -n vs-lan-link-failure-h3 link set eth0 up",
          "ip -n vs-lan-link-failure-h3 route replace default via 10.0.1.1 dev eth0 metric 0"}));
}

TEST(FaultModel, InstanceLinkIsCutAtItsSubnetBridgePort) {
  EmulationPlan plan = EmulationPlan::build(bundled("small-service"));
  FaultState state(plan.fault_model());
  std::optional<size_t> app = plan.fault_model().link("app", "eth0");
  ASSERT_TRUE(app);
  EXPECT_EQ(text(state.set_link(*app, true)),
            std::vector<std::string>{"ip -n vs-small-service-prod:router link set v-app down"});
  // An internet host can be switched off, its link to the core cannot fail alone.
  std::optional<size_t> client = plan.fault_model().link("client", "eth0");
  ASSERT_TRUE(client);
  EXPECT_FALSE(plan.fault_model().links[*client].can_fail);
  EXPECT_EQ(text(state.set_device("client", true)),
            std::vector<std::string>{"ip -n vs-small-service-client link set eth0 down"});
}

TEST(FaultModel, LearningBridgesAreKnownWithTheirAging) {
  EmulationPlan plan = EmulationPlan::build(bundled("lan-switch-loop"));
  const FaultModel& m = plan.fault_model();
  ASSERT_EQ(m.bridges.size(), 3u);
  EXPECT_EQ(m.bridges.at("sw1").netns, "vs-lan-switch-loop-sw1");
  EXPECT_EQ(m.bridges.at("sw1").aging_ns, 300'000'000'000);
  EXPECT_EQ(m.settle_ms, 12000);  // STP: stale information ages, then listening and learning
}

}  // namespace
}  // namespace vpcsim::emulate::test
