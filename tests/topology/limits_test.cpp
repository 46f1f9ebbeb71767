// The limits of topology/limits.hpp: a file one past each limit gets exactly one
// error with the limit's code, at the first element beyond it, and nothing of
// that kind is read. The inputs are generated here (some are tens of megabytes)
// rather than committed. Also: docs/fuzzing.md's table shows every limit with
// its value, so the two cannot drift apart.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include <unistd.h>

#include "topology/limits.hpp"
#include "topology/scenario_loader.hpp"
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

// `head`, then `count` copies of `piece` (NNN in it replaced by the copy's
// index), then `tail`.
std::string generate(std::string_view head, std::string_view piece, uint64_t count,
                     std::string_view tail) {
  std::string out(head);
  const size_t at = piece.find("NNN");
  out.reserve(head.size() + count * (piece.size() + 6) + tail.size());
  for (uint64_t i = 0; i < count; ++i) {
    if (at == std::string_view::npos) {
      out.append(piece);
    } else {
      out.append(piece.substr(0, at)).append(std::to_string(i)).append(piece.substr(at + 3));
    }
  }
  out.append(tail);
  return out;
}

// Loads (and validates when it loaded cleanly) as `vpcsim lint` does.
Diagnostics lint(const std::string& xml) {
  Diagnostics d;
  auto spec = load_topology_string(xml, "big.xml", d);
  if (spec && !d.has_errors()) d.append(validate(*spec));
  d.sort();
  return d;
}

// Exactly one diagnostic, an error with `code` on `line`.
void expect_only(const Diagnostics& d, const std::string& code, uint32_t line) {
  ASSERT_EQ(d.items().size(), 1u) << d.render().substr(0, 2000);
  const Diagnostic& e = d.items().front();
  EXPECT_EQ(e.severity, Severity::Error);
  EXPECT_EQ(e.code, code) << d.render();
  EXPECT_EQ(e.loc.line, line) << d.render();
  EXPECT_NE(e.message.find("docs/fuzzing.md"), std::string::npos) << e.message;
}

// One element per line from line 3 on: the element past a limit of N is on line N + 3.
constexpr std::string_view kNetworkHead = "<topology name=\"t\">\n<network name=\"n\">\n";
constexpr std::string_view kNetworkTail = "</network>\n</topology>\n";

TEST(Limits, NodesPastTheLimitAreReportedAtTheFirstOneBeyond) {
  Diagnostics d = lint(generate(kNetworkHead, "<hub/>\n", limits::kMaxNodes + 1, kNetworkTail));
  expect_only(d, "too-many-nodes", limits::kMaxNodes + 3);
}

TEST(Limits, LinksPastTheLimit) {
  Diagnostics d = lint(generate(kNetworkHead, "<link/>\n", limits::kMaxLinks + 1, kNetworkTail));
  expect_only(d, "too-many-links", uint32_t(limits::kMaxLinks + 3));
}

TEST(Limits, InterfacesOfOneRouter) {
  Diagnostics d = lint(generate(
      "<topology name=\"t\">\n<network name=\"n\">\n<router name=\"r\">\n", "<interface/>\n",
      limits::kMaxPortsPerDevice + 1, "</router>\n</network>\n</topology>\n"));
  expect_only(d, "too-many-ports", limits::kMaxPortsPerDevice + 4);
}

TEST(Limits, LinksOfOneSwitchAreCheckedByTheValidator) {
  // A valid file otherwise: hosts h0, h1... each linked to sw.
  const uint64_t n = limits::kMaxPortsPerDevice + 1;
  std::string xml;
  xml.append(kNetworkHead).append("<switch name=\"sw\"/>\n");
  for (uint64_t i = 0; i < n; ++i) {
    xml += "<host name=\"h" + std::to_string(i) + "\" ip=\"10." + std::to_string(i / 256) + "." +
           std::to_string(i % 256) + ".1/8\"/>\n";
  }
  xml = generate(xml, "<link a=\"hNNN\" b=\"sw\"/>\n", n, kNetworkTail);
  Diagnostics d = lint(xml);
  // The links start on line 4 + n; the one past the limit is the n-th.
  expect_only(d, "too-many-ports", uint32_t(3 + n + n));
}

