#include "sim/services/http_message.hpp"

#include <cctype>

namespace vpcsim::sim {
namespace {

bool iequal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::optional<std::string> HttpMessage::header(std::string_view name) const {
  if (!response && iequal(name, "Host")) return host;
  for (const auto& [k, v] : headers) {
    if (iequal(k, name)) return v;
  }
  return std::nullopt;
}

std::string HttpMessage::start_line() const {
  if (response) {
    return "HTTP/1.1 " + std::to_string(status) + " " + std::string(reason_phrase(status));
  }
  return method + " " + path + " HTTP/1.1";
}

std::string_view reason_phrase(uint16_t status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 204:
      return "No Content";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Temporarily Unavailable";  // AWS ELB's wording
    case 504:
      return "Gateway Time-out";  // AWS ELB's wording
    default:
      return "Unknown";
  }
}

HttpMessage http_request(std::string host, std::string path) {
  HttpMessage m;
  m.host = std::move(host);
  m.path = std::move(path);
  m.headers = {{"User-Agent", "vpcsim-curl/0.1"}, {"Accept", "*/*"}};
  return m;
}

HttpMessage http_response(uint16_t status, std::string server, std::string body) {
  HttpMessage m;
  m.response = true;
  m.status = status;
  m.headers = {{"Server", std::move(server)},
               {"Content-Type", "text/plain"},
               {"Content-Length", std::to_string(body.size())}};
  m.body = std::move(body);
  return m;
}

std::string http_text(const HttpMessage& m) {
  std::string s = m.start_line() + "\r\n";
  if (!m.response) s += "Host: " + m.host + "\r\n";
  for (const auto& [k, v] : m.headers) s += k + ": " + v + "\r\n";
  s += "\r\n";
  s += m.body;
  return s;
}

std::vector<uint8_t> wire_bytes(const HttpMessage& m) {
  std::string text = http_text(m);
  return std::vector<uint8_t>(text.begin(), text.end());
}

}  // namespace vpcsim::sim
