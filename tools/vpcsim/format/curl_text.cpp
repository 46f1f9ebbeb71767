#include "tools/vpcsim/format/curl_text.hpp"

#include <cctype>

#include "tools/vpcsim/format/probe_json.hpp"

namespace vpcsim::cli {
namespace {

using Json = nlohmann::ordered_json;

int64_t ms(sim::Duration d) { return d.ns / 1'000'000; }

std::string host_shown(const CurlExchange& e) { return e.url.host; }

// curl's connection failure line for a result that got no response.
std::string failure_line(const CurlExchange& e) {
  const sim::HttpResult& r = e.result;
  const std::string target = host_shown(e) + " port " + std::to_string(e.url.port);
  switch (r.verdict) {
    case sim::HttpVerdict::Refused:
      if (r.connected) return "curl: (56) Recv failure: Connection reset by peer";
      return "curl: (7) Failed to connect to " + target + " after " +
             std::to_string(ms(r.total_time)) + " ms: Couldn't connect to server";
    case sim::HttpVerdict::Unreachable: {
      std::string why = r.local_error ? *r.local_error : "No route to host";
      return "curl: (7) Failed to connect to " + target + " after " +
             std::to_string(ms(r.total_time)) + " ms: " + why;
    }
    case sim::HttpVerdict::Timeout:
      if (r.connected) {
        return "curl: (28) Operation timed out after " + std::to_string(ms(r.total_time)) +
               " milliseconds with 0 bytes received";
      }
      return "curl: (28) Connection timed out after " + std::to_string(ms(r.total_time)) +
             " milliseconds";
    case sim::HttpVerdict::Response:
      break;
  }
  return "";
}

void response_text(const sim::HttpMessage& m, const std::string& prefix, std::string& out) {
  out += prefix + m.start_line() + "\n";
  for (const auto& [k, v] : m.headers) out += prefix + k + ": " + v + "\n";
  out += prefix + "\n";
}

Json message_json(const sim::HttpMessage& m) {
  Json j = Json::object();
  if (m.response) j["status"] = m.status;
  j["start_line"] = m.start_line();
  Json headers = Json::array();
  if (!m.response) headers.push_back(Json::array({"Host", m.host}));
  for (const auto& [k, v] : m.headers) headers.push_back(Json::array({k, v}));
  j["headers"] = std::move(headers);
  j["body"] = m.body;
  return j;
}

std::string node_name(const sim::Network& net, std::optional<sim::DeviceId> d) {
  return d ? net.device(*d).name() : "";
}

}  // namespace

const std::optional<sim::ProbeReason>& CurlSession::reason() const {
  static const std::optional<sim::ProbeReason> kNone;
  if (resolve_error) return resolve_reason;
  return exchanges.empty() ? kNone : exchanges.back().result.reason;
}

std::string Url::str() const {
  std::string s = scheme + "://" + host;
  if (explicit_port) s += ":" + std::to_string(port);
  return s + path;
}

std::optional<Url> parse_url(const std::string& text, std::string& error) {
  Url u;
  std::string rest = text;
  size_t sep = rest.find("://");
  if (sep != std::string::npos) {
    u.scheme = rest.substr(0, sep);
    for (char& c : u.scheme) c = char(std::tolower(static_cast<unsigned char>(c)));
    rest = rest.substr(sep + 3);
    if (u.scheme != "http" && u.scheme != "https") {
      error = "Protocol \"" + u.scheme + "\" not supported";  // curl: (1)
      return std::nullopt;
    }
  }
  u.port = u.scheme == "https" ? 443 : 80;
  size_t slash = rest.find_first_of("/?");
  std::string authority = rest.substr(0, slash);
  if (slash != std::string::npos) u.path = rest.substr(slash);
  if (!u.path.empty() && u.path[0] == '?') u.path = "/" + u.path;
  size_t colon = authority.find(':');
  u.host = authority.substr(0, colon);
  if (colon != std::string::npos) {
    std::string p = authority.substr(colon + 1);
    unsigned long v = 0;
    bool ok = !p.empty() && p.size() <= 5 && p.find_first_not_of("0123456789") == std::string::npos;
    if (ok) v = std::stoul(p);
    if (!ok || v < 1 || v > 65535) {
      error = "Port number was not a decimal number between 0 and 65535";  // curl: (3)
      return std::nullopt;
    }
    u.port = uint16_t(v);
    u.explicit_port = true;
  }
  if (u.host.empty()) {
    error = "No host part in the URL";  // curl: (3)
    return std::nullopt;
  }
  return u;
}

int curl_exit_code(const CurlSession& s) {
  if (s.resolve_error) return 6;
  const CurlExchange* e = s.last();
  if (!e) return 6;
  switch (e->result.verdict) {
    case sim::HttpVerdict::Response:
      return s.fail_on_error && e->result.status() >= 400 ? 22 : 0;
    case sim::HttpVerdict::Refused:
      return e->result.connected ? 56 : 7;
    case sim::HttpVerdict::Unreachable:
      return 7;
    case sim::HttpVerdict::Timeout:
      return 28;
  }
  return 0;
}

int vpcsim_exit_code(int curl_code) {
  if (curl_code == 0) return 0;
  return curl_code == 6 ? 2 : 1;
}

std::string curl_text(const CurlSession& s, bool verbose) {
  std::string out;
  for (const CurlExchange& e : s.exchanges) {
    const sim::HttpResult& r = e.result;
    if (verbose) {
      out += "*   Trying " + r.dst.str() + ":" + std::to_string(e.url.port) + "...\n";
      if (r.connected) {
        out += "* Connected to " + e.url.host + " (" + r.dst.str() + ") port " +
               std::to_string(e.url.port) + " (#0)\n";
        if (e.url.scheme == "https") {
          out += "* TLS is not modelled: the request goes to the HTTPS listener in clear text\n";
        }
        out += "> " + r.request.start_line() + "\n";
        out += "> Host: " + r.request.host + "\n";
        for (const auto& [k, v] : r.request.headers) out += "> " + k + ": " + v + "\n";
        out += "> \n";
      }
    }
    if (r.verdict != sim::HttpVerdict::Response || !r.response) {
      out += failure_line(e) + "\n";
      return out;
    }
    const sim::HttpMessage& m = *r.response;
    if (s.fail_on_error && m.status >= 400) {
      // curl -f stops at the status line: nothing of the response is written.
      if (verbose) out += "< " + m.start_line() + "\n";
      out += "curl: (22) The requested URL returned error: " + std::to_string(m.status) + "\n";
      return out;
    }
    response_text(m, verbose ? "< " : "", out);
    bool follows = &e != &s.exchanges.back();
    if (verbose && follows) {
      out += "* Issue another request to this URL: '" + m.header("Location").value_or("") + "'\n";
    }
    out += m.body;
    if (verbose) out += "* Connection #0 to host " + e.url.host + " left intact\n";
  }
  if (s.resolve_error) out += "curl: (6) Could not resolve host: " + *s.resolve_error + "\n";
  return out;
}

Json curl_json(const CurlSession& s, const sim::Network& net) {
  Json j = Json::object();
  j["probe"] = "curl";
  j["from"] = s.from;
  j["url"] = s.url;
  const CurlExchange* last = s.last();
  std::string result = "unresolved";
  if (last && !s.resolve_error) result = std::string(sim::verdict_name(last->result.verdict));
  j["result"] = result;
  j["status"] = last && last->result.response ? Json(last->result.status()) : Json();
  j["served_by"] =
      last && last->result.served_by ? Json(node_name(net, last->result.served_by)) : Json();
  j["seen_source"] = last && last->result.served_by ? Json(last->result.seen_source.str()) : Json();
  j["exit_code"] = vpcsim_exit_code(curl_exit_code(s));
  j["curl_exit_code"] = curl_exit_code(s);
  j["reason"] = reason_json(s.reason());
  j["resolve_error"] = s.resolve_error ? Json(*s.resolve_error) : Json();
  Json xs = Json::array();
  for (const CurlExchange& e : s.exchanges) {
    const sim::HttpResult& r = e.result;
    Json x = Json::object();
    x["url"] = e.url.str();
    x["resolved_by"] = e.resolved_by ? Json(*e.resolved_by) : Json();
    x["src"] = r.src.is_unspecified() ? Json() : Json(r.src.str());
    x["dst"] = r.dst.str();
    x["src_port"] = r.src_port;
    x["dst_port"] = r.dst_port;
    x["result"] = std::string(sim::verdict_name(r.verdict));
    x["connected"] = r.connected;
    x["time_ms"] = double(r.total_time.ns / 1000) / 1000.0;
    x["request"] = message_json(r.request);
    x["response"] = r.response ? message_json(*r.response) : Json();
    x["served_by"] = r.served_by ? Json(node_name(net, r.served_by)) : Json();
    x["seen_source"] = r.served_by ? Json(r.seen_source.str()) : Json();
    x["seen_port"] = r.served_by ? Json(r.seen_port) : Json();
    x["reason"] = reason_json(r.reason);
    x["local_error"] = r.local_error ? Json(*r.local_error) : Json();
    xs.push_back(std::move(x));
  }
  j["exchanges"] = std::move(xs);
  return j;
}

}  // namespace vpcsim::cli
