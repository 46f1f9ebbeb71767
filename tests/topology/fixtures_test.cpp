// Bad-input fixtures: tests/data/bad/NAME.xml must render exactly
// tests/data/bad/NAME.expected (load, then validate if it loaded cleanly, sorted),
// with the file named as "tests/data/bad/NAME.xml" whatever the working
// directory. Good topologies in tests/data/good must produce nothing at all.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "topology/validate.hpp"
#include "topology/xml_loader.hpp"

namespace vpcsim::topo {
namespace {

namespace fs = std::filesystem;

const fs::path kRoot = VPCSIM_REPO_ROOT;

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<fs::path> xml_files(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ".xml") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// What `vpcsim lint` shows: syntax errors alone, or else the semantic findings.
Diagnostics lint(const fs::path& file, const std::string& label) {
  Diagnostics d;
  auto spec = load_topology_string(read(file), label, d);
  if (spec && !d.has_errors()) d.append(validate(*spec));
  d.sort();
  return d;
}

TEST(BadFixtures, EachRendersExactlyItsExpectedDiagnostics) {
  auto files = xml_files(kRoot / "tests/data/bad");
  ASSERT_FALSE(files.empty());
  for (const fs::path& xml : files) {
    const std::string name = xml.stem().string();
    SCOPED_TRACE(name);
    fs::path expected = xml;
    expected.replace_extension(".expected");
    ASSERT_TRUE(fs::exists(expected)) << "missing " << expected;
    Diagnostics d = lint(xml, "tests/data/bad/" + name + ".xml");
    EXPECT_EQ(d.render(), read(expected));
    EXPECT_FALSE(d.items().empty()) << "a bad fixture must produce a diagnostic";
  }
}

TEST(BadFixtures, EachStartsWithACommentSayingWhyItIsInvalid) {
  for (const fs::path& xml : xml_files(kRoot / "tests/data/bad")) {
    EXPECT_EQ(read(xml).rfind("<!-- ", 0), 0u) << xml;
  }
}

TEST(BadFixtures, EveryExpectedFileHasItsXml) {
  for (const auto& e : fs::directory_iterator(kRoot / "tests/data/bad")) {
    if (e.path().extension() != ".expected") continue;
    fs::path xml = e.path();
    xml.replace_extension(".xml");
    EXPECT_TRUE(fs::exists(xml)) << "orphan " << e.path();
  }
}

TEST(BadFixtures, EveryDiagnosticCodeHasAFixture) {
  // file-not-found cannot be a fixture file; XmlLoader tests cover it.
  const std::vector<std::string> all = {
      "xml-syntax", "unknown-element", "unknown-attribute", "duplicate-attribute",
      "missing-attribute", "bad-ip", "bad-cidr", "bad-mac", "bad-duration", "bad-bandwidth",
      "bad-port", "bad-protocol", "bad-number", "bad-bool", "bad-value", "bad-name", "bad-link-end",
      "conflicting-attributes", "duplicate-element", "unexpected-text", "duplicate-name",
      "reserved-name", "duplicate-interface", "duplicate-ip", "duplicate-mac", "unknown-device",
      "unknown-interface", "port-in-use", "self-link", "gateway-off-subnet", "via-off-subnet",
      "bad-route", "duplicate-route", "unlinked-interface", "host-not-linked", "l2-loop",
      "gateway-not-found", "ambiguous-masquerade", "duplicate-listen", "duplicate-port-forward",
      "cidr-size", "subnet-outside-vpc", "subnet-overlap", "ip-outside-subnet", "reserved-ip",
      "unknown-subnet", "unknown-route-table", "unknown-nacl", "unknown-security-group",
      "unknown-route-target", "duplicate-main-route-table", "nat-without-igw",
      "nat-subnet-not-public", "nat-instance-source-dest-check", "peering-overlap", "unknown-vpc",
      "self-peering", "duplicate-peering", "duplicate-nacl-rule", "bad-rule-number",
      "peering-not-attached", "private-elastic-ip", "private-internet-ip", "eip-without-igw",
      "ports-ignored", "too-deep",
      // load balancers (docs/load-balancers.md)
      "alb-one-subnet", "bad-priority", "duplicate-listener", "duplicate-priority",
      "duplicate-subnet", "duplicate-target", "empty-target-group", "lb-action-not-supported",
      "lb-address-count", "lb-listener-protocol", "lb-needs-public-ip", "lb-protocol-not-modelled",
      "lb-redirect-loop", "lb-rule-no-condition", "lb-rules-on-nlb", "lb-subnet-not-public",
      "lb-target-group-protocol", "nlb-group-reference", "target-not-listening", "unknown-instance",
      "unknown-target-group",
      // DNS (docs/dns.md)
      "alias-not-a", "bad-dns-name", "bad-record-type", "bad-record-value", "bad-ttl",
      "cname-at-apex", "cname-conflict", "duplicate-record", "duplicate-zone",
      "resolver-not-serving", "unknown-alias-target", "unknown-resolver",
      // DHCP (docs/dhcp.md)
      "dhcp-competing-servers", "dhcp-duplicate-server", "dhcp-gateway-ignored",
      "dhcp-gateway-off-subnet", "dhcp-no-server", "dhcp-pool-conflict", "dhcp-pool-exhausted",
      "dhcp-pool-outside-subnet", "dhcp-pool-overlap", "dhcp-server-without-address",
      "dhcp-unknown-interface"};
  std::set<std::string> seen;
  for (const fs::path& xml : xml_files(kRoot / "tests/data/bad")) {
    const Diagnostics diags = lint(xml, xml.filename().string());
    for (const Diagnostic& d : diags.items()) seen.insert(d.code);
  }
  for (const std::string& code : all) EXPECT_TRUE(seen.count(code)) << "no fixture for " << code;
  for (const std::string& code : seen) {
    EXPECT_NE(std::find(all.begin(), all.end(), code), all.end())
        << "code " << code << " is missing from this list";
  }
}

TEST(GoodFixtures, LoadAndValidateWithNoDiagnosticsAtAll) {
  auto files = xml_files(kRoot / "tests/data/good");
  ASSERT_GE(files.size(), 3u);
  for (const fs::path& xml : files) {
    Diagnostics d = lint(xml, "tests/data/good/" + xml.filename().string());
    EXPECT_EQ(d.render(), "") << xml;
  }
}

}  // namespace
}  // namespace vpcsim::topo
