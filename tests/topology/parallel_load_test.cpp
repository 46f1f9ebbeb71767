// The loader reads a big <network>'s children on several threads and builds a
// big file's line index beside the XML parse (LoadOptions). Whatever it
// chooses, the spec (element order and source locations included) and the
// diagnostics (in their order) must be those of one thread.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "topology/dump.hpp"
#include "topology/xml_loader.hpp"

namespace vpcsim::topo {
namespace {

struct Loaded {
  bool ok = false;
  std::string dump;         // every value, sorted by name
  std::string order;        // nodes and links in spec order, with their locations
  std::string diagnostics;  // rendered, in the order they were reported
};

Loaded load(const std::string& xml, unsigned threads) {
  LoadOptions options;
  options.reader_threads = threads;
  options.children_per_thread = 1;  // split even a small network
  Diagnostics diags;
  auto spec = load_topology_string(xml, "big.xml", diags, options);
  Loaded out;
  out.ok = spec.has_value();
  out.diagnostics = diags.render();
  if (!spec) return out;
  out.dump = dump_topology(*spec);
  for (const NetworkSpec& net : spec->networks) {
    for (const NodeSpec& n : net.nodes) {
      out.order += n.name + "@" + n.loc.str();
      for (const InterfaceSpec& i : n.interfaces) out.order += " " + i.name + "@" + i.loc.str();
      for (const RouteSpec& r : n.routes) out.order += " route@" + r.loc.str();
      out.order += '\n';
    }
    for (const LinkSpec& l : net.links) {
      out.order += l.a.node + "--" + l.b.node + "@" + l.loc.str() + '\n';
    }
  }
  return out;
}

// A network of `groups` groups of children, each a router with an interface
// and a route, a switch, a host and two links, one per line; `mistakes` puts a
// different error into some groups (spread over the threads' shares).
std::string network_xml(size_t groups, bool mistakes) {
  std::string xml = "<topology name=\"big\">\n<network name=\"n\">\n";
  if (mistakes) xml += "stray text before the first element\n";
  for (size_t g = 0; g < groups; ++g) {
    const std::string id = std::to_string(g);
    const std::string net = "10." + std::to_string(g / 250) + "." + std::to_string(g % 250);
    xml += "<router name=\"r" + id + "\"><interface name=\"lan\" ip=\"" + net +
           ".1/24\"/><route destination=\"0.0.0.0/0\" via=\"" + net + ".254\"/></router>\n";
    xml += "<switch name=\"sw" + id + "\"/>\n";
    if (mistakes && g % 97 == 13) {
      xml += "<host name=\"h" + id + "\" ip=\"" + net + ".300/24\"/>\n";  // bad address
    } else if (mistakes && g % 97 == 40) {
      xml += "<hots name=\"h" + id + "\"/>\n";  // unknown element
    } else if (mistakes && g % 97 == 71) {
      xml += "<host name=\"h" + id + "\" ip=\"" + net + ".2/24\" colour=\"blue\"/>\n";
    } else {
      xml += "<host name=\"h" + id + "\" ip=\"" + net + ".2/24\" gateway=\"" + net + ".1\"/>\n";
    }
    xml += "<link a=\"r" + id + ":lan\" b=\"sw" + id + "\"/>\n";
    if (mistakes && g % 97 == 90) {
      xml += "<link a=\"h" + id + "\" b=\"sw" + id + "\" latency=\"fast\"/>\n";  // bad latency
    } else {
      xml += "<link a=\"h" + id + "\" b=\"sw" + id + "\" latency=\"1us\"/>\n";
    }
    if (mistakes && g % 97 == 55) xml += "text between devices\n";
  }
  // Last, so in the last thread's share: a LAN whose host asks for DHCP (the
  // loader plans leases only when some reader saw DHCP).
  xml +=
      "<router name=\"dr\"><interface name=\"eth0\" ip=\"192.168.0.1/24\"/>"
      "<dhcp-server interface=\"eth0\" pool=\"192.168.0.100-192.168.0.199\"/></router>\n"
      "<switch name=\"dsw\"/>\n<host name=\"dpc\" ip=\"dhcp\"/>\n"
      "<link a=\"dr:eth0\" b=\"dsw\"/>\n<link a=\"dpc\" b=\"dsw\"/>\n";
  xml += "</network>\n</topology>\n";
  return xml;
}

// Loads `xml` on 2, 3, 4 and 8 threads and compares each with `one`.
void expect_as_one_thread(const std::string& xml, const Loaded& one) {
  for (unsigned threads : {2U, 3U, 4U, 8U}) {
    const Loaded many = load(xml, threads);
    ASSERT_TRUE(many.ok);
    EXPECT_EQ(many.diagnostics, one.diagnostics) << threads << " threads";
    EXPECT_EQ(many.dump, one.dump) << threads << " threads";
    EXPECT_EQ(many.order, one.order) << threads << " threads";
  }
}

TEST(ParallelLoad, SameSpecAsOneThread) {
  const std::string xml = network_xml(400, false);  // 2,000 children
  const Loaded one = load(xml, 1);
  ASSERT_TRUE(one.ok);
  ASSERT_EQ(one.diagnostics, "");
  EXPECT_NE(one.order.find("h399@big.xml:"), std::string::npos);
  EXPECT_NE(one.dump.find("dhcp=leased"), std::string::npos) << "no lease planned for dpc";
  expect_as_one_thread(xml, one);
}

TEST(ParallelLoad, SameDiagnosticsInTheSameOrder) {
  const std::string xml = network_xml(400, true);
  const Loaded one = load(xml, 1);
  ASSERT_TRUE(one.ok);
  // Mistakes from the first line of the network to its last quarter, so in
  // every thread's share.
  for (const char* what : {"big.xml:2:19: error: unexpected text", "'h13'", "hots", "colour",
                           "fast", "'h207'", "'h304'"}) {
    EXPECT_NE(one.diagnostics.find(what), std::string::npos) << what << "\n" << one.diagnostics;
  }
  expect_as_one_thread(xml, one);
}

// A file of more than 4 MB has its line index built beside the parse: the
// locations must not change, including those of a syntax error.
TEST(ParallelLoad, BigFileLocationsAsOneThread) {
  std::string xml = network_xml(24000, true);
  ASSERT_GT(xml.size(), size_t(4) << 20);
  const Loaded one = load(xml, 1);
  const Loaded many = load(xml, 2);
  ASSERT_TRUE(one.ok);
  EXPECT_NE(one.diagnostics, "");
  EXPECT_EQ(many.diagnostics, one.diagnostics);
  EXPECT_EQ(many.order, one.order);

  // Unclosed at the end: pugixml stops after the last line, "</network>".
  xml.erase(xml.rfind("</topology>"));
  const size_t lines = size_t(std::count(xml.begin(), xml.end(), '\n'));
  const Loaded broken_one = load(xml, 1);
  const Loaded broken_many = load(xml, 2);
  EXPECT_FALSE(broken_one.ok);
  EXPECT_NE(broken_one.diagnostics.find("big.xml:" + std::to_string(lines) + ":11: error"),
            std::string::npos)
      << broken_one.diagnostics;
  EXPECT_EQ(broken_many.diagnostics, broken_one.diagnostics);
}

}  // namespace
}  // namespace vpcsim::topo
