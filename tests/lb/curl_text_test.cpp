#include <gtest/gtest.h>

#include "tools/vpcsim/format/curl_text.hpp"

namespace vpcsim::cli {
namespace {

TEST(ParseUrl, DefaultsToHttpPort80AndPathSlash) {
  std::string error;
  auto u = parse_url("api.example.net", error);
  ASSERT_TRUE(u) << error;
  EXPECT_EQ(u->scheme, "http");
  EXPECT_EQ(u->port, 80);
  EXPECT_EQ(u->path, "/");
  EXPECT_EQ(u->str(), "http://api.example.net/");
}

TEST(ParseUrl, TakesHttpsPortsPathsAndQueries) {
  std::string error;
  auto u = parse_url("HTTPS://web-alb:8443/v1/items?x=1", error);
  ASSERT_TRUE(u) << error;
  EXPECT_EQ(u->scheme, "https");
  EXPECT_EQ(u->host, "web-alb");
  EXPECT_EQ(u->port, 8443);
  EXPECT_EQ(u->path, "/v1/items?x=1");
  auto q = parse_url("https://a.example.net?x", error);
  ASSERT_TRUE(q);
  EXPECT_EQ(q->port, 443);
  EXPECT_EQ(q->path, "/?x");
}

TEST(ParseUrl, RejectsWhatCurlRejects) {
  std::string error;
  EXPECT_FALSE(parse_url("ftp://a.example.net/", error));
  EXPECT_EQ(error, "Protocol \"ftp\" not supported");
  EXPECT_FALSE(parse_url("http://a.example.net:0/", error));
  EXPECT_FALSE(parse_url("http://a.example.net:99999/", error));
  EXPECT_FALSE(parse_url("http:///x", error));
}

CurlSession session_with(sim::HttpVerdict verdict, bool connected, uint16_t status = 0) {
  CurlSession s;
  CurlExchange e;
  std::string error;
  e.url = *parse_url("http://web/", error);
  e.result.verdict = verdict;
  e.result.connected = connected;
  e.result.total_time = sim::Duration{2'500'000};
  if (status) {
    e.result.response = sim::http_response(status, "awselb/2.0", "");
  }
  s.exchanges.push_back(e);
  return s;
}

TEST(CurlText, FailuresReadLikeCurlWithItsExitCodes) {
  CurlSession refused = session_with(sim::HttpVerdict::Refused, false);
  EXPECT_EQ(curl_text(refused, false),
            "curl: (7) Failed to connect to web port 80 after 2 ms: Couldn't connect to server\n");
  EXPECT_EQ(curl_exit_code(refused), 7);
  CurlSession timeout = session_with(sim::HttpVerdict::Timeout, false);
  EXPECT_EQ(curl_text(timeout, false), "curl: (28) Connection timed out after 2 milliseconds\n");
  EXPECT_EQ(curl_exit_code(timeout), 28);
  CurlSession slow = session_with(sim::HttpVerdict::Timeout, true);
  EXPECT_EQ(curl_text(slow, false),
            "curl: (28) Operation timed out after 2 milliseconds with 0 bytes received\n");
  CurlSession unresolved;
  unresolved.resolve_error = "nowhere.invalid";
  EXPECT_EQ(curl_text(unresolved, false), "curl: (6) Could not resolve host: nowhere.invalid\n");
  EXPECT_EQ(curl_exit_code(unresolved), 6);
}

TEST(CurlText, AnHttpErrorIsExitZeroUnlessFail) {
  CurlSession s = session_with(sim::HttpVerdict::Response, true, 503);
  EXPECT_EQ(curl_exit_code(s), 0);
  EXPECT_EQ(curl_text(s, false).substr(0, 51),
            "HTTP/1.1 503 Service Temporarily Unavailable\nServer");
  s.fail_on_error = true;
  EXPECT_EQ(curl_exit_code(s), 22);
  // vpcsim's own codes, as every command's (DESIGN.md section 5).
  EXPECT_EQ(vpcsim_exit_code(0), 0);
  EXPECT_EQ(vpcsim_exit_code(6), 2);
  for (int failed : {7, 22, 28, 56}) EXPECT_EQ(vpcsim_exit_code(failed), 1) << failed;
  EXPECT_EQ(curl_text(s, false), "curl: (22) The requested URL returned error: 503\n");
}

}  // namespace
}  // namespace vpcsim::cli
