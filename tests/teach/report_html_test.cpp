// vpcsim report: one self-contained page whose data block survives any text,
// and probe lines parsed for show --after and graph --highlight.
#include <gtest/gtest.h>

#include "tests/teach/views_test_helpers.hpp"
#include "tools/vpcsim/cli_common.hpp"
#include "tools/vpcsim/format/report_html.hpp"
#include "tools/vpcsim/probe_line.hpp"

namespace vpcsim::cli {
namespace {

using Json = nlohmann::ordered_json;

Json sample() {
  Json probe;
  probe["label"] = "ping a -> b </script><b>bold</b>";
  probe["line"] = 3;
  probe["passed"] = true;
  probe["status"] = "reachable";
  probe["detail"] = "expected reachable, got reachable";
  probe["explanation"] = "";
  probe["tool_output"] = "PING b";
  probe["path_nodes"] = Json::array();
  probe["path_edges"] = Json::array();
  probe["drop_node"] = nullptr;
  probe["events"] = Json::array();
  Json data;
  data["title"] = "Lesson: <demo> & more";
  data["subtitle"] = "1 probe";
  data["probes"] = Json::array({probe});
  return data;
}

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(ReportHtml, PageIsSelfContained) {
  std::string page = report_html(sample(), "<?xml version=\"1.0\"?>\n<svg width=\"10\"></svg>\n");
  EXPECT_EQ(page.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_EQ(page.find("<?xml"), std::string::npos) << "the SVG's prologue is dropped";
  EXPECT_NE(page.find("<svg width=\"10\"></svg>"), std::string::npos);
  for (const char* fetch : {"src=", "<link", "http://", "https://", "import(", "fetch("}) {
    EXPECT_EQ(page.find(fetch), std::string::npos) << fetch;
  }
  EXPECT_NE(page.find("<title>Lesson: &lt;demo&gt; &amp; more</title>"), std::string::npos);
}

TEST(ReportHtml, DataBlockCannotEndItsScriptEarlyAndRoundTrips) {
  std::string page = report_html(sample(), "<svg></svg>");
  EXPECT_EQ(count(page, "</script>"), 2u);  // the data block and the code, nothing else
  std::string open = "<script type=\"application/json\" id=\"lesson-data\">";
  size_t start = page.find(open) + open.size();
  std::string json = page.substr(start, page.find("</script>", start) - start);
  EXPECT_EQ(Json::parse(json), sample());
}

TEST(ProbeLine, ParsesEachProbeTypeWithItsOptions) {
  ProbeLine p = parse_probe_line("ping pc1 srv -c 2 -t 3", "--after");
  EXPECT_EQ(p.type, "ping");
  EXPECT_EQ(p.from, "pc1");
  EXPECT_EQ(p.to, "srv");
  EXPECT_EQ(p.count, 2);
  EXPECT_EQ(p.ttl, 3);
  EXPECT_EQ(parse_probe_line("ping a b", "--after").count, 1);
  ProbeLine t = parse_probe_line("traceroute h1 h2 -T -p 443", "--highlight");
  EXPECT_EQ(t.mode, "tcp");
  EXPECT_EQ(t.port, 443);
  EXPECT_EQ(parse_probe_line("telnet app db 3306", "--after").port, 3306);
  ProbeLine s = parse_probe_line("ssh client 'app' -J bastion", "--after");
  EXPECT_EQ(s.to, "app");
  EXPECT_EQ(s.via, "bastion");
}

TEST(ProbeLine, RejectsWhatTheToolWouldNotAccept) {
  auto message = [](const std::string& text) { return testing::probe_line_error(text); };
  EXPECT_EQ(message("pong a b").rfind("--after: 'pong' is not a probe; write \"ping FROM TO", 0),
            0u);
  EXPECT_EQ(message("telnet a b").rfind("--after: telnet needs a PORT", 0), 0u);
  EXPECT_EQ(message("ping a b -p 3"), "--after \"ping a b -p 3\": -p has no meaning for ping");
  EXPECT_EQ(message("ping a b -c 0"), "--after: -c COUNT must be between 1 and 1000");
  EXPECT_EQ(message(""),
            "--after: empty probe; write \"ping FROM TO [-c N] [-t TTL]\", "
            "\"traceroute FROM TO [-I|-T] [-p PORT] [-m MAX]\", \"telnet FROM TO "
            "PORT\", \"ssh FROM TO [-J BASTION] [-p PORT]\" or \"curl FROM URL "
            "[-H 'Host: NAME'] [-L]\"");
  EXPECT_NE(message("ping a").find("the option '--to' is required"), std::string::npos)
      << message("ping a");
}

}  // namespace
}  // namespace vpcsim::cli
