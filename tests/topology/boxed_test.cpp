// Boxed<T> (topology/boxed.hpp) and the loader's use of it: settings few nodes have are
// allocated only on the nodes that have them (issue 5: memory per node).
#include "topology/boxed.hpp"

#include <gtest/gtest.h>

#include <string>

#include "topology/xml_loader.hpp"

namespace vpcsim::topo {
namespace {

TEST(Boxed, StartsEmptyAndReadsAsADefaultValueThroughView) {
  Boxed<std::string> box;
  EXPECT_FALSE(box);
  EXPECT_FALSE(box.has_value());
  EXPECT_EQ(box.view(), "");
  box.ensure() = "set";
  EXPECT_TRUE(box);
  EXPECT_EQ(*box, "set");
  EXPECT_EQ(box->size(), 3u);
  box.ensure() += "!";  // ensure() keeps an existing value
  EXPECT_EQ(box.view(), "set!");
}

TEST(Boxed, CopiesAreDeepAndIndependent) {
  Boxed<std::string> a;
  a = std::string("one");
  Boxed<std::string> b = a;
  *b = "two";
  EXPECT_EQ(*a, "one");
  EXPECT_EQ(*b, "two");
  Boxed<std::string> empty;
  b = empty;
  EXPECT_FALSE(b);
  EXPECT_TRUE(a);
  Boxed<std::string> moved = std::move(a);
  EXPECT_EQ(*moved, "one");
}

TEST(Boxed, TheLoaderBoxesOnlyTheSettingsThatAreWritten) {
  Diagnostics diags;
  auto spec = load_topology_string(R"(<topology name="t">
  <network name="lan">
    <host name="plain"><interface name="eth0" ip="192.168.0.10/24"/></host>
    <host name="client" resolver="192.168.0.53"><interface name="eth0" ip="dhcp"/></host>
    <host name="server"><interface name="eth0" ip="192.168.0.53/24"/>
      <dns-server/><dhcp-server interface="eth0" pool="192.168.0.100-192.168.0.110"/></host>
    <switch name="sw"/>
    <link a="plain:eth0" b="sw"/><link a="client:eth0" b="sw"/><link a="server:eth0" b="sw"/>
  </network>
</topology>)",
                                   "t.xml", diags);
  ASSERT_TRUE(spec) << diags.render();
  const auto& nodes = spec->networks.at(0).nodes;
  const NodeSpec& plain = nodes.at(0);
  EXPECT_FALSE(plain.dns);
  EXPECT_FALSE(plain.dhcp_servers);
  EXPECT_FALSE(plain.interfaces.at(0).dhcp);
  const NodeSpec& client = nodes.at(1);
  ASSERT_TRUE(client.dns);
  EXPECT_EQ(client.dns->resolver->str(), "192.168.0.53");
  EXPECT_FALSE(client.dns->server);
  ASSERT_TRUE(client.interfaces.at(0).dhcp);
  EXPECT_EQ(client.interfaces.at(0).dhcp->server, "server");
  const NodeSpec& server = nodes.at(2);
  ASSERT_TRUE(server.dns);
  EXPECT_TRUE(server.dns->server);
  ASSERT_TRUE(server.dhcp_servers);
  EXPECT_EQ(server.dhcp_servers->size(), 1u);
}

}  // namespace
}  // namespace vpcsim::topo