TEST(Limits, RoutesOfOneNode) {
  Diagnostics d = lint(
      generate("<topology name=\"t\">\n<network name=\"n\">\n<router name=\"r\">\n", "<route/>\n",
               limits::kMaxRoutesPerNode + 1, "</router>\n</network>\n</topology>\n"));
  expect_only(d, "too-many-routes", limits::kMaxRoutesPerNode + 4);
}

TEST(Limits, HostsOfTheInternet) {
  Diagnostics d = lint(generate("<topology name=\"t\">\n<internet>\n", "<host/>\n",
                                limits::kMaxInternetHosts + 1, "</internet>\n</topology>\n"));
  expect_only(d, "too-many-ports", limits::kMaxInternetHosts + 3);
}

constexpr std::string_view kVpcHead =
    "<topology name=\"t\">\n<vpc name=\"v\" cidr=\"10.0.0.0/16\">\n";
constexpr std::string_view kVpcTail = "</vpc>\n</topology>\n";

TEST(Limits, SubnetsAndTablesOfOneVpc) {
  expect_only(lint(generate(kVpcHead, "<subnet/>\n", limits::kMaxSubnetsPerVpc + 1, kVpcTail)),
              "too-many-subnets", limits::kMaxSubnetsPerVpc + 3);
  for (const char* table : {"<route-table/>\n", "<nacl/>\n", "<security-group/>\n"}) {
    SCOPED_TRACE(table);
    expect_only(lint(generate(kVpcHead, table, limits::kMaxTablesPerVpc + 1, kVpcTail)),
                "too-many-tables", limits::kMaxTablesPerVpc + 3);
  }
}

TEST(Limits, RulesAndRoutesOfOneTable) {
  struct Case {
    std::string open, piece, close, code;
  };
  const Case cases[] = {
      {"<security-group name=\"sg\">\n", "<inbound/>\n", "</security-group>\n", "too-many-rules"},
      {"<security-group name=\"sg\">\n", "<outbound/>\n", "</security-group>\n", "too-many-rules"},
      {"<nacl name=\"acl\">\n", "<rule/>\n", "</nacl>\n", "too-many-rules"},
      {"<route-table name=\"rt\">\n", "<route/>\n", "</route-table>\n", "too-many-routes"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.piece);
    std::string head = std::string(kVpcHead) + c.open;
    expect_only(lint(generate(head, c.piece, limits::kMaxRulesPerTable + 1,
                              c.close + std::string(kVpcTail))),
                c.code, limits::kMaxRulesPerTable + 4);
  }
}

TEST(Limits, VpcsOfOneTopology) {
  Diagnostics d =
      lint(generate("<topology name=\"t\">\n", "<vpc name=\"vNNN\" cidr=\"10.0.0.0/16\"/>\n",
                    limits::kMaxVpcs + 1, "</topology>\n"));
  expect_only(d, "too-many-vpcs", limits::kMaxVpcs + 2);
}

TEST(Limits, NestingDeeperThanTheLimitIsReportedInsteadOfTheUnknownElement) {
  // Root at depth 1, then <x> elements, one per line: the first past the limit is
  // on line kMaxXmlDepth + 1.
  std::string xml = "<topology name=\"t\">\n";
  for (uint32_t i = 1; i <= limits::kMaxXmlDepth; ++i) xml += "<x>\n";
  for (uint32_t i = 1; i <= limits::kMaxXmlDepth; ++i) xml += "</x>\n";
  xml += "</topology>\n";
  Diagnostics d;
  (void)load_topology_string(xml, "deep.xml", d);
  expect_only(d, "too-deep", limits::kMaxXmlDepth + 1);
  // At the limit itself, the file is read (and its unknown <x> reported).
  Diagnostics at_limit;
  std::string ok = "<topology name=\"t\">\n";
  for (uint32_t i = 2; i <= limits::kMaxXmlDepth; ++i) ok += "<x>\n";
  for (uint32_t i = 2; i <= limits::kMaxXmlDepth; ++i) ok += "</x>\n";
  ok += "</topology>\n";
  EXPECT_TRUE(load_topology_string(ok, "deep.xml", at_limit).has_value());
  ASSERT_EQ(at_limit.items().size(), 1u) << at_limit.render();
  EXPECT_EQ(at_limit.items().front().code, "unknown-element");
}

