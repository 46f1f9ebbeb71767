#include <gtest/gtest.h>

#include "sim/services/http_message.hpp"

namespace vpcsim::sim {
namespace {

TEST(HttpMessage, RequestIsHttp11TextWithHostUserAgentAndAccept) {
  HttpMessage m = http_request("api.example.net", "/v1/items?x=1");
  EXPECT_EQ(http_text(m),
            "GET /v1/items?x=1 HTTP/1.1\r\n"
            "Host: api.example.net\r\n"
            "User-Agent: vpcsim-curl/0.1\r\n"
            "Accept: */*\r\n"
            "\r\n");
  EXPECT_EQ(wire_bytes(m).size(), http_text(m).size());
}

TEST(HttpMessage, ResponseHasStatusLineServerAndContentLength) {
  HttpMessage m = http_response(200, "vpcsim-httpd", "hello\n");
  EXPECT_EQ(http_text(m),
            "HTTP/1.1 200 OK\r\n"
            "Server: vpcsim-httpd\r\n"
            "Content-Type: text/plain\r\n"
            "Content-Length: 6\r\n"
            "\r\n"
            "hello\n");
}

TEST(HttpMessage, HeadersAreFoundWhateverTheirCase) {
  HttpMessage m = http_request("a.example.net", "/");
  EXPECT_EQ(m.header("host"), "a.example.net");
  EXPECT_EQ(m.header("user-agent"), "vpcsim-curl/0.1");
  EXPECT_FALSE(m.header("Location").has_value());
}

TEST(HttpMessage, LoadBalancerErrorsUseAwsWording) {
  EXPECT_EQ(reason_phrase(504), "Gateway Time-out");
  EXPECT_EQ(reason_phrase(503), "Service Temporarily Unavailable");
  EXPECT_EQ(reason_phrase(301), "Moved Permanently");
}

}  // namespace
}  // namespace vpcsim::sim
