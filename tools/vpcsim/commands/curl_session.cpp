#include "tools/vpcsim/commands/curl_session.hpp"

#include <cctype>

#include "sim/probes/http_request.hpp"
#include "sim/services/dns_client.hpp"
#include "topology/dns_lower.hpp"

namespace vpcsim::cli {
namespace {

constexpr int kMaxRedirects = 10;

struct Resolved {
  sim::Ipv4Addr ip;
  std::optional<std::string> by;  // "DNS (…)" when looked up
};

std::optional<Resolved> resolve_host(sim::Simulation& sim, const topo::TopologySpec& spec,
                                     const topo::LoweredTopology& lowered,
                                     const topo::Endpoint& from, const std::string& host,
                                     const AfterRun& after_run,
                                     std::optional<sim::ProbeReason>& why) {
  if (auto ip = lowered.resolve(from, host)) return Resolved{*ip, std::nullopt};
  std::string no_resolver;
  auto resolver = topo::resolver_of(spec, lowered, from, &no_resolver);
  if (!resolver) {
    why = sim::ProbeReason{
        sim::DropReason::DnsNoResolver, from.device, from.name, no_resolver, {}, {}, {}, {}};
    return std::nullopt;
  }
  sim::DnsQueryResult q =
      sim::run_dns_query(sim, from.device, resolver->ip, host, sim::dns_type::kA);
  if (after_run) after_run("DNS lookup of " + host + " (" + resolver->label + ")");
  std::vector<sim::Ipv4Addr> addresses = q.addresses();
  if (addresses.empty()) {
    why = q.reason;
    return std::nullopt;
  }
  return Resolved{addresses.front(), "DNS (" + resolver->label + ")"};
}

}  // namespace

CurlSession run_curl(sim::Simulation& sim, const topo::TopologySpec& spec,
                     const topo::LoweredTopology& lowered, const topo::Endpoint& from,
                     const CurlRequest& request, const AfterRun& after_run) {
  CurlSession session;
  session.from = from.name;
  session.url = request.url;
  session.fail_on_error = request.fail_on_error;
  std::string error;
  std::optional<Url> url = parse_url(request.url, error);
  if (!url) throw UsageError("URL '" + request.url + "': " + error);
  std::optional<std::string> host_header = request.host_header;
  for (int i = 0; i <= kMaxRedirects; ++i) {
    std::optional<sim::ProbeReason> why;
    auto target = resolve_host(sim, spec, lowered, from, url->host, after_run, why);
    if (!target) {
      session.resolve_error = url->host;
      session.resolve_reason = why;
      break;
    }
    // As curl: the port goes in Host only when it is not the scheme's default.
    const bool default_port = url->port == (url->scheme == "https" ? 443 : 80);
    std::string host = host_header.value_or(
        url->host + (default_port ? std::string() : ":" + std::to_string(url->port)));
    sim::HttpRequestOptions options;
    options.timeout = request.timeout;
    CurlExchange e;
    e.url = *url;
    e.host_header = host;
    e.resolved_by = target->by;
    e.result = sim::run_http_request(sim, from.device, target->ip, url->port,
                                     sim::http_request(host, url->path), options);
    if (after_run) {
      after_run("Request " + std::to_string(i + 1) + ": " + from.name + " -> " + url->str() + " (" +
                target->ip.str() + " port " + std::to_string(url->port) + ", Host: " + host + ")");
    }
    if (e.result.verdict != sim::HttpVerdict::Response) {
      blame_missing_public_ip(lowered, from, url->host, e.result.reason);
    }
    session.exchanges.push_back(std::move(e));
    const sim::HttpResult& r = session.exchanges.back().result;
    if (!request.follow || !r.response || r.status() < 300 || r.status() >= 400) break;
    auto location = r.response->header("Location");
    if (!location) break;
    std::optional<Url> next = parse_url(*location, error);
    if (!next) break;
    url = next;
    host_header.reset();  // curl sends the new URL's host after a redirect
  }
  return session;
}

std::optional<std::string> parse_host_header(const std::vector<std::string>& headers) {
  std::optional<std::string> host;
  for (const std::string& h : headers) {
    size_t colon = h.find(':');
    std::string name = h.substr(0, colon);
    for (char& c : name) c = char(std::tolower(static_cast<unsigned char>(c)));
    if (colon == std::string::npos || name != "host") {
      throw UsageError("-H '" + h + "': only the Host header is supported (-H 'Host: NAME')");
    }
    std::string value = h.substr(colon + 1);
    value.erase(0, value.find_first_not_of(" \t"));
    value.erase(value.find_last_not_of(" \t") + 1);
    if (value.empty()) throw UsageError("-H '" + h + "': the Host header needs a value");
    host = value;
  }
  return host;
}

}  // namespace vpcsim::cli
