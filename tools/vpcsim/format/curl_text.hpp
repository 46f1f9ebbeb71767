#pragma once
// `vpcsim curl`: a URL, the exchanges it took (one, or several with -L
// following redirects), printed as curl prints them:
//   default   curl -sS -i: the status line, the headers and the body;
//   -v        curl -v: "*   Trying …", "* Connected to …", "> " request lines,
//             "< " response lines, then the body;
//   failures  "curl: (7) Failed to connect to HOST port P after N ms: Couldn't
//             connect to server", "curl: (28) Connection timed out after N
//             milliseconds", "curl: (6) Could not resolve host: NAME", with
//             curl's exit codes (7, 28, 6; 22 for an HTTP error with -f).
// Lines end in "\n" (curl writes the headers with "\r\n"; a terminal shows the same).
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/fabric/network.hpp"
#include "sim/probes/http_request.hpp"

namespace vpcsim::cli {

// A URL as curl takes it: scheme://host[:port][/path]; no scheme means http.
struct Url {
  std::string scheme = "http";
  std::string host;
  uint16_t port = 80;
  bool explicit_port = false;
  std::string path = "/";
  [[nodiscard]] std::string str() const;
};
// nullopt (with `error` set) for what curl would reject.
[[nodiscard]] std::optional<Url> parse_url(const std::string& text, std::string& error);

// One request of the session.
struct CurlExchange {
  Url url;
  std::string host_header;  // what the request said in Host:
  sim::HttpResult result;
  std::optional<std::string> resolved_by;  // "DNS (8.8.8.8)" when the name was looked up
};

struct CurlSession {
  std::string from;
  std::string url;  // as typed
  std::vector<CurlExchange> exchanges;
  std::optional<std::string> resolve_error;        // the host that could not be resolved
  std::optional<sim::ProbeReason> resolve_reason;  // why (nxdomain, no resolver, a drop…)
  bool fail_on_error = false;                      // -f
  [[nodiscard]] const CurlExchange* last() const {
    return exchanges.empty() ? nullptr : &exchanges.back();
  }
  // Why the session failed or got a load balancer's 5XX, if known.
  [[nodiscard]] const std::optional<sim::ProbeReason>& reason() const;
};

// curl's exit code: 0; 6 (could not resolve), 7 (could not connect), 28 (timed
// out), 22 (-f and a status of 400 or more).
[[nodiscard]] int curl_exit_code(const CurlSession& s);
// vpcsim's exit code for it, as every vpcsim command's (DESIGN.md section 5): 0 a
// response came, 1 none did (or -f and a status of 400 or more), 2 the host name does
// not resolve (as `vpcsim ping` with an unknown name, and iputils ping). curl's own
// code stays in the error line ("curl: (7) ...") and in the JSON.
[[nodiscard]] int vpcsim_exit_code(int curl_code);
// What curl prints (stdout and its error line), `verbose` as with -v.
[[nodiscard]] std::string curl_text(const CurlSession& s, bool verbose);
// {"probe": "curl", "from", "url", "result": "response"|"refused"|"timeout"|
//  "unreachable"|"unresolved", "status", "served_by", "seen_source", "exit_code",
//  "reason", "exchanges": [{"url", "src", "dst", "src_port", "dst_port", "result",
//  "time_ms", "request": {"start_line", "headers": [[name, value]]}, "response":
//  null | {"status", "status_line", "headers", "body"}, "served_by", "seen_source",
//  "seen_port", "reason"}]}
[[nodiscard]] nlohmann::ordered_json curl_json(const CurlSession& s, const sim::Network& net);

}  // namespace vpcsim::cli
