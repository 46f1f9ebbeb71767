// AWS constructs: what the bundled VPC topologies become.
#include <gtest/gtest.h>

#include "tests/emulate/plan_fixtures.hpp"

namespace vpcsim::emulate::test {
namespace {

const std::string kRouter = "ip -n vs-small-service-prod:router ";
const std::string kRouterIpt = "ip netns exec vs-small-service-prod:router iptables ";

TEST(VpcPlan, RouterHasABridgePerSubnetAtItsDotOne) {
  EmulationPlan plan = EmulationPlan::build(bundled("small-service"));
  const auto& c = plan.create_commands();
  EXPECT_EQ(lines_with(c, {kRouter + "link add br-public address", "type bridge"}).size(), 1u);
  EXPECT_TRUE(has_line(c, kRouter + "addr add 10.0.1.1/24 dev br-public"));
  EXPECT_TRUE(has_line(c, kRouter + "addr add 10.0.2.1/24 dev br-app"));
  EXPECT_TRUE(has_line(c, kRouter + "addr add 10.0.3.1/24 dev br-db"));
  // Instances plug into their subnet's bridge; the router knows their MACs.
  EXPECT_TRUE(has_line(c, kRouter + "link set v-app master br-app"));
  EXPECT_EQ(
      lines_with(c, {kRouter + "neigh add 10.0.2.10 lladdr", "dev br-app nud permanent"}).size(),
      1u);
  EXPECT_TRUE(has_line(c, "ip -n vs-small-service-app route add default via 10.0.2.1 dev eth0"));
}

TEST(VpcPlan, TransparentDevicesAddBackTheTtlAndSendNoIcmp) {
  EmulationPlan plan = EmulationPlan::build(bundled("small-service"));
  for (const char* node : {"prod:router", "igw", "internet:core"}) {
    std::string ipt = std::string("ip netns exec vs-small-service-") + node + " iptables ";
    EXPECT_TRUE(
        has_line(plan.create_commands(), ipt + "-t mangle -A PREROUTING -j TTL --ttl-inc 1"))
        << node;
    EXPECT_TRUE(has_line(plan.create_commands(), ipt + "-A OUTPUT -p icmp -j DROP")) << node;
  }
  // The NAT instance is a router: it decrements the TTL.
  EXPECT_TRUE(lines_with(plan.create_commands(), {"vs-small-service-nat ", "TTL"}).empty());
}

TEST(VpcPlan, RouteTablesAreKernelTablesChosenByIncomingBridge) {
  EmulationPlan plan = EmulationPlan::build(bundled("small-service"));
  const auto& c = plan.create_commands();
  // public-rt = 100, private-rt = 101, the implicit main table = 102.
  EXPECT_TRUE(has_line(c, kRouter + "rule add iif br-public table 100 pref 100"));
  EXPECT_TRUE(has_line(c, kRouter + "rule add iif br-app table 101 pref 101"));
  EXPECT_TRUE(has_line(c, kRouter + "rule add iif br-db table 101 pref 101"));
  EXPECT_TRUE(has_line(c, kRouter + "route add 10.0.2.0/24 dev br-app table 100"));
  EXPECT_TRUE(has_line(c, kRouter + "route add blackhole 10.0.0.0/16 table 100"));
  EXPECT_EQ(
      lines_with(c, {kRouter + "route replace 0.0.0.0/0 via 169.254.", "dev igw onlink table 100"})
          .size(),
      1u);
  EXPECT_TRUE(
      has_line(c, kRouter + "route replace 0.0.0.0/0 via 10.0.1.20 dev br-public table 101"));
  EXPECT_TRUE(has_line(c, kRouter + "route add blackhole default table 102"));
  // What comes from the IGW is delivered inside the VPC only.
  EXPECT_TRUE(has_line(c, kRouter + "rule add iif igw table 99 pref 99"));
  EXPECT_TRUE(has_line(c, kRouter + "route add blackhole default table 99"));
}

TEST(VpcPlan, InternetGatewayMapsPublicAddressesOneToOne) {
  EmulationPlan plan = EmulationPlan::build(bundled("small-service"));
  const auto& c = plan.create_commands();
  std::string igw = "ip netns exec vs-small-service-igw iptables ";
  EXPECT_TRUE(has_line(
      c, igw + "-t nat -A PREROUTING -i inet -d 203.0.113.10 -j DNAT --to-destination 10.0.1.10"));
  EXPECT_TRUE(has_line(
      c, igw + "-t nat -A POSTROUTING -o inet -s 10.0.1.10 -j SNAT --to-source 203.0.113.10"));
  EXPECT_TRUE(has_line(c, igw + "-A FORWARD -i vpc -o inet -s 10.0.1.20 -j ACCEPT"));
  // app and db have no public IP: their traffic stops at the IGW.
  EXPECT_TRUE(lines_with(c, {"vs-small-service-igw", "10.0.2.10"}).empty());
  EXPECT_TRUE(has_line(c, igw + "-A FORWARD -j DROP"));
  // The core routes each public address to its owner and drops the rest.
  EXPECT_TRUE(has_line(c, "ip -n vs-small-service-internet:core route add blackhole default"));
  EXPECT_TRUE(
      has_line(c, "ip -n vs-small-service-internet:core route add 198.51.100.10/32 dev client"));
  EXPECT_EQ(
      lines_with(c, {"ip -n vs-small-service-internet:core route add 203.0.113.30/32 via 169.254.",
                     "dev igw"})
          .size(),
      1u);
  EXPECT_TRUE(
      has_line(c, "ip -n vs-small-service-client route add default via 169.254.0.1 dev eth0"));
}

TEST(VpcPlan, SecurityGroupsAreStatefulChainsEndingInDrop) {
  EmulationPlan plan = EmulationPlan::build(bundled("small-service"));
  const auto& c = plan.create_commands();
  std::string db = "ip netns exec vs-small-service-db iptables ";
  EXPECT_TRUE(has_line(c, db + "-A sg-in -m conntrack --ctstate ESTABLISHED,RELATED -j RETURN"));
  // source-group: the members' addresses.
  EXPECT_TRUE(has_line(c, db + "-A sg-in -s 10.0.1.10/32 -p tcp --dport 22 -j RETURN"));
  EXPECT_TRUE(has_line(c, db + "-A sg-in -s 10.0.2.10/32 -p tcp --dport 3306 -j RETURN"));
  EXPECT_TRUE(has_line(c, db + "-A sg-in -j DROP"));
  EXPECT_TRUE(has_line(c, db + "-A sg-out -j RETURN"));  // AWS's default outbound rule
  EXPECT_TRUE(has_line(c, db + "-A INPUT -j sg-in"));
  EXPECT_TRUE(has_line(c, db + "-A OUTPUT -j sg-out"));
  // The last rule of each chain is the drop.
  std::vector<std::string> in = lines_with(c, {db + "-A sg-in "});
  EXPECT_EQ(in.back(), db + "-A sg-in -j DROP");
}

TEST(VpcPlan, SourceDestCheckOffMeansForwarding) {
  EmulationPlan plan = EmulationPlan::build(bundled("small-service"));
  const auto& c = plan.create_commands();
  EXPECT_EQ(lines_with(c, {"vs-small-service-nat ", "net.ipv4.ip_forward=1"}).size(), 1u);
  EXPECT_EQ(lines_with(c, {"vs-small-service-app ", "net.ipv4.ip_forward=0"}).size(), 1u);
  EXPECT_TRUE(has_line(
      c,
      "ip netns exec vs-small-service-nat iptables -t nat -A POSTROUTING -o eth0 -j MASQUERADE"));
  // Forwarded packets are judged inbound, then outbound.
  EXPECT_TRUE(has_line(c, "ip netns exec vs-small-service-nat iptables -A FORWARD -j sg-in"));
  EXPECT_TRUE(has_line(c, "ip netns exec vs-small-service-nat iptables -A FORWARD -j sg-out"));
}

TEST(VpcPlan, NaclsAreStatelessChainsInNumberOrder) {
  EmulationPlan plan = EmulationPlan::build(bundled("public-private-nat"));
  const auto& c = plan.create_commands();
  std::string r = "ip netns exec vs-public-private-nat-main:router iptables ";
  std::vector<std::string> in = lines_with(c, {r + "-A nacl-1-in "});
  ASSERT_EQ(in.size(), 5u);
  EXPECT_EQ(in[0], r + "-A nacl-1-in -p tcp --dport 80 -j RETURN");
  EXPECT_EQ(in[2], r + "-A nacl-1-in -s 192.0.2.0/24 -p tcp --dport 22 -j RETURN");
  EXPECT_EQ(in[3], r + "-A nacl-1-in -p tcp --dport 1024:65535 -j RETURN");
  EXPECT_EQ(in[4], r + "-A nacl-1-in -j DROP");
  EXPECT_TRUE(has_line(c, r + "-A nacl-1-out -d 10.0.1.0/24 -p icmp -j RETURN"));
  EXPECT_TRUE(has_line(c, r + "-A FORWARD -i br-public -j nacl-1-out"));
  EXPECT_TRUE(has_line(c, r + "-A FORWARD -o br-private -j nacl-2-in"));
  EXPECT_TRUE(lines_with(c, {r, "conntrack"}).empty());  // stateless
}

TEST(VpcPlan, NatGatewayMasqueradesFromPort1024AndDropsUnsolicited) {
  EmulationPlan plan = EmulationPlan::build(bundled("public-private-nat"));
  const auto& c = plan.create_commands();
  std::string nat = "ip netns exec vs-public-private-nat-nat iptables ";
  EXPECT_TRUE(has_line(c, nat + "-t nat -A POSTROUTING -o eth0 -p tcp ! -s 10.0.0.20 -j MASQUERADE "
                                "--to-ports 1024-65535"));
  EXPECT_TRUE(has_line(c, nat + "-A INPUT -j DROP"));
  EXPECT_TRUE(has_line(c,
                       "ip netns exec vs-public-private-nat-igw iptables -t nat -A POSTROUTING -o "
                       "inet -s 10.0.0.20 -j SNAT --to-source 203.0.113.20"));
}

TEST(VpcPlan, PeeringIsAVethBetweenRoutersAndNotTransitive) {
  EmulationPlan plan = EmulationPlan::build(bundled("peering"));
  const auto& c = plan.create_commands();
  EXPECT_EQ(lines_with(c, {"ip -n vs-peering-b:router link add pcx-bc", "peer name pcx-bc",
                           "netns vs-peering-c:router"})
                .size(),
            1u);
  EXPECT_EQ(lines_with(c, {"ip -n vs-peering-a:router route replace 10.2.0.0/16 via 169.254.",
                           "dev pcx-ab onlink table 100"})
                .size(),
            1u);
  // In b, what arrives from a peering may only go into b's own subnets.
  EXPECT_TRUE(has_line(c, "ip -n vs-peering-b:router rule add iif pcx-ab table 99 pref 99"));
  EXPECT_TRUE(has_line(c, "ip -n vs-peering-b:router rule add iif pcx-bc table 99 pref 99"));
  EXPECT_TRUE(has_line(c, "ip -n vs-peering-b:router route add 10.1.1.0/24 dev br-b-one table 99"));
  EXPECT_TRUE(has_line(c, "ip -n vs-peering-b:router route add blackhole default table 99"));
  // No internet anywhere: no core, no IGW.
  EXPECT_FALSE(plan.namespace_of("internet:core"));
}

TEST(VpcPlan, DefaultGroupAdmitsItsMembers) {
  EmulationPlan plan = EmulationPlan::build(bundled("four-public-subnets"));
  const auto& c = plan.create_commands();
  std::string internal = "ip netns exec vs-four-public-subnets-internal iptables ";
  EXPECT_TRUE(has_line(c, internal + "-A sg-in -s 172.31.48.10/32 -j RETURN"));
  EXPECT_TRUE(has_line(c, internal + "-A sg-in -s 172.31.0.20/32 -j RETURN"));
}

}  // namespace
}  // namespace vpcsim::emulate::test