TEST(Limits, NestingIsCheckedUnderUnknownElementsAtAnyDepth) {
  // The unknown element sits inside a known one (a host in a network), so the
  // check starts from the depth of its parent, not from the root.
  std::string xml = "<topology name=\"t\">\n<network name=\"n\">\n<host name=\"h\">\n";
  for (uint32_t i = 4; i <= limits::kMaxXmlDepth + 1; ++i) xml += "<x>\n";
  for (uint32_t i = 4; i <= limits::kMaxXmlDepth + 1; ++i) xml += "</x>\n";
  xml += "</host>\n</network>\n</topology>\n";
  Diagnostics d;
  (void)load_topology_string(xml, "deep.xml", d);
  expect_only(d, "too-deep", limits::kMaxXmlDepth + 1);
}

TEST(Limits, AttributesOfOneElement) {
  // Unknown attributes are errors anyway; past the limit the rest are not even looked at.
  std::string xml =
      generate("<topology name=\"t\"\n", " aNNN=\"\"", limits::kMaxAttributes, "/>\n");
  Diagnostics d;
  (void)load_topology_string(xml, "attrs.xml", d);
  ASSERT_EQ(d.items().size(), size_t(limits::kMaxAttributes)) << d.render().substr(0, 2000);
  EXPECT_EQ(d.items().back().code, "too-many-attributes");
  for (size_t i = 0; i + 1 < d.items().size(); ++i)
    EXPECT_EQ(d.items()[i].code, "unknown-attribute");
}

TEST(Limits, AFileLargerThanTheLimitIsNotRead) {
  // A sparse file: the size is checked before a byte is read.
  const fs::path dir = fs::temp_directory_path() / ("vpcsim-limits-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path big = dir / "big.xml";
  { std::ofstream(big) << "<topology name=\"t\"/>"; }
  fs::resize_file(big, limits::kMaxFileBytes + 1);
  Diagnostics d;
  EXPECT_FALSE(load_topology_file(big.string(), d).has_value());
  ASSERT_EQ(d.items().size(), 1u) << d.render();
  EXPECT_EQ(d.items().front().code, "too-large");
  EXPECT_EQ(d.items().front().loc.line, 0u);  // the file as a whole
  Diagnostics s;
  EXPECT_FALSE(load_scenario_file(big.string(), s).has_value());
  ASSERT_EQ(s.items().size(), 1u) << s.render();
  EXPECT_EQ(s.items().front().code, "too-large");
  fs::remove_all(dir);
}

TEST(Limits, ProbesOfOneScenario) {
  std::string xml = generate("<scenario name=\"s\" topology=\"t.xml\">\n", "<probe/>\n",
                             limits::kMaxScenarioItems + 1, "</scenario>\n");
  Diagnostics d;
  auto spec = load_scenario_string(xml, "big-scenario.xml", d);
  ASSERT_TRUE(spec.has_value());
  expect_only(d, "too-many-probes", limits::kMaxScenarioItems + 2);
  EXPECT_TRUE(spec->items.empty());
}

TEST(Limits, ProbeCountAndHopsPastTheLimit) {
  auto code_of = [](const std::string& attrs) {
    Diagnostics d;
    (void)load_scenario_string(
        "<scenario name=\"s\" topology=\"t.xml\"><probe " + attrs + "/></scenario>", "s.xml", d);
    return d.items().empty() ? std::string() : d.items().front().code;
  };
  const std::string count = std::to_string(limits::kMaxProbeCount);
  const std::string hops = std::to_string(limits::kMaxProbeHops);
  EXPECT_EQ(
      code_of("type=\"ping\" from=\"a\" to=\"b\" expect=\"reachable\" count=\"" + count + "\""),
      "");
  EXPECT_EQ(code_of("type=\"ping\" from=\"a\" to=\"b\" expect=\"reachable\" count=\"" +
                    std::to_string(limits::kMaxProbeCount + 1) + "\""),
            "bad-number");
  EXPECT_EQ(code_of("type=\"traceroute\" from=\"a\" to=\"b\" expect=\"reachable\" max-hops=\"" +
                    hops + "\""),
            "");
  EXPECT_EQ(code_of("type=\"traceroute\" from=\"a\" to=\"b\" expect=\"reachable\" max-hops=\"" +
                    std::to_string(limits::kMaxProbeHops + 1) + "\""),
            "bad-number");
}

// Every `inline constexpr ... kMax... = ...;` of limits.hpp, by name, with the
// value the compiler sees.
const std::map<std::string, uint64_t>& limit_values() {
  static const std::map<std::string, uint64_t> values = {
      {"kMaxFileBytes", limits::kMaxFileBytes},
      {"kMaxXmlDepth", limits::kMaxXmlDepth},
      {"kMaxAttributes", limits::kMaxAttributes},
      {"kMaxNodes", limits::kMaxNodes},
      {"kMaxLinks", limits::kMaxLinks},
      {"kMaxPortsPerDevice", limits::kMaxPortsPerDevice},
      {"kMaxRoutesPerNode", limits::kMaxRoutesPerNode},
      {"kMaxRulesPerTable", limits::kMaxRulesPerTable},
      {"kMaxSubnetsPerVpc", limits::kMaxSubnetsPerVpc},
      {"kMaxTablesPerVpc", limits::kMaxTablesPerVpc},
      {"kMaxVpcs", limits::kMaxVpcs},
      {"kMaxInternetHosts", limits::kMaxInternetHosts},
      {"kMaxScenarioItems", limits::kMaxScenarioItems},
      {"kMaxProbeCount", limits::kMaxProbeCount},
      {"kMaxProbeHops", limits::kMaxProbeHops},
      {"kMaxJsonBytes", limits::kMaxJsonBytes},
      {"kMaxJsonDepth", limits::kMaxJsonDepth},
  };
  return values;
}

// 1234567 -> "1,234,567", as the doc writes numbers.
std::string with_commas(uint64_t v) {
  std::string digits = std::to_string(v), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

TEST(Limits, EveryLimitOfTheHeaderIsListedHere) {
  const std::string header = read(kRoot / "topology/limits.hpp");
  const std::regex decl(R"(inline constexpr \w+ (k\w+) =)");
  std::set<std::string> declared;
  for (auto it = std::sregex_iterator(header.begin(), header.end(), decl);
       it != std::sregex_iterator(); ++it) {
    declared.insert((*it)[1]);
  }
  std::set<std::string> listed;
  for (const auto& [name, value] : limit_values()) listed.insert(name);
  EXPECT_EQ(declared, listed);
}

TEST(Limits, DocsTableShowsEveryLimitWithItsValue) {
  // Rows of docs/fuzzing.md: | `kName` | 1,234 | ... |
  const std::string doc = read(kRoot / "docs/fuzzing.md");
  const std::regex row(R"(\|\s*`(k\w+)`\s*\|\s*([0-9,]+)\s*\|)");
  std::map<std::string, std::string> shown;
  for (auto it = std::sregex_iterator(doc.begin(), doc.end(), row); it != std::sregex_iterator();
       ++it) {
    shown[(*it)[1]] = (*it)[2];
  }
  for (const auto& [name, value] : limit_values()) {
    ASSERT_TRUE(shown.count(name)) << "docs/fuzzing.md has no row for " << name;
    EXPECT_EQ(shown[name], with_commas(value)) << name;
  }
  EXPECT_EQ(shown.size(), limit_values().size())
      << "docs/fuzzing.md lists a limit the header lacks";
}

}  // namespace
}  // namespace vpcsim::topo
